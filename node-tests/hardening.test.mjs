// What a hostile review found at the package's edges (issue 16): resume without a lookup
// call, tampered snapshots, inputs escalate() used to throw on, endless output expressions,
// secrets inside test reports, the module refusing memory, and the simulator as a peer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import test from 'node:test';

import {
  assertNoSecrets, dist, exampleConversation, exampleSecrets, incidents, withSimulator,
} from './support.mjs';

// The unbundled entry beside the core.mjs this suite reaches into (support.mjs's tb is the
// bundled one a program gets, with its own copy of the loader).
const tb = await import(path.join(dist, 'index.mjs'));
await tb.init();
const { core } = await import(path.join(dist, 'core.mjs'));

const run = (config, conversation, options = {}) => tb.escalate(config, conversation, { confirm: async () => true, seed: 1, ...options });

test('resume works when no lookup call is configured', async (t) => {
  // Without a lookup call a timeout is not retried: give a loaded machine time to answer.
  const { sim, config } = await withSimulator(t, { tweak: (c) => { delete c.escalation.lookup; c.escalation.timeoutMs = 10000; } });
  const store = tb.memoryStore();
  const first = await run(config, exampleConversation(), { store });
  assert.equal(first.status, 'escalated');
  // Every later call for this conversation reads the stored snapshot back.
  const second = await run(config, exampleConversation(), { store });
  assert.equal(second.status, 'escalated');
  assert.equal(second.existing, true);
  assert.equal(second.ticketNumber, first.ticketNumber);
  // "Ask again" after a decline restores too.
  const other = { ...exampleConversation(), id: 'conv-declined-then-asked' };
  assert.equal((await run(config, other, { store, confirm: async () => false })).status, 'declined');
  assert.equal((await run(config, other, { store })).status, 'escalated');
  assert.equal((await incidents(sim)).length, 2);
});

test('a corrupt snapshot is set aside, reported in the audit, and the ticket is looked up first', async (t) => {
  const { sim, config } = await withSimulator(t);
  const store = tb.memoryStore();
  const conversation = exampleConversation();
  const first = await run(config, conversation, { store });
  assert.equal(first.status, 'escalated');
  const good = JSON.parse(store.get(conversation.id));
  for (const tamper of [
    (s) => { s.attempts = 1e300; },
    (s) => { s.requestSeq = 2147483647; },
    (s) => { s.phase = 'backoff'; s.backoffUntilMs = s.deadlineMs + 2 ** 31; },
    () => '{"version": 1, "phase": ',
  ]) {
    const snap = structuredClone(good);
    const text = tamper(snap) ?? JSON.stringify(snap);
    store.set(conversation.id, text);
    const outcome = await run(config, conversation, { store });
    assert.equal(outcome.status, 'escalated');
    assert.equal(outcome.ticketNumber, first.ticketNumber);  // found by key, not created again
    assert.equal(outcome.existing, true);
    assert.ok(outcome.record.audit.some((e) => /snapshot was set aside \(SNAPSHOT_/.test(e.detail)), 'audit names the set-aside snapshot');
  }
  assert.equal((await incidents(sim)).length, 1);
});

test('every employee-controlled input ends in an outcome', async (t) => {
  const { config } = await withSimulator(t);
  const lone = exampleConversation();
  lone.id = 'conv-lone-surrogate';
  lone.messages[0].text = 'my screen shows \ud83d and then nothing';
  const repaired = await run(config, lone);
  assert.equal(repaired.status, 'escalated');

  const tooLarge = exampleConversation();
  tooLarge.id = 'conv-too-large';
  tooLarge.messages[0].text = 'x'.repeat(1100 * 1024);
  for (const [input, code] of [[tooLarge, 'CONVERSATION_TOO_LARGE'], [JSON.stringify(tooLarge), 'CONVERSATION_TOO_LARGE'],
    ['this is not JSON', 'CONVERSATION_INVALID_JSON'], [undefined, 'CONVERSATION_INVALID_JSON']]) {
    const outcome = await run(config, input, { reason: 'printer on fire' });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.code, code);
    assert.equal(outcome.fallbackUrl, 'https://support.example.com/portal/new-request');
    assert.match(outcome.summary, /printer on fire/);
    assert.match(outcome.employeeMessage, /support\.example\.com/);
  }
});

test('payload size is checked before rendering amplifies the transcript', async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.parameters.description = '{{transcript}}'.repeat(3000); } });
  const conversation = exampleConversation();
  conversation.messages[0].text = 'y'.repeat(900 * 1000);
  const outcome = await run(config, conversation);
  assert.equal(outcome.status, 'failed');
  assert.equal(outcome.code, 'TEMPLATE_TOO_LARGE');
  assert.equal((await incidents(sim)).length, 0);
});

test('an endless output expression stops at the default time limit', async (t) => {
  const { config } = await withSimulator(t, {
    tweak: (c) => { c.apiCalls.createIncident.outputs.ticketNumber = '($f := function($n){ $f($n + 1) }; $f(0))'; c.outputTimeLimitMs = 200; },
  });
  const started = Date.now();
  const outcome = await run(config, exampleConversation());
  assert.equal(outcome.status, 'failed');
  assert.equal(outcome.code, 'OUTPUT_EVALUATION_FAILED');
  assert.match(outcome.reason, /D1012/);
  assert.ok(Date.now() - started < 30000);
  // Config.outputs (the Test panel's preview) runs under the same limit.
  const outputs = tb.loadConfig(config).outputs('createIncident', '{"result":{"sys_id":"a1","number":"INC1"}}');
  assert.equal(outputs.find((o) => o.name === 'ticketNumber').error.code, 'D1012');
  const cli = spawnSync(process.execPath, [path.join(dist, 'cli.mjs'), 'jsonata', '($f := function($n){ $f($n + 1) }; $f(0))', '--time-limit-ms', '100'], { encoding: 'utf8', timeout: 60000 });
  assert.notEqual(cli.status, 0);
  assert.match(cli.stderr, /D1012/);
});

test('testCall masks values, not text: a token that spells a JSON number breaks nothing', async () => {
  const config = {
    credentials: { itsm: { baseUrl: 'https://itsm.example.com/', auth: { type: 'oauth2ClientCredentials', tokenUrl: 'oauth_token.do', clientId: 'tb-client', clientSecret: 'tb-client-secret' } } },
    apiCalls: { create: { credential: 'itsm', method: 'POST', resource: 'api/incident', outputs: { ticketNumber: 'result.number', count: 'result.count' } } },
  };
  const fetch = async (url) => {
    if (String(url).endsWith('oauth_token.do')) return new Response('{"access_token":"12345678","expires_in":3600}', { status: 200, headers: { 'content-type': 'application/json' } });
    return new Response('{"result":{"number":"INC0012345678","count":12345678,"ok":true}}', { status: 201, headers: { 'content-type': 'application/json' } });
  };
  const report = await tb.testCall(config, 'create', {}, { fetch });
  assert.equal(report.status, 201);
  assert.equal(report.response.body.result.ok, true);
  const text = JSON.stringify(report);
  assert.ok(!text.includes('12345678'), 'the token leaked');
  assertNoSecrets(assert, text, ['tb-client-secret']);
});

test('the module refusing memory is a coded error, never a write at address 0', () => {
  const malloc = core._malloc;
  core._malloc = () => 0;
  try {
    assert.throws(() => tb.parseJson('{"a":1}'), (err) => err.code === 'JSONATA_MEMORY_LIMIT');
  } finally {
    core._malloc = malloc;
  }
  assert.throws(() => tb.jsonata('$pad("x", 5e9)').evaluate(), (err) => err.code === 'JSONATA_MEMORY_LIMIT' || /^D/.test(err.code));
  assert.equal(tb.jsonata('$pad("x", 3)').evaluate(), 'x  ');
});

test('the simulator as a peer: lone surrogates, cross-origin faults, huge fault queues', async (t) => {
  const { sim } = await withSimulator(t);
  const base = sim.url.replace(/\/$/, '');
  const auth = { authorization: 'Basic ' + Buffer.from('tb.integration:tb-demo-password').toString('base64') };
  const created = await fetch(`${base}/api/now/table/incident`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
    body: '{"short_description":"half an emoji \\ud83d","caller_id":"\\udc00x"}',
  });
  assert.equal(created.status, 201);
  const list = await fetch(`${base}/api/now/table/incident?sysparm_limit=5`, { headers: { ...auth, accept: 'application/json' } });
  assert.equal(list.status, 200);
  assert.match((await list.json()).result[0].short_description, /\ufffd/);

  const plain = await fetch(`${base}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"next":["500"]}' });
  assert.equal(plain.status, 415);
  assert.deepEqual((await (await fetch(`${base}/__sim/faults`)).json()).queued, []);

  const huge = await fetch(`${base}/__sim/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ next: Array(1e6).fill('500') }),
  });
  assert.equal(huge.status, 400);
  assert.match(await huge.text(), /at most 10000/);
});

test('no secret appears in the outcomes above', async (t) => {
  const { config } = await withSimulator(t);
  const outcome = await run(config, 'not json', { reason: 'x' });
  assertNoSecrets(assert, JSON.stringify(outcome), exampleSecrets);
});
