// Timing shared by the Node columns, the same rule as the native programs (bench_timing.hpp):
// a batch repeats the call, doubling from 1, until it lasts at least minBatchUs; the figure
// is the median of `rounds` batch means, so one GC pause or a busy neighbour does not decide
// it. lo/hi (the fastest and slowest batch mean) show how noisy the measurement was.

const now = () => Number(process.hrtime.bigint()) / 1e3;  // microseconds
const kMaxBatch = 1 << 22;

function summarise(means, batch) {
  const s = [...means].sort((a, b) => a - b);
  return { us: median(s), lo: s[0], hi: s[s.length - 1], batch };
}

/** {us, lo, hi, batch}: median, fastest and slowest batch mean (µs per call) of a synchronous fn. */
export function measureSync(fn, { minBatchUs, rounds }) {
  let batch = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < batch; i++) fn();
    if (now() - t0 >= minBatchUs || batch >= kMaxBatch) break;
    batch *= 2;
  }
  const means = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    for (let i = 0; i < batch; i++) fn();
    means.push((now() - t0) / batch);
  }
  return summarise(means, batch);
}

/** The same for an async function, each call awaited as a host would. */
export async function measureAsync(fn, { minBatchUs, rounds }) {
  let batch = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < batch; i++) await fn();
    if (now() - t0 >= minBatchUs || batch >= kMaxBatch) break;
    batch *= 2;
  }
  const means = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    for (let i = 0; i < batch; i++) await fn();
    means.push((now() - t0) / batch);
  }
  return summarise(means, batch);
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function geomean(values) {
  if (!values.length) return NaN;
  return Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);
}
