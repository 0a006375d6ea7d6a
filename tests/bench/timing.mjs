// Timing helpers shared by the Node benchmarks: medians of batch means, so one GC pause or
// a busy neighbour does not decide a figure.
import os from 'node:os';

const now = () => Number(process.hrtime.bigint()) / 1e3;  // microseconds

/** Median of `rounds` batch means (µs per call) of a synchronous function. */
export function measureSync(fn, { minBatchUs = 20000, rounds = 9 } = {}) {
  let batch = 1;
  for (;;) {  // size a batch so it lasts at least minBatchUs
    const t0 = now();
    for (let i = 0; i < batch; i++) fn();
    if (now() - t0 >= minBatchUs || batch >= 1 << 22) break;
    batch *= 2;
  }
  const means = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    for (let i = 0; i < batch; i++) fn();
    means.push((now() - t0) / batch);
  }
  return median(means);
}

/** Same for an async function (each call awaited, as a host would). */
export async function measureAsync(fn, { minBatchUs = 20000, rounds = 9 } = {}) {
  let batch = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < batch; i++) await fn();
    if (now() - t0 >= minBatchUs || batch >= 1 << 22) break;
    batch *= 2;
  }
  const means = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    for (let i = 0; i < batch; i++) await fn();
    means.push((now() - t0) / batch);
  }
  return median(means);
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}
