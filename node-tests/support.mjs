// Shared helpers for the Node suites: the package under test, the built-in ITSM on a free
// loopback port, and configurations pointing at it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dist = path.join(root, 'wasm', 'dist');
// Through the package's name, as a user's program imports it (the workspace links it): on Node
// that is the bundled entry (dist/node-index.mjs). Suites that reach into the façade's own
// modules (core.mjs) import the unbundled index.mjs beside them instead: one copy of the
// loader each.
export const tb = await import('ticketbridge');
await tb.init();
export const { startSimulator } = await import(path.join(dist, 'itsm-sim', 'index.mjs'));

// mulberry32: a small seeded generator, so a failure can be replayed.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
export const exampleConfig = () => readJson('examples/servicenow/config.json');
export const exampleConversation = () => readJson('examples/servicenow/conversation.json');

/** The secrets the example configuration holds, in every form they could leak. */
export const exampleSecrets = ['tb-demo-password', Buffer.from('tb.integration:tb-demo-password').toString('base64')];

/** Starts the simulator (memory only) and returns it with a config aimed at it. */
export async function withSimulator(t, { tweak } = {}) {
  const sim = await startSimulator({ port: 0, dataFile: null });
  t.after(() => sim.close());
  const config = exampleConfig();
  config.credentials.servicenow.baseUrl = sim.url.endsWith('/') ? sim.url : sim.url + '/';
  // Short timeouts and backoffs keep the suite quick; the behaviour is the same.
  config.escalation.timeoutMs = 500;
  config.escalation.retry = { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 200, deadlineMs: 20000 };
  tweak?.(config);
  return { sim, config };
}

export async function simJson(sim, route, init) {
  const res = await fetch(sim.url.replace(/\/$/, '') + route, init);
  return res.json();
}

export async function queueFaults(sim, next) {
  const res = await fetch(sim.url.replace(/\/$/, '') + '/__sim/faults', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ next }),
  });
  if (!res.ok) throw new Error(`could not queue faults: ${res.status} ${await res.text()}`);
}

export async function incidents(sim) {
  const body = await simJson(sim, '/__sim/incidents');
  return Array.isArray(body) ? body : body.result ?? body.incidents ?? [];
}

export function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tb-test-'));
}

/** Asserts that none of `secrets` occurs in `text`. */
export function assertNoSecrets(assert, text, secrets) {
  for (const s of secrets) assert.ok(!text.includes(s), `secret leaked: ${s.slice(0, 4)}…`);
}
