// `$keys(result)` reads the keys of `result`, not its values: evaluate() of a JS object writes
// each member JSON.stringify would write with a placeholder for its value (only the members
// the expression also reads by name carry theirs), and evaluateJson() reads the text the same
// way. The answer, the key order (JavaScript's: integer-like keys ascending first) and the
// errors must be those of the whole input, whatever the object holds.
import assert from 'node:assert/strict';
import test from 'node:test';

import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { dist, tb } from './support.mjs';

const { default: dropin } = await import(pathToFileURL(path.join(dist, 'dropin.node.mjs')).href);

const TICKET = '{"ticketNumber": result.number, "keys": $count($keys(result))}';
const EXPRESSIONS = [
  '$keys(result)',
  TICKET,
  '{"n": result.number, "k": $keys(result), "a": result.a}',
  '$keys(result.a)',
  '$keys(result)[$contains($, "1")]',
  '$keys($)',
];

const outcome = (fn) => {
  try {
    return { value: JSON.stringify(fn()) };
  } catch (e) {
    return { error: e.code ?? `${e.constructor.name}: ${e.message}` };
  }
};

// The answer over the object, over its JSON text read under the plan, and over that text
// read whole (a JsonDocument) must agree; so must the error JSON.stringify raises.
function sameAsWhole(input, label, expressions = EXPRESSIONS) {
  for (const source of expressions) {
    const expr = tb.jsonata(source);
    const text = outcome(() => JSON.stringify(input) ?? '');
    const object = outcome(() => expr.evaluate(input));
    if (text.error) {
      assert.deepEqual(object, text, `${source} over ${label}`);
      continue;
    }
    const body = JSON.parse(text.value);
    const whole = outcome(() => expr.evaluate(tb.parseJson(body === '' ? 'null' : body)));
    assert.deepEqual(object, whole, `${source} over ${label} (object)`);
    if (body !== '') assert.deepEqual(outcome(() => expr.evaluateJson(body)), whole, `${source} over ${label} (text)`);
  }
}

test('the keys of a huge descending numeric object come back in JavaScript\'s order, with the named value', () => {
  const result = { number: 'INC0010001' };
  for (let i = 2999; i >= 0; i--) result[String(i)] = i / 2;
  result.zeta = null;
  const expr = tb.jsonata('{"n": result.number, "k": $keys(result)}');
  assert.deepEqual(expr.evaluate({ result }), { n: 'INC0010001', k: Object.keys(result) });
  assert.deepEqual(tb.jsonata(TICKET).evaluate({ result }), { ticketNumber: 'INC0010001', keys: 3002 });
  sameAsWhole({ result }, 'numeric keys');
});

test('numeric-looking, empty and __proto__ keys keep their place and their own-member rules', () => {
  const result = JSON.parse('{"b": 1, "01": 2, "10": 3, "2": 4, "-1": 5, "4294967295": 6, "4294967294": 7,'
    + ' "1e3": 8, "": 9, "__proto__": {"x": 1}, "number": "N", "a": {"y": 2}}');
  assert.deepEqual(tb.jsonata('$keys(result)').evaluate({ result }), Object.keys(result));
  sameAsWhole({ result }, 'numeric-looking keys');
  const bare = Object.create(null);
  bare.z = 1;
  bare[5] = 2;
  sameAsWhole({ result: bare }, 'a null-prototype object');
});

test('members JSON.stringify leaves out are left out; toJSON runs once, with its key', () => {
  const seen = [];
  const result = {
    u: undefined,
    f() {},
    s: Symbol('s'),
    gone: { toJSON: () => undefined },
    kept: { toJSON: (key) => { seen.push(key); return 1; } },
    date: new Date(0),
    number: { toJSON: () => 'INC7' },
    n: null,
  };
  assert.deepEqual(tb.jsonata('$keys(result)').evaluate({ result }), ['kept', 'date', 'number', 'n']);
  assert.deepEqual(seen, ['kept']);
  sameAsWhole({ result }, 'members left out');
  assert.deepEqual(tb.jsonata(TICKET).evaluate({ result }), { ticketNumber: 'INC7', keys: 4 });
});

test('a getter that throws, or a BigInt, fails the call as JSON.stringify would', () => {
  const result = { a: 1 };
  let reads = 0;
  Object.defineProperty(result, 'counted', { enumerable: true, get: () => ++reads });
  Object.defineProperty(result, 'boom', { enumerable: true, get: () => { throw new Error('boom'); } });
  assert.throws(() => tb.jsonata('$keys(result)').evaluate({ result }), /boom/);
  assert.equal(reads, 1);
  // Every expression that reads the keys of `result` reads its members' values as JSON.stringify
  // does (one that does not, `$keys($)`, never runs their getters, as with any projection).
  const reading = EXPRESSIONS.filter((e) => e.includes('$keys(result)'));
  sameAsWhole({ result }, 'a throwing getter', reading);
  sameAsWhole({ result: { a: 1n } }, 'a BigInt', reading);
  assert.deepEqual(tb.jsonata('$keys($)').evaluate({ result }), 'result');
  assert.throws(() => tb.jsonata('$keys(result)').evaluate({ result: { a: 1n } }), TypeError);
  // Not enumerable: JSON.stringify does not read it, and neither does the writer.
  const hidden = { a: 1 };
  Object.defineProperty(hidden, 'boom', { enumerable: false, get: () => { throw new Error('read'); } });
  assert.deepEqual(tb.jsonata('$keys(result)').evaluate({ result: hidden }), 'a');
});

test('$keys of what is not a plain object: arrays (sparse, nested), strings, nothing, class instances', () => {
  class Ticket {
    constructor() {
      this.number = 'INC1';
      this.b = 2;
    }
  }
  const sparse = [{ a: 1 }, , { b: 2, a: 3 }];  // eslint-disable-line no-sparse-arrays
  sparse[5] = [{ c: 4 }, 'x'];
  for (const [label, result] of [
    ['an array of objects', [{ b: 1 }, { a: 2, b: 3 }, 'text', 7, null]],
    ['a sparse, nested array', sparse],
    ['a string', 'INC1'],
    ['undefined', undefined],
    ['a number', 42],
    ['a class instance', new Ticket()],
    ['a Map', new Map([['a', 1]])],
    ['an empty object', {}],
  ]) {
    sameAsWhole({ result }, label);
    sameAsWhole([{ result }, { result: { z: 1 } }], `${label}, in an array`);
  }
  assert.deepEqual(tb.jsonata('$keys(result)').evaluate({ result: sparse }), ['a', 'b', 'c']);
});

test('a `keys` bound by the caller is not the built-in: it is handed the values', async () => {
  const result = { b: 2, a: [1] };
  // A value bound as $keys is not a function, with or without the plan.
  assert.throws(() => tb.jsonata('$keys(result)').evaluate({ result }, { keys: 1 }), { code: 'T1006' });
  const values = dropin('$keys(result)');
  values.registerFunction('keys', (o) => Object.values(o));
  assert.deepEqual(await values.evaluate({ result }), [2, [1]]);
  const bound = dropin('{"n": result.b, "k": $keys(result)}');
  assert.deepEqual(await bound.evaluate({ result }, { keys: (o) => o }), { n: 2, k: result });
  assert.deepEqual(await bound.evaluate({ result }), { n: 2, k: ['b', 'a'] });
  assert.deepEqual(await bound.evaluate({ result }, { other: 1 }), { n: 2, k: ['b', 'a'] });
});
