// End to end over real HTTP on 127.0.0.1: the WASM build escalates against the built-in
// ITSM, under each fault the ITSM can inject, and never leaks a secret.
import assert from 'node:assert/strict';
import net from 'node:net';
import test from 'node:test';

import {
  assertNoSecrets, exampleConversation, exampleSecrets, incidents, queueFaults, tb, withSimulator,
} from './support.mjs';

async function run(config, conversation = exampleConversation(), options = {}) {
  const seen = [];
  const outcome = await tb.escalate(config, conversation, {
    confirm: async () => true,
    onAction: (a) => seen.push(JSON.stringify(a)),
    seed: 1,
    ...options,
  });
  return { outcome, seen };
}

test('a confirmed escalation creates one incident with the conversation and reports its number', async (t) => {
  const { sim, config } = await withSimulator(t);
  const conv = exampleConversation();
  const { outcome, seen } = await run(config, conv);
  assert.equal(outcome.status, 'escalated');
  assert.match(outcome.ticketNumber, /^INC\d{7}$/);
  assert.match(outcome.ticketId, /^[0-9a-f]{32}$/);
  assert.ok(outcome.employeeMessage.includes(outcome.ticketNumber));
  assert.equal(outcome.record.status, 'escalated');
  assert.equal(outcome.record.statusLabel, 'Escalated');
  assert.deepEqual(outcome.record.ticket, { id: outcome.ticketId, number: outcome.ticketNumber });

  const all = await incidents(sim);
  assert.equal(all.length, 1);
  const inc = all[0];
  assert.equal(inc.number, outcome.ticketNumber);
  assert.equal(inc.correlation_id, tb.escalationKey(conv.id));
  for (const m of conv.messages) assert.ok(inc.description.includes(m.text), `transcript lost: ${m.text}`);
  assert.ok(JSON.stringify(inc).includes(conv.diagnostics[0].result));
  assert.equal(inc.category, 'Hardware');
  assert.equal(inc.subcategory, 'Battery');
  assertNoSecrets(assert, seen.join('\n') + JSON.stringify(outcome), exampleSecrets);
});

test('declining creates nothing', async (t) => {
  const { sim, config } = await withSimulator(t);
  const { outcome } = await run(config, exampleConversation(), { confirm: async () => false });
  assert.equal(outcome.status, 'declined');
  assert.equal((await incidents(sim)).length, 0);
});

// Each fault of the built-in ITSM, and what the employee ends up with.
const faultCases = [
  { faults: ['500'], status: 'escalated', tickets: 1 },
  { faults: ['502'], status: 'escalated', tickets: 1 },
  { faults: ['503'], status: 'escalated', tickets: 1 },
  { faults: ['504'], status: 'escalated', tickets: 1 },
  { faults: ['429:1'], status: 'escalated', tickets: 1 },
  { faults: ['timeout'], status: 'escalated', tickets: 1 },
  { faults: ['reset'], status: 'escalated', tickets: 1 },
  { faults: ['badjson'], status: 'escalated', tickets: 1, existing: true },
  { faults: ['commit-then-timeout'], status: 'escalated', tickets: 1, existing: true },
  { faults: ['commit-then-reset'], status: 'escalated', tickets: 1, existing: true },
  { faults: ['slow:100'], status: 'escalated', tickets: 1 },
  { faults: ['html200'], status: 'escalated', tickets: 1 },
  { faults: ['html200', 'html200'], status: 'escalated', tickets: 1 },
  { faults: Array(6).fill('html200'), status: 'failed', code: 'ITSM_RESPONSE_NOT_JSON', tickets: 0 },
  { faults: ['401'], status: 'failed', code: 'ITSM_UNAUTHORIZED', tickets: 0 },
  { faults: ['403'], status: 'failed', code: 'ITSM_FORBIDDEN', tickets: 0 },
  { faults: ['503', '503', '503', '503', '503'], status: 'failed', code: 'ITSM_UNAVAILABLE', tickets: 0 },
];

// These faults are aimed at the create: the ITSM takes them in request order, so the lookup
// before the first create is turned off here; the next test puts faults on that lookup.
for (const c of faultCases) {
  test(`fault ${c.faults.join(', ')} -> ${c.status}${c.code ? ' ' + c.code : ''}`, async (t) => {
    const { sim, config } = await withSimulator(t, { tweak: (cfg) => { cfg.escalation.lookupBeforeCreate = 'never'; } });
    await queueFaults(sim, c.faults);
    const { outcome, seen } = await run(config);
    assert.equal(outcome.status, c.status, JSON.stringify(outcome.record.audit, null, 1));
    if (c.code) assert.equal(outcome.code, c.code);
    if (c.status === 'failed') {
      assert.equal(outcome.fallbackUrl, 'https://support.example.com/portal/new-request');
      assert.ok(outcome.employeeMessage.includes(outcome.fallbackUrl));
      assert.ok(outcome.summary.length > 0);
      assert.equal(outcome.record.status, 'escalation_failed');
    }
    if (c.existing !== undefined) assert.equal(outcome.existing, c.existing);
    const all = await incidents(sim);
    assert.equal(all.length, c.tickets, 'tickets in the ITSM');
    if (c.status === 'escalated') assert.equal(all[0].number, outcome.ticketNumber);
    assertNoSecrets(assert, seen.join('\n') + JSON.stringify(outcome), exampleSecrets);
  });
}

test('faults on the lookup before the first create are retried, and it still ends in one ticket', async (t) => {
  for (const faults of [['500'], ['timeout', '503'], ['reset', 'badjson', 'html200'], ['commit-then-reset']]) {
    const { sim, config } = await withSimulator(t);
    await queueFaults(sim, faults);
    const { outcome } = await run(config, { ...exampleConversation(), id: `looked-${faults.join('-')}` });
    assert.equal(outcome.status, 'escalated', faults.join(','));
    assert.equal(outcome.existing, false);
    assert.equal((await incidents(sim)).length, 1);
    const stats = await (await fetch(sim.url.replace(/\/$/, '') + '/__sim/stats')).json();
    assert.equal(stats.requests['GET /api/now/table/incident'], faults.length + 1, 'each fault cost one lookup');
    assert.equal(stats.requests['POST /api/now/table/incident'], 1);
  }
});

test('a read-only account gets the ITSM\'s 403 and the fallback', async (t) => {
  const { config } = await withSimulator(t, {
    tweak: (c) => { c.credentials.servicenow.auth = { type: 'basic', username: 'tb.readonly', password: 'tb-readonly-password' }; },
  });
  const { outcome, seen } = await run(config);
  assert.equal(outcome.status, 'failed');
  assert.equal(outcome.code, 'ITSM_FORBIDDEN');
  assertNoSecrets(assert, seen.join('\n') + JSON.stringify(outcome), ['tb-readonly-password']);
});

test('OAuth2 client credentials: the token is fetched through fetch, cached, and never shown', async (t) => {
  const { sim, config } = await withSimulator(t, {
    tweak: (c) => { c.credentials.servicenow.auth = { type: 'oauth2ClientCredentials', tokenUrl: 'oauth_token.do', clientId: 'tb-client', clientSecret: 'tb-client-secret' }; },
  });
  const loaded = tb.loadConfig(config);
  const tokenResponses = [];
  const recordingFetch = async (url, init) => {
    const res = await fetch(url, init);
    if (String(url).endsWith('/oauth_token.do')) tokenResponses.push(await res.clone().json());
    return res;
  };
  const first = await run(loaded, exampleConversation(), { fetch: recordingFetch });
  assert.equal(first.outcome.status, 'escalated');
  const second = await run(loaded, { ...exampleConversation(), id: 'another-conversation' }, { fetch: recordingFetch });
  assert.equal(second.outcome.status, 'escalated');
  assert.equal(tokenResponses.length, 1, 'the token is cached across escalations');
  assert.equal((await incidents(sim)).length, 2);
  const token = tokenResponses[0].access_token;
  assertNoSecrets(assert, [...first.seen, ...second.seen, JSON.stringify(first.outcome), JSON.stringify(second.outcome)].join('\n'),
    ['tb-client-secret', token]);
});

test('wrong OAuth2 client secret fails with the fallback', async (t) => {
  const { config } = await withSimulator(t, {
    tweak: (c) => { c.credentials.servicenow.auth = { type: 'oauth2ClientCredentials', tokenUrl: 'oauth_token.do', clientId: 'tb-client', clientSecret: 'not-the-secret' }; },
  });
  const { outcome } = await run(config);
  assert.equal(outcome.status, 'failed');
  assert.ok(['ITSM_UNAUTHORIZED', 'ITSM_BAD_REQUEST'].includes(outcome.code), outcome.code);
});

async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('an unreachable ITSM fails with the fallback after retrying', async (t) => {
  const port = await closedPort();
  const { config } = await withSimulator(t, {
    // The lookup before the first create is retried until the deadline (a ticket another
    // instance made may exist), so the deadline, not maxAttempts, sets how long this takes.
    tweak: (c) => {
      c.credentials.servicenow.baseUrl = `http://127.0.0.1:${port}/`;
      Object.assign(c.escalation.retry, { maxAttempts: 2, deadlineMs: 2000 });
    },
  });
  const { outcome } = await run(config);
  assert.equal(outcome.status, 'failed');
  assert.equal(outcome.code, 'ITSM_UNREACHABLE');
});

test('a second escalation of the same conversation returns the same ticket', async (t) => {
  const { sim, config } = await withSimulator(t);
  const store = tb.memoryStore();
  const first = await run(config, exampleConversation(), { store });
  const second = await run(config, exampleConversation(), { store });
  assert.equal(second.outcome.status, 'escalated');
  assert.equal(second.outcome.ticketNumber, first.outcome.ticketNumber);
  assert.equal(second.outcome.existing, true);
  assert.equal((await incidents(sim)).length, 1);
});
