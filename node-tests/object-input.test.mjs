// evaluate() of a JavaScript object writes the members the expression can reach as JSON text
// straight into the module's heap (wasm/js/input-buffer.mjs). What crosses must be what
// JSON.stringify writes of those members, whatever the object holds, and the shared input
// buffer must survive inputs that grow it, throw half-way, or call the engine from a getter.
import assert from 'node:assert/strict';
import test from 'node:test';

import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { dist, rng } from './support.mjs';

// The unbundled entry beside the core.mjs this suite reaches into (support.mjs's tb is the
// bundled one a program gets, with its own copy of the loader).
const tb = await import(pathToFileURL(path.join(dist, 'index.mjs')).href);
await tb.init();
const { core } = await import(pathToFileURL(path.join(dist, 'core.mjs')).href);

// The answer over the object, and over the JSON text JSON.stringify gives of it (or the error
// both raise), must agree.
function sameAsText(source, input) {
  const expr = tb.jsonata(source);
  const run = (fn) => {
    try {
      return { value: fn() };
    } catch (e) {
      return { error: e.code ?? e.constructor.name };
    }
  };
  const text = run(() => JSON.stringify(input));
  const expected = text.error ? text : run(() => expr.evaluateJson(text.value ?? ''));
  assert.deepEqual(run(() => expr.evaluate(input)), expected, source);
}

test('kinds of values and objects a host may pass cross as JSON.stringify writes them', () => {
  class Ticket {
    constructor() {
      this.number = 'INC1';
      this.secret = 'kept by JSON.stringify too';
    }
  }
  const sparse = [1, , 3];  // eslint-disable-line no-sparse-arrays
  sparse[6] = 7;
  const inputs = [
    { a: { b: sparse } },
    { a: { b: new Ticket() } },
    { a: new Ticket() },
    { a: { b: new Date(0), c: new Map([[1, 2]]), d: /x/g } },
    { a: { toJSON: () => ({ b: 'from toJSON' }) } },
    { a: { b: 1, toJSON: () => undefined } },
    { a: { b: [undefined, () => 1, Symbol('s'), null] } },
    { a: { b: undefined, c: () => 1 } },
    { a: Object.assign(Object.create(null), { b: 'no prototype' }) },
    { a: Object.create({ b: 'inherited, not written' }) },
    { a: Object.defineProperty({}, 'b', { value: 'not enumerable', enumerable: false }) },
    { a: new Proxy({ b: 'proxied' }, {}) },
    { a: [{ b: 1 }, [{ b: 2 }, [{ b: 3 }]], 'x', 4] },
    [{ a: { b: 1 } }, { a: { b: 2 } }],
    { a: { b: 'é ü 中 😀', c: 'lone \ud800', d: 'q"uote\\', e: '\u007f\u0000' } },
    { a: { b: 'x'.repeat(100), c: 'é'.repeat(100), d: '"'.repeat(100) } },
  ];
  for (const input of inputs) {
    for (const source of ['a.b', 'a', '$', 'a.c', '[a.b, a.c, a.d, a.e]', '$keys(a)', 'a.b[1]']) sameAsText(source, input);
  }
});

test('numeric-looking and special keys keep JavaScript\'s order and own-member rules', () => {
  const input = { result: { 10: 'ten', 2: 'two', b: 'b', a: 'a', '-1': 'minus', '01': 'zero-one', 4294967295: 'big' } };
  for (const source of ['$keys(result)', 'result', 'result.`2`', 'result.`10`', '$each(result, function($v, $k) { $k & "=" & $v })']) {
    sameAsText(source, input);
  }
  assert.deepEqual(tb.jsonata('$keys(result)').evaluate(input), Object.keys(input.result));
  // An own "__proto__" member (as JSON.parse makes one) is a member like any other; the
  // prototype is not.
  const own = JSON.parse('{"result": {"__proto__": {"x": 1}, "y": 2}}');
  sameAsText('result.`__proto__`.x', own);
  sameAsText('$keys(result)', own);
  assert.deepEqual(tb.jsonata('result.`__proto__`.x').evaluate(own), 1);
  assert.equal(tb.jsonata('result.`__proto__`').evaluate({ result: { y: 2 } }), undefined);
});

test('an input that outgrows the buffer, or is larger than the kept buffer, is written whole', () => {
  const random = rng(18);
  for (const count of [10, 400, 5000, 120000]) {
    const list = [];
    for (let i = 0; i < count; i++) list.push({ id: i, name: `n${Math.floor(random() * 1e6)}`, x: 'skipped' });
    const input = { result: { list, number: 'INC7' } };
    const expr = tb.jsonata('{"n": $count(result.list), "last": result.list[-1].name, "sum": $sum(result.list.id), "number": result.number}');
    assert.deepEqual(expr.evaluate(input), expr.evaluateJson(JSON.stringify(input)), `${count} items`);
  }
  // A small evaluation after the large ones still sees its own input only.
  assert.equal(tb.jsonata('result.number').evaluate({ result: { number: 'INC8' } }), 'INC8');
});

test('a getter that throws, or a cycle, fails that call only', () => {
  const expr = tb.jsonata('result.list.v');
  const big = Array.from({ length: 3000 }, (_, i) => ({ v: `value ${i}` }));
  big.push({ get v() { throw new RangeError('no access'); } });
  assert.throws(() => expr.evaluate({ result: { list: big } }), RangeError);
  const cyclic = { v: 'x' };
  cyclic.self = cyclic;
  assert.throws(() => tb.jsonata('result').evaluate({ result: cyclic }), TypeError);
  const nested = [];
  nested.push(nested);
  assert.throws(() => expr.evaluate({ result: { list: nested } }), RangeError);
  assert.deepEqual(expr.evaluate({ result: { list: [{ v: 1 }, { v: 2 }] } }), [1, 2]);
});

test('a getter may evaluate other expressions while its own input is being written', () => {
  const inner = tb.jsonata('{"n": $count(items), "first": items[0].name}');
  // Larger than any input before, so the module's memory grows under the outer write and
  // detaches its view of the heap.
  const items = Array.from({ length: 300000 }, (_, i) => ({ name: `item ${i}`, pad: 'p'.repeat(40) }));
  const memoryBefore = core.HEAPU8.buffer.byteLength;
  let calls = 0;
  const input = {
    result: {
      before: 'b'.repeat(5000),
      get counted() {
        calls++;
        const a = inner.evaluate({ items });
        const b = inner.evaluateJson('{"items": [{"name": "json"}]}');
        const c = tb.jsonata('x').evaluate(tb.parseJson('{"x": 3}'));
        return [a.n, a.first, b.first, c];
      },
      after: 'a'.repeat(5000),
    },
  };
  const expr = tb.jsonata('[result.counted, $length(result.before), $length(result.after)]');
  assert.deepEqual(expr.evaluate(input), [300000, 'item 0', 'json', 3, 5000, 5000]);
  assert.equal(calls, 1);
  assert.ok(core.HEAPU8.buffer.byteLength > memoryBefore, 'the memory grew during the write');
  // The buffer is still sound afterwards.
  assert.deepEqual(expr.evaluate({ result: { counted: [1], before: 'x', after: '' } }), [1, 1, 0]);
});

test('a member of a thousand or more keys is walked in JavaScript\'s key order, as JSON.stringify writes it', () => {
  const descending = {};
  for (let i = 2999; i >= 0; i--) descending[i] = i % 7 ? 'x' : { nested: i, list: [i, null, undefined] };
  Object.assign(descending, { b: 'named', a: undefined, f: () => 1, '-1': 'negative', '1.5': 'fraction', '\u00e9"': 'escaped key' });
  const records = [
    descending,
    JSON.parse(`{${Array.from({ length: 1500 }, (_, i) => `"k${i}": ${i}`).join(',')}, "__proto__": {"polluted": true}}`),
    Object.assign(Object.create(null), Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`n${i}`, new Date(i)]))),
  ];
  for (const record of records) {
    const input = { result: record, number: 'INC1' };
    for (const source of ['{"n": number, "keys": $count($keys(result))}', '$keys(result)[[0..3, -3..-1]]', 'result.`2998`.nested',
      'result.`__proto__`', 'result.n5', 'result.`-1` & result.`1.5` & result.`\u00e9"`', '$string(result)']) sameAsText(source, input);
  }
  // toJSON is called with the member's name, as JSON.stringify calls it.
  const seen = [];
  const big = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`m${i}`, i]));
  big.dated = { toJSON(key) { seen.push(key); return `at ${key}`; } };
  assert.equal(tb.jsonata('result.dated').evaluate({ result: big }), 'at dated');
  assert.deepEqual(seen, ['dated']);
});

test('a getter of a walked member runs once; a cycle or a throw through it fails that call only', () => {
  let reads = 0;
  const big = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`m${i}`, i]));
  Object.defineProperty(big, 'counted', { enumerable: true, get() { reads++; return 'read'; } });
  assert.equal(tb.jsonata('$count($keys(result)) & result.counted').evaluate({ result: big }), '1001read');
  assert.equal(reads, 1);
  const cyclic = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`m${i}`, i]));
  cyclic.self = cyclic;
  assert.throws(() => tb.jsonata('result.self').evaluate({ result: cyclic }), TypeError);
  // `$keys` reads keys only: the values, and so the cycle through them, are never walked (as in
  // jsonata-js, which answers this too).
  assert.equal(tb.jsonata('$count($keys(result))').evaluate({ result: cyclic }), 1001);
  const throwing = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`m${i}`, i]));
  Object.defineProperty(throwing, 'bad', { enumerable: true, get() { throw new RangeError('no access'); } });
  assert.throws(() => tb.jsonata('$keys(result)').evaluate({ result: throwing }), RangeError);
  assert.deepEqual(tb.jsonata('$keys(result)').evaluate({ result: { a: 1, b: 2 } }), ['a', 'b']);
});
