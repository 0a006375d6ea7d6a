// The package's JS API: typed errors with codes, masked display forms, the low-level
// machine, and JSONata shaped like jsonata-js.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import test from 'node:test';

import { exampleConfig, exampleConversation, exampleSecrets, tb } from './support.mjs';

test('an invalid configuration throws ConfigError listing every problem', () => {
  const config = exampleConfig();
  config.apiCalls.createIncident.headers = { Authorization: 'Basic x' };
  config.escalation.fallbackUrl = 'http://portal.example.com';
  assert.throws(() => tb.loadConfig(config), (err) => {
    assert.ok(err instanceof tb.ConfigError);
    assert.ok(err instanceof tb.TicketbridgeError);
    assert.ok(err instanceof Error);
    assert.ok(err.errors.length >= 2);
    const codes = err.errors.map((e) => `${e.code}@${e.path}`);
    assert.ok(codes.includes('CONFIG_FORBIDDEN_HEADER@/apiCalls/createIncident/headers/Authorization'), codes.join());
    assert.ok(codes.includes('CONFIG_INSECURE_URL@/escalation/fallbackUrl'), codes.join());
    assert.deepEqual(Object.keys(err.toJSON()).slice(0, 2), ['code', 'message']);
    return true;
  });
  assert.throws(() => tb.loadConfig('{"credentials": '), (err) => err.code === 'CONFIG_INVALID_JSON' && err.position >= 0);
});

test('render shows secrets masked and keeps the real request out of enumeration', () => {
  const conv = exampleConversation();
  const params = { caller_id: conv.employee.id, short_description: 's', correlation_id: tb.escalationKey(conv.id) };
  const shown = tb.render(exampleConfig(), 'createIncident', params);
  assert.equal(shown.headers.Authorization, 'Basic ***');
  assert.equal(shown.bodyJson.short_description, 's');
  assert.equal(shown.wire.headers.Authorization, 'Basic ' + Buffer.from('tb.integration:tb-demo-password').toString('base64'));
  const text = JSON.stringify(shown) + Object.keys(shown).join();
  for (const s of exampleSecrets) assert.ok(!text.includes(s));
  assert.throws(() => tb.render(exampleConfig(), 'createIncident', {}), (err) => err instanceof tb.RenderError && err.code === 'TEMPLATE_MISSING_VALUE');
});

test('a secret pasted into a parameter is masked in the shown body and bodyJson, and sent as it is', () => {
  const conv = exampleConversation();
  const params = { caller_id: conv.employee.id, short_description: 'my password is tb-demo-password, "really"', correlation_id: tb.escalationKey(conv.id) };
  const shown = tb.render(exampleConfig(), 'createIncident', params);
  assert.equal(shown.bodyJson.short_description, 'my password is ***, "really"');
  assert.deepEqual(JSON.parse(shown.body), shown.bodyJson);
  assert.equal(JSON.parse(shown.wire.body).short_description, params.short_description);
  // No secret in the payload: the shown body is the wire body, and bodyJson reads it exactly.
  const plain = tb.render(exampleConfig(), 'createIncident', { ...params, short_description: 'VPN "fails"\n\tagain \u2028' });
  assert.equal(plain.body, plain.wire.body);
  assert.deepEqual(JSON.parse(plain.body), plain.bodyJson);
  assert.equal(plain.bodyJson.short_description, 'VPN "fails"\n\tagain \u2028');
});

test('the escalation key matches SHA-256 of the conversation id in every runtime', () => {
  const id = 'conv-2026-11-26-0042';
  const expected = 'tb-' + createHash('sha256').update(id).digest('hex').slice(0, 32);
  assert.equal(tb.escalationKey(id), expected);
});

test('the low-level machine: events in, actions out, secrets only on the non-enumerable wire', () => {
  const m = new tb.Escalation(exampleConfig());
  const ask = m.start(exampleConversation(), 'needs a technician', 1000, { seed: 3 });
  assert.equal(ask.type, 'AskConfirmation');
  assert.equal(m.phase, 'awaiting_confirmation');
  const req = m.confirm(true, 2000);
  assert.equal(req.type, 'HttpRequest');
  assert.equal(req.request.purpose, 'lookup');  // no history of this conversation: look before the first create
  assert.equal(req.request.headers.Authorization, 'Basic ***');
  assert.ok(req.wire.headers.Authorization.startsWith('Basic '));
  for (const s of exampleSecrets) assert.ok(!JSON.stringify(req).includes(s));
  const snapshot = m.snapshot();
  for (const s of exampleSecrets) assert.ok(!snapshot.includes(s));
  const restored = tb.Escalation.restore(exampleConfig(), snapshot);
  const lookup = restored.resume(3000);  // the lookup's answer was lost: sent again, lookups change nothing
  assert.equal(lookup.type, 'HttpRequest');
  assert.equal(lookup.request.purpose, 'lookup');
  const created = restored.receive({ requestId: lookup.request.id, status: 200, headers: {}, body: '{"result":[]}' }, 3100);
  assert.equal(created.request.purpose, 'create');
  const lost = tb.Escalation.restore(exampleConfig(), restored.snapshot());
  const wait = lost.resume(3200);  // a create's answer was lost: back off, then look up before creating again
  assert.equal(wait.type, 'Wait');
  assert.equal(lost.tick(wait.untilMs).request.purpose, 'lookup');
  assert.throws(() => lost.confirm(true, 4000), (err) => err instanceof tb.EscalationError && err.code === 'PROTOCOL_UNEXPECTED_EVENT');
  assert.throws(() => tb.Escalation.restore(exampleConfig(), '{"version":1}'), (err) => err.code === 'SNAPSHOT_INVALID');
});

test('jsonata() compiles once and evaluates synchronously like jsonata-js', () => {
  const body = { result: { sys_id: 'abc', number: 'INC0010001' } };
  const expr = tb.jsonata('{"ticketId": result.sys_id, "ticketNumber": result.number}');
  assert.deepEqual(expr.evaluate(body), { ticketId: 'abc', ticketNumber: 'INC0010001' });
  assert.deepEqual(expr.evaluateJson(JSON.stringify(body)), { ticketId: 'abc', ticketNumber: 'INC0010001' });
  assert.equal(tb.jsonata('result.missing').evaluate(body), undefined);
  assert.equal(tb.jsonata('$x').evaluate({}, { x: 'bound' }), 'bound');
  // A function has no JSON; it comes back as JSON.stringify treats one, not as a parse error.
  assert.equal(tb.jsonata('$sum').evaluate(body), undefined);
  assert.deepEqual(tb.jsonata('{"f": function($x) { $x }, "n": 1}').evaluate(body), { n: 1 });
  assert.throws(() => tb.jsonata('result.number['), (err) => err instanceof tb.JsonataError && /^S0\d{3}$/.test(err.code) && err.position >= 0);
});

test('a JSON document parsed once serves every output and agrees with evaluateJson', () => {
  const body = JSON.stringify({ result: { sys_id: 'abc', number: 'INC0010001', 'é': [1, 2.5, 4] } });
  const doc = tb.parseJson(body);
  assert.ok(doc instanceof tb.JsonDocument);
  const outputs = ['result.sys_id', 'result.number', '$string(result.number)', 'result."é"', '$sum(result."é")', 'result.missing',
    '$count($keys(result))'];
  for (const src of outputs) {
    const expr = tb.jsonata(src);
    assert.deepEqual(expr.evaluate(doc), expr.evaluateJson(body), src);
    assert.deepEqual(expr.evaluate(doc), expr.evaluate(doc), `${src}, evaluated again`);
  }
  assert.equal(tb.jsonata('$x & result.number').evaluate(doc, { x: '#' }), '#INC0010001');
  assert.throws(() => tb.jsonata('$sum(result.number)').evaluate(doc), (err) => err instanceof tb.JsonataError && err.code === 'T0412');
  const deep = tb.jsonata('($f := function($n){ $n <= 0 ? $count(result.*) : 1 + $f($n - 1) }; $f(50))');
  assert.equal(deep.evaluate(doc), 55);  // 50 calls + sys_id, number and the three items of "é"
  assert.throws(() => deep.evaluate(doc, undefined, { maxDepth: 10 }), (err) => err.code === 'D1011');
  assert.throws(() => tb.parseJson('{"result": '), (err) => err instanceof tb.JsonataError && err.code === 'JSONATA_INVALID_JSON' && err.position === 11);
  assert.throws(() => tb.parseJson(new Uint8Array([0x22, 0xff, 0x22])), (err) => err.code === 'JSONATA_INVALID_UTF8');
});

test('answers come back as the same JS values JSON.parse gives, scalars and edge cases included', () => {
  const cases = [
    ['true', true], ['false', false], ['null', null], ['0', 0], ['42', 42], ['-17', -17],
    ['123456789012345', 123456789012345], ['1234567890123456789', 1234567890123456789], ['0.1 + 0.2', 0.1 + 0.2],
    ['-2.5e-7', -2.5e-7], ['1e300 * 10', 1e301], ['""', ''], ['"plain ascii"', 'plain ascii'], ['"tab\\tand \\"quotes\\""', 'tab\tand "quotes"'],
    ['"é and ✓"', 'é and ✓'], ['"\\u2028"', '\u2028'], ['$pad("x", 70, "y")', 'x'.padEnd(70, 'y')], ['[1, "a", {"b": null}]', [1, 'a', { b: null }]],
    ['{"k": [true]}', { k: [true] }], ['[]', []], ['[[1, [2, []]], "b", -3, 2.5, 1e21, null, false]', [[1, [2, []]], 'b', -3, 2.5, 1e21, null, false]],
    ['["é", "a\\"b", {"__proto__": 1}]', ['é', 'a"b', JSON.parse('{"__proto__": 1}')]], ['[12345678901234567890, -0.000001]', [12345678901234567890, -0.000001]],
    ['[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]', [[[[[[[[[[[[[[[[[[['deep']]]]]]]]]]]]]]]]]]]], ['[1..60]', Array.from({ length: 60 }, (_, i) => i + 1)],
    ['["' + 'x'.repeat(70) + '", "y"]', ['x'.repeat(70), 'y']],
  ];
  for (const [src, expected] of cases) {
    const got = tb.jsonata(src).evaluate();
    assert.ok(Object.is(got, expected) || (typeof got === 'object' && got !== null), `${src}: ${got}`);
    assert.deepEqual(got, expected, src);
  }
  // A method kept apart from its compiled expression still works (it keeps the engine's copy alive).
  const { evaluate } = tb.jsonata('$uppercase(name)');
  assert.equal(evaluate({ name: 'ab' }), 'AB');
  assert.equal(tb.jsonata('$x').evaluate(undefined, { x: 7 }, { maxDepth: 50, timeLimitMs: 1000 }), 7);
});

test('empty bindings bind nothing, and other bindings still reach the engine as JSON', () => {
  const expr = tb.jsonata('[$x, $string($y), $]');
  assert.deepEqual(expr.evaluate(1, {}), [1]);
  assert.deepEqual(expr.evaluate(1, { x: 2 }), [2, 1]);
  assert.deepEqual(expr.evaluate(1, Object.create({ x: 3 })), [1]);  // inherited keys are not JSON
  assert.deepEqual(expr.evaluate(1, { x: 4, toJSON: () => ({ y: 'from toJSON' }) }), ['from toJSON', 1]);
  assert.throws(() => expr.evaluate(1, []), (err) => err instanceof tb.JsonataError && err.code === 'JSONATA_BAD_BINDINGS');
  assert.deepEqual(expr.evaluate(tb.parseJson('5'), {}), [5]);
});

test('timeLimitMs stops a long built-in with D1012, inside its loop', () => {
  // Each runs a few evaluations but a long loop inside one built-in (hundreds of milliseconds
  // without a limit); a 1 ms limit must end it with the time-limit error, not run it out.
  const numbers = tb.parseJson(JSON.stringify(Array.from({ length: 300000 }, (_, i) => (i * 7919) % 300007)));
  for (const src of ['$sort($)', '$sum([1..5000000])', '$map($, $string)', '$sort($, function($a, $b) { $a > $b })', '$count([1..9000000])']) {
    assert.throws(() => tb.jsonata(src).evaluate(numbers, undefined, { timeLimitMs: 1 }),
      (err) => err instanceof tb.JsonataError && err.code === 'D1012', src);
  }
  // The same expression with room to finish answers.
  assert.equal(tb.jsonata('$count($sort($))').evaluate(numbers, undefined, { timeLimitMs: 60000 }), 300000);
});

test('a lone surrogate in the source keeps later positions and matches a backtick name', () => {
  // jsonata-js counts positions in UTF-16 units; the source crosses as WTF-8, not as escapes.
  assert.throws(() => tb.jsonata('"\ud800" & $x.'), (err) => err.code === 'S0207' && err.position === 9);
  assert.throws(() => tb.jsonata('"\udc00" = 1 +'), (err) => err.position === 9);
  assert.equal(tb.jsonata('`a\ud800b`').evaluate({ 'a\ud800b': 1 }), 1);
  assert.equal(tb.jsonata('"x\ud800"').evaluate(), 'x\ud800');
});

test('syntax-error tokens are typed as jsonata-js types them; a [ZN] picture error has no value', async () => {
  await tb.loadPictures();  // $fromMillis's pictures are a module of their own (pictures.test.mjs)
  const error = (src) => { try { tb.jsonata(src).evaluate(); } catch (e) { return e; } return null; };
  assert.equal(error('[1 2]').token, 2);
  assert.equal(error('(1 true)').token, true);
  assert.equal(error('(1 null)').token, null);
  assert.equal(error('(1 "a")').token, 'a');
  const zn = error('$fromMillis(0, "[ZN]")');
  assert.equal(zn.code, 'D3134');
  assert.ok(!('value' in zn) || zn.value === undefined);
});

test('a JS object input crosses as the members the expression reaches, written as JSON.stringify writes them', () => {
  const hidden = { a: 1 };
  Object.defineProperty(hidden, 'secret', { value: 'not enumerable', enumerable: false });
  const input = {
    result: { number: 'INC1', when: new Date(Date.UTC(2024, 2, 5)), hidden, gone: undefined, fn: () => 1, list: [{ x: 1, y: 2 }, { x: undefined }, null, [{ x: 3 }]] },
    unused: 10n,  // JSON.stringify would throw on a BigInt; it is never read
  };
  assert.equal(tb.jsonata('result.number').evaluate(input), 'INC1');
  assert.equal(tb.jsonata('result.when').evaluate(input), '2024-03-05T00:00:00.000Z');
  assert.equal(tb.jsonata('result.hidden.secret').evaluate(input), undefined);
  assert.deepEqual(tb.jsonata('result.hidden').evaluate(input), { a: 1 });
  assert.equal(tb.jsonata('$exists(result.gone)').evaluate(input), false);
  assert.equal(tb.jsonata('$exists(result.fn)').evaluate(input), false);
  assert.deepEqual(tb.jsonata('result.list.x').evaluate(input), [1, 3]);
  assert.deepEqual(tb.jsonata('$count(result.list)').evaluate(input), 4);
  // Whole-input expressions still see JSON.stringify's view (which throws on the BigInt).
  assert.throws(() => tb.jsonata('$keys($)').evaluate(input), TypeError);
  const { unused, ...plain } = input;
  assert.deepEqual(tb.jsonata('$keys(result)').evaluate(plain), ['number', 'when', 'hidden', 'list']);
});

test('members written for a JS object input are the JSON.stringify text of every kind of scalar', () => {
  const scalars = ['plain', '', 'say "hi"', 'back\\slash', 'line\nbreak\ttab', '\u0000\u001f\u007f', 'lone \ud800 high',
    'lone \udc00 low', 'pair \ud83d\ude00', 'sep \u2028\u2029', 'é ü 中', 'x'.repeat(300) + '"', 'y'.repeat(300),
    0, -0, 1.5, -2e-7, 1e21, 123456789012345680000, Number.MAX_VALUE, NaN, Infinity, -Infinity, true, false, null];
  const expr = tb.jsonata('[result.v, $string(result.v), $type(result.v), $length(result.v)]');
  for (const v of scalars) {
    const input = { result: { v, other: 'not read' } };
    let expected;
    try {
      expected = expr.evaluateJson(JSON.stringify(input));
    } catch (e) {
      expected = e.code;
    }
    let actual;
    try {
      actual = expr.evaluate(input);
    } catch (e) {
      actual = e.code;
    }
    assert.deepEqual(actual, expected, JSON.stringify(v));
    // Compared inside the engine with the same text as a literal: a lone surrogate must cross
    // as itself (JSON.stringify's escape), not as the U+FFFD that UTF-8 encoding gives it.
    if (typeof v === 'string') assert.equal(tb.jsonata(`result.v = ${JSON.stringify(v)}`).evaluate(input), true, JSON.stringify(v));
  }
  // A getter runs once, when the member is read, and its error reaches the caller as it would
  // from JSON.stringify.
  let reads = 0;
  const counted = { result: { get v() { reads++; return 'got'; } } };
  assert.equal(tb.jsonata('result.v').evaluate(counted), 'got');
  assert.equal(reads, 1);
  const throwing = { result: { get v() { throw new RangeError('no access'); } } };
  assert.throws(() => tb.jsonata('result.v').evaluate(throwing), RangeError);
});
