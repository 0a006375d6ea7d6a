// The WASM boundary's one reply convention ({"ok":true,"value"} / {"ok":false,"error"}), the
// limits the façade reads from the core instead of keeping its own copies, and the Test
// panel's flow (now the core's) over a real socket.
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { dist, exampleConfig, exampleConversation } from './support.mjs';

// The unbundled entry beside the core.mjs this suite reaches into (support.mjs's tb is the
// bundled one a program gets, with its own copy of the loader).
const tb = await import(path.join(dist, 'index.mjs'));
await tb.init();
const { core, hostLimits } = await import(path.join(dist, 'core.mjs'));
const { NativeDocument, NativeExpression } = await import(path.join(dist, 'native-jsonata.mjs'));
const { NativeConfig, NativeEscalation, escalationKey, limits: limitsReply } = await import(path.join(dist, 'native-core.mjs'));

function reply(text) {
  const value = JSON.parse(text);
  assert.equal(typeof value.ok, 'boolean', text);
  if (value.ok) assert.ok('value' in value, text);
  else assert.equal(typeof value.error.code, 'string', text);
  return value;
}

test('every call across the boundary answers with one reply shape', () => {
  // The product core's plain exports (no Embind either), through the façade's wrappers.
  assert.equal(reply(limitsReply()).value.version, tb.version);
  assert.equal(reply(escalationKey('c-1')).value, tb.escalationKey('c-1'));
  const config = new NativeConfig();
  try {
    const bad = reply(config.load('{"credentials": 1}'));
    assert.equal(bad.ok, false);
    assert.ok(bad.error.code.startsWith('CONFIG_'));
    assert.ok(Array.isArray(bad.error.errors) && bad.error.errors.length >= 1);
    assert.equal(reply(config.render('createIncident', '', '')).error.code, 'CONFIG_NOT_LOADED');
    const good = reply(config.load(JSON.stringify(exampleConfig())));
    assert.ok(good.ok && good.value.apiCalls.createIncident);
    assert.equal(reply(config.tokenRequest('createIncident')).value, null);  // basic auth: no token
    assert.equal(reply(config.redact('pw tb-demo-password', '')).value, 'pw ***');
    const machine = new NativeEscalation(config);
    try {
      assert.equal(reply(machine.phase()).value, 'idle');
      assert.equal(reply(machine.restore('{')).error.code, 'SNAPSHOT_INVALID_JSON');
    } finally {
      machine.delete();
      machine.delete();  // a second delete() frees nothing twice
    }
    // A freed object is a coded error, never a call on freed memory.
    assert.throws(() => machine.phase(), (err) => err.code === 'OBJECT_FREED');
  } finally {
    config.delete();
  }
  // The JSONata engine's plain exports (no Embind), through the façade's wrappers.
  const expression = new NativeExpression();
  try {
    // Compiling and parsing answer with an address (measured paths); 0 leaves the reply in error().
    const address = expression.compile('a.b');
    assert.ok(Number.isInteger(address) && address > 0);
    assert.deepEqual(reply(expression.plan()).value, { a: { b: true } });
    assert.equal(expression.compile('a.('), 0);
    assert.equal(reply(expression.error()).error.code.slice(0, 2), 'S0');
    assert.equal(reply(expression.plan()).error.code, 'JSONATA_NOT_COMPILED');
    // A source holding a lone surrogate crosses as its WTF-8 bytes.
    assert.ok(expression.compile(Uint8Array.from([0x60, 0xed, 0xa0, 0x80, 0x60])) > 0);
  } finally {
    expression.delete();
    expression.delete();  // a second delete() frees nothing twice
  }
  const document = new NativeDocument();
  try {
    const text = new TextEncoder().encode('{"a": [1, 2]}');
    const at = core._malloc(text.length);
    core.HEAPU8.set(text, at);
    assert.ok(document.parse(at, text.length) > 0);
    assert.equal(document.parse(at, text.length - 1), 0);
    core._free(at);
    assert.equal(reply(document.error()).error.code, 'JSONATA_INVALID_JSON');
  } finally {
    document.delete();
  }
});

test('the façade reads its limits from the core', () => {
  const limits = hostLimits();
  assert.deepEqual(limits, JSON.parse(limitsReply()).value);
  assert.equal(limits.version, tb.version);
  assert.equal(limits.maxResponseBytes, 2_000_000);
  assert.equal(limits.maxConversationBytes, 1024 * 1024);
});

test('perform() cuts a body at the core\'s response-size limit', async () => {
  const { maxResponseBytes } = hostLimits();
  const wire = { id: 'r', method: 'GET', url: 'https://itsm.example.com/', headers: {}, timeoutMs: 5000 };
  const over = await tb.perform(wire, async () => new Response('x'.repeat(maxResponseBytes + 1), { status: 200 }));
  assert.equal(over.bodyTruncated, true);
  const at = await tb.perform(wire, async () => new Response('x'.repeat(maxResponseBytes), { status: 200 }));
  assert.equal(at.bodyTruncated, false);
});

test('Escalation.start() refuses an unknown or mistyped option by name', () => {
  const machine = new tb.Escalation(exampleConfig());
  try {
    assert.throws(() => machine.start(exampleConversation(), 'r', 0, { subcategory: 'vpn' }),
      (err) => err.code === 'OPTIONS_INVALID' && err.path === '/subcategory');
    assert.throws(() => machine.start(exampleConversation(), 'r', 0, { seed: 'three' }),
      (err) => err.code === 'OPTIONS_INVALID' && err.path === '/seed');
  } finally {
    machine.dispose();
  }
});

test('a disposed Escalation answers OBJECT_FREED, never a call on freed memory', () => {
  const machine = new tb.Escalation(exampleConfig());
  machine.dispose();
  machine.dispose();  // nothing freed twice
  assert.throws(() => machine.tick(0), (err) => err instanceof tb.EscalationError && err.code === 'OBJECT_FREED');
  assert.throws(() => machine.snapshot(), (err) => err.code === 'OBJECT_FREED');
});

test('testCall(): a refused connection is ITSM_UNREACHABLE, as in an escalation', async () => {
  // A port nothing listens on: take a free one and close it again.
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  const config = exampleConfig();
  config.credentials.servicenow.baseUrl = `http://127.0.0.1:${port}/`;
  const report = await tb.testCall(config, 'createIncident', { caller_id: 'u1', short_description: 'Test', correlation_id: 'tb-x' });
  assert.equal(report.status, 0);
  assert.equal(report.error.code, 'ITSM_UNREACHABLE');
  assert.equal(report.request.headers.Authorization, 'Basic ***');
  assert.equal(report.response, undefined);
});
