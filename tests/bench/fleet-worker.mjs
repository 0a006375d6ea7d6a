// One instance of the fleet (tests/bench/fleet.mjs): a serverless-style handler that keeps
// what a warm function keeps (the loaded config, the Redis connection) and runs escalate()
// per delivery. It times the engine's own calls (the machine's methods, WASM and the JSON
// crossing) apart from the network, the store and the waits, and reports its memory.
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const dist = process.env.TB_DIST;
const tb = await import(pathToFileURL(path.join(dist, 'index.mjs')).href);
const { core } = await import(pathToFileURL(path.join(dist, 'core.mjs')).href);
const { redisStore } = await import(pathToFileURL(path.join(dist, 'redis-store.mjs')).href);
await tb.init();

const ledger = new AsyncLocalStorage();
function timed(fn) {
  return function engineCall(...args) {
    const t0 = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      const acc = ledger.getStore();
      if (acc) acc.coreMs += performance.now() - t0;
    }
  };
}
for (const name of ['start', 'confirm', 'receive', 'tick', 'resume', 'snapshot', 'record', 'setCategories', 'dispose']) {
  tb.Escalation.prototype[name] = timed(tb.Escalation.prototype[name]);
}
tb.Escalation.restore = timed(tb.Escalation.restore);

let config;
let store;
let options;

async function handle(conv) {
  const acc = { coreMs: 0 };
  const t0 = performance.now();
  const outcome = await ledger.run(acc, () => tb.escalate(config, conv, { ...options, store, reason: 'fleet benchmark' }));
  return {
    status: outcome.status,
    ticketNumber: outcome.ticketNumber,
    ticketId: outcome.ticketId,
    existing: outcome.existing,
    code: outcome.code,
    storeError: outcome.storeError?.code,
    totalMs: performance.now() - t0,
    coreMs: acc.coreMs,
  };
}

function memory() {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, wasm: core.HEAPU8.byteLength };
}

async function soak({ count, sampleEvery, prefix }) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const conv = { id: `${prefix}-${i}`, employee: { id: 'e'.repeat(32), name: 'Soak Test', email: 'soak@example.com' },
      summary: `Soak escalation ${i}`, messages: [{ role: 'employee', text: `The printer on floor ${i % 9} jams (${i}).` }] };
    const r = await handle(conv);
    if (r.status !== 'escalated') samples.push({ n: i + 1, failed: r.code });
    if ((i + 1) % sampleEvery === 0) samples.push({ n: i + 1, ...memory() });
  }
  return samples;
}

process.on('message', async (msg) => {
  try {
    if (msg.type === 'init') {
      config = tb.loadConfig(msg.config);
      store = await redisStore(msg.redisUrl);
      options = msg.options;
      process.send({ type: 'ready', pid: process.pid });
    } else if (msg.type === 'deliver') {
      const result = await handle(msg.conv);
      process.send({ type: 'done', deliveryId: msg.deliveryId, convIndex: msg.convIndex, ...result });
    } else if (msg.type === 'soak') {
      process.send({ type: 'soaked', samples: await soak(msg) });
    } else if (msg.type === 'exit') {
      await store?.close();
      process.exit(0);
    }
  } catch (e) {
    // 'init-failed' lets the driver stop at once: a worker that cannot start answers nothing.
    const type = msg.type === 'init' ? 'init-failed' : 'error';
    process.send({ type, deliveryId: msg.deliveryId, convIndex: msg.convIndex, message: String(e?.stack ?? e) });
  }
});
process.send({ type: 'loaded' });
