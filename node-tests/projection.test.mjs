// evaluateJson reads its input under the expression's projection (only the members it can
// reach are built), and evaluate() of a JS object writes only those members out in
// JavaScript; evaluate over parseJson() reads everything. Thousands of generated
// expressions (paths, filters, sorts, group-by, variables, lambdas, higher-order functions,
// context arguments, and the constructs the planner must refuse) give the same answer, or the
// same error in every detail, both ways.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { rng, root, tb } from './support.mjs';


function generator(random, names) {
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const lit = () => pick(['"Purple"', '1', '34.45', 'true', 'null', '"order103"', '"1"', '2']);
  const fns = ['$count', '$sum', '$string', '$uppercase', '$keys', '$exists', '$type', '$number', '$length', '$max',
    '$boolean', '$distinct', '$reverse', '$join', '$trim', '$not', '$spread', '$each', '$lookup'];
  const pred = (d) => pick([`${pick(names)} = ${lit()}`, `${pick(names)} > 20`, '$', expr(d), `$.${pick(names)}`, `$exists(${pick(names)})`]);
  function path(d) {
    const steps = [];
    for (let i = 1 + Math.floor(random() * 4); i > 0; i--) {
      let s = pick(names);
      const r = random();
      if (r < 0.15 && d > 0) s += `[${pred(d - 1)}]`;
      else if (r < 0.2) s += '[0]';
      else if (r < 0.25 && d > 0) s = `(${expr(d - 1)})`;
      else if (r < 0.28) s = '$';
      else if (r < 0.3) s = '*';
      else if (r < 0.32) s += `^(${pick(['>', '<', ''])}${pick(names)})`;
      steps.push(s);
    }
    let p = steps.join('.');
    const r = random();
    if (r < 0.05) p = `$$.${p}`;
    else if (r < 0.1 && d > 0) p += `{${pick(names)}: ${expr(d - 1)}}`;
    return p;
  }
  function expr(d) {
    const r = random();
    const e = () => expr(d - 1);
    if (d <= 0 || r < 0.3) return path(d);
    if (r < 0.4) return `${pick(fns)}(${e()})`;
    if (r < 0.45) return pick(['$string()', '$keys()', '$count($)', `$substring(${e()}, 1)`, `$substring(${e()}, 1, 2)`, '$length()']);
    if (r < 0.55) return `${e()}${pick([' + ', ' & ', ' = ', ' and ', ' in ', ' < '])}${e()}`;
    if (r < 0.6) return `[${e()}, ${e()}]`;
    if (r < 0.65) return `{"k": ${e()}, "v": ${e()}}`;
    if (r < 0.7) return `($v := ${e()}; $v.${pick(names)})`;
    if (r < 0.75) return `$map(${e()}, function($i) { $i.${pick(names)} })`;
    if (r < 0.78) return `($f := function() { ${e()} }; $f())`;
    if (r < 0.81) return `${e()} ? ${e()} : ${e()}`;
    if (r < 0.84) return `${e()} ~> $count()`;
    if (r < 0.86) return `$lookup(${e()}, "${pick(names)}")`;
    if (r < 0.88) return `$filter(${e()}, function($v) { $v.Price > 30 })`;
    if (r < 0.9) return `${path(d)}.%.${pick(names)}`;
    if (r < 0.92) return `**.${pick(names)}`;
    if (r < 0.94) return `$sort(${e()}, function($a, $b) { $a.Price > $b.Price })`;
    if (r < 0.96) return `$reduce(${e()}, function($a, $b) { $a + $b.Price }, 0)`;
    return `${path(d)}@$o.${pick(names)}`;
  }
  return () => expr(3);
}

function outcome(fn) {
  try {
    return { value: JSON.stringify(fn()) };
  } catch (e) {
    return { error: [e.code, e.message, e.position, e.token, JSON.stringify(e.value)] };
  }
}

const orders = JSON.stringify({
  Account: {
    'Account Name': 'Firefly',
    Order: [
      { OrderID: 'order103', Product: [
        { 'Product Name': 'Bowler Hat', ProductID: 858383, Price: 34.45, Quantity: 2, Description: { Colour: 'Purple', Weight: 0.75 } },
        { 'Product Name': 'Trilby hat', ProductID: 858236, Price: 21.67, Quantity: 1, Description: { Colour: 'Orange', Weight: 0.6 } },
      ] },
      { OrderID: 'order104', Product: [{ 'Product Name': 'Cloak', ProductID: 345664, Price: 107.99, Quantity: 1 }], x: [1, [2, { a: 3 }]] },
    ],
  },
  x: { a: 1, b: [true, null, 'x'] },
});
const servicenow = fs.readFileSync(path.join(root, 'tests/fixtures/servicenow/create-response.json'), 'utf8');

for (const [label, text, names, seed] of [
  ['orders', orders, ['Account', 'Order', 'Product', 'Price', 'Quantity', 'OrderID', '`Product Name`', 'Description', 'Colour', 'x', 'a', 'b'], 1],
  ['a ServiceNow record', servicenow, ['result', 'number', 'sys_id', 'state', 'caller_id', 'value', 'link', 'active', 'priority', 'x'], 2],
]) {
  test(`generated expressions answer the same over a projected and a whole read of ${label}`, () => {
    const next = generator(rng(seed), names);
    const whole = tb.parseJson(text);
    const object = JSON.parse(text);
    let compared = 0;
    for (let i = 0; i < 2500; i++) {
      const source = next();
      let expr;
      try {
        expr = tb.jsonata(source);
      } catch {
        continue;
      }
      const projected = outcome(() => expr.evaluateJson(text));
      const full = outcome(() => expr.evaluate(whole));
      assert.deepEqual(projected, full, source);
      // A JS object input crosses as the members the plan names (written in JavaScript).
      assert.deepEqual(outcome(() => expr.evaluate(object)), full, `${source} (object input)`);
      compared++;
    }
    assert.ok(compared > 2000, `only ${compared} expressions compiled`);
  });
}
