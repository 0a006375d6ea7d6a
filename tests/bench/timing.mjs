// Timing shared by the Node columns, the same rule as the native programs (bench_timing.hpp):
// a batch repeats the call, doubling from 1, until it has used at least minBatchUs of CPU;
// the figure is the median of `rounds` batch means, so one GC pause does not decide it.
// Time is the process's CPU time (user + system, all threads, so V8's background GC and
// compiler work count against the engine that causes it), not wall time: on a machine shared
// with other jobs, wall time mostly measures how much of a core we were given. lo/hi are the
// fastest and slowest batch means; wallUs is the median in wall time, for the record.

const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;  // microseconds
};
const wallNow = () => Number(process.hrtime.bigint()) / 1e3;
const kMaxBatch = 1 << 22;

function summarise(means, walls, batch) {
  const s = [...means].sort((a, b) => a - b);
  return { us: median(s), lo: s[0], hi: s[s.length - 1], wallUs: median(walls), batch };
}

/** {us, lo, hi, wallUs, batch}: median, fastest and slowest batch mean (CPU µs per call) of a synchronous fn. */
export function measureSync(fn, { minBatchUs, rounds }) {
  let batch = 1;
  for (;;) {
    const t0 = cpuNow();
    for (let i = 0; i < batch; i++) fn();
    if (cpuNow() - t0 >= minBatchUs || batch >= kMaxBatch) break;
    batch *= 2;
  }
  const means = [];
  const walls = [];
  for (let r = 0; r < rounds; r++) {
    const w0 = wallNow();
    const t0 = cpuNow();
    for (let i = 0; i < batch; i++) fn();
    means.push((cpuNow() - t0) / batch);
    walls.push((wallNow() - w0) / batch);
  }
  return summarise(means, walls, batch);
}

/** The same for an async function, each call awaited as a host would. */
export async function measureAsync(fn, { minBatchUs, rounds }) {
  let batch = 1;
  for (;;) {
    const t0 = cpuNow();
    for (let i = 0; i < batch; i++) await fn();
    if (cpuNow() - t0 >= minBatchUs || batch >= kMaxBatch) break;
    batch *= 2;
  }
  const means = [];
  const walls = [];
  for (let r = 0; r < rounds; r++) {
    const w0 = wallNow();
    const t0 = cpuNow();
    for (let i = 0; i < batch; i++) await fn();
    means.push((cpuNow() - t0) / batch);
    walls.push((wallNow() - w0) / batch);
  }
  return summarise(means, walls, batch);
}

/** Lets V8's background compiler threads finish before the next figure (see warmUp in jsonata.mjs). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function geomean(values) {
  if (!values.length) return NaN;
  return Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);
}
