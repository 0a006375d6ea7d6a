// Exactly once across instances: the same conversation delivered to several instances (a
// retried webhook, a double click, a tab and a phone) becomes one ticket, whether the
// instances share a Redis store, a folder, or nothing but the ITSM (then the lookup before the
// first create finds the ticket). Also: a crashed holder's claim lapses and another instance
// resumes, and a store that is down never leads to a blind create.
import assert from 'node:assert/strict';
import path from 'node:path';
import test, { after } from 'node:test';

import { dist, exampleConversation, incidents, queueFaults, simJson, tb, tempDir, withSimulator } from './support.mjs';
import { REDIS_MISSING, startRedis } from '../tests/support/redis-server.mjs';

const { redisStore } = await import('ticketbridge/redis-store');  // beside support.mjs's tb: one StoreError
const redis = await startRedis();
after(() => redis?.stop());
const opened = [];
after(() => Promise.all(opened.map((s) => s.close())));
const NO_REDIS = redis ? false : REDIS_MISSING;

async function redisInstance(url = redis.url, options) {
  const store = await redisStore(url, options);
  opened.push(store);
  return store;
}

const conv = (id) => ({ ...exampleConversation(), id });
const auditText = (outcome) => outcome.record.audit.map((a) => a.detail).join('\n');

// Two or three instances, each with its own store object over shared storage.
const SHARED = [
  ['Redis', NO_REDIS, async () => { const prefix = `x${Date.now()}${Math.random()}:`; return () => redisInstance(redis.url, { prefix }); }],
  ['one folder', false, async () => { const dir = tempDir(); return () => tb.fileStore(dir); }],
  ['one process memory', false, async () => { const m = tb.memoryStore(); return async () => m; }],
];

for (const [name, skip, shared] of SHARED) {
  test(`instances sharing ${name} escalate a conversation delivered three times at once into one ticket`, { skip }, async (t) => {
    const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.requireConfirmation = false; } });
    const open = await shared();
    const stores = await Promise.all([open(), open(), open()]);
    await queueFaults(sim, ['slow:300']);  // the first request is slow, so the deliveries overlap
    const c = conv(`double-${name}`);
    const outcomes = await Promise.all(stores.map((store) => tb.escalate(config, c, { store, leaseMs: 5000, pollMs: 20 })));
    const tickets = await incidents(sim);
    assert.equal(tickets.length, 1, `tickets: ${tickets.map((x) => x.number).join(', ')}`);
    for (const o of outcomes) {
      assert.equal(o.status, 'escalated');
      assert.equal(o.ticketNumber, tickets[0].number);
      assert.equal(o.storeError, undefined);
    }
    assert.equal(outcomes.filter((o) => !o.existing).length, 1, 'one instance created it, the others report it as existing');
    const stats = await simJson(sim, '/__sim/stats');
    assert.equal(stats.requests['POST /api/now/table/incident'], 1, 'one create sent in all');
  });
}

test('with nothing shared but the ITSM, the lookup before the first create finds the ticket (lookupBeforeCreate auto)', async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.requireConfirmation = false; } });
  const c = conv('separate-folders');
  const first = await tb.escalate(config, c, { store: await tb.fileStore(tempDir()) });
  const second = await tb.escalate(config, c, { store: await tb.fileStore(tempDir()) });
  const third = await tb.escalate(config, c);  // no store at all
  assert.equal((await incidents(sim)).length, 1);
  assert.equal(first.existing, false);
  for (const o of [second, third]) {
    assert.equal(o.status, 'escalated');
    assert.equal(o.ticketNumber, first.ticketNumber);
    assert.equal(o.existing, true);
    assert.match(auditText(o), /lookupBeforeCreate auto: no history of this conversation here: looking up key tb-[0-9a-f]{32} before the first create/);
  }
});

test('lookupBeforeCreate never skips that lookup, and then separate stores duplicate (why auto is the default)', async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.requireConfirmation = false; c.escalation.lookupBeforeCreate = 'never'; } });
  const c = conv('never-looks');
  const first = await tb.escalate(config, c, { store: tb.memoryStore() });
  const second = await tb.escalate(config, c, { store: tb.memoryStore() });
  assert.equal(first.status, 'escalated');
  assert.equal(second.status, 'escalated');
  assert.equal((await incidents(sim)).length, 2);
  assert.doesNotMatch(auditText(first), /before the first create/);
  const stats = await simJson(sim, '/__sim/stats');
  assert.equal(stats.requests['GET /api/now/table/incident'] ?? 0, 0);
});

test('a crashed holder\'s claim lapses; another instance resumes and finds the ticket it created', { skip: NO_REDIS }, async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.requireConfirmation = false; } });
  const c = conv('crash-mid-create');
  const prefix = `crash${Date.now()}:`;
  let dead = false;
  const inner = await redisInstance(redis.url, { prefix });
  // Instance A: its create reaches the ITSM, then the process "dies": no answer is read, and
  // its store calls fail from then on, so nothing renews the claim.
  const deadStore = Object.fromEntries(Object.entries(inner).map(([k, fn]) => [k, (...a) => { if (dead) throw new Error('process gone'); return fn(...a); }]));
  const dying = async (url, init) => {
    const res = await fetch(url, init);
    if (init.method !== 'POST') return res;
    await res.arrayBuffer();  // the ITSM has stored the ticket; the answer is never read
    dead = true;
    return new Promise(() => {});
  };
  const startedA = Date.now();
  tb.escalate(config, c, { store: deadStore, fetch: dying, leaseMs: 600 }).catch(() => {});
  while (!dead) await new Promise((r) => setTimeout(r, 10));
  const b = await tb.escalate(config, c, { store: await redisInstance(redis.url, { prefix }), leaseMs: 600, pollMs: 20 });
  const tickets = await incidents(sim);
  assert.equal(tickets.length, 1);
  assert.equal(b.status, 'escalated');
  assert.equal(b.ticketNumber, tickets[0].number);
  assert.equal(b.existing, true);
  assert.ok(Date.now() - startedA >= 500, 'B waited for the lease to lapse');
  assert.match(auditText(b), /lost the answer to create-/);
});

test('Redis down: the escalation looks before it creates, completes, and reports the store problem', async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.requireConfirmation = false; c.escalation.lookupBeforeCreate = 'never'; } });
  const closedPort = await (await import('../tests/support/redis-server.mjs')).freePort();
  const store = await redisInstance(`redis://127.0.0.1:${closedPort}`, { connectTimeoutMs: 300, commandTimeoutMs: 300 });
  const outcome = await tb.escalate(config, conv('redis-down'), { store });
  assert.equal(outcome.status, 'escalated');
  assert.equal(outcome.storeError.code, 'STORE_UNAVAILABLE');
  assert.match(auditText(outcome), /the host's store is unavailable: looking up key/);
  const stats = await simJson(sim, '/__sim/stats');
  assert.equal(stats.requests['GET /api/now/table/incident'], 1, 'looked first, even with lookupBeforeCreate never');
  assert.equal((await incidents(sim)).length, 1);
});

test('Redis down and no lookup call configured: fails with the fallback, creates nothing', async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.requireConfirmation = false; delete c.escalation.lookup; } });
  const closedPort = await (await import('../tests/support/redis-server.mjs')).freePort();
  const store = await redisInstance(`redis://127.0.0.1:${closedPort}`, { connectTimeoutMs: 300, commandTimeoutMs: 300 });
  const outcome = await tb.escalate(config, conv('redis-down-no-lookup'), { store });
  assert.equal(outcome.status, 'failed');
  assert.equal(outcome.code, 'STORE_UNAVAILABLE');
  assert.equal(outcome.fallbackUrl, config.escalation.fallbackUrl);
  assert.ok(outcome.employeeMessage.includes(config.escalation.fallbackUrl));
  assert.equal((await incidents(sim)).length, 0);
});
