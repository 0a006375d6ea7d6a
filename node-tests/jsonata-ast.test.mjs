// `ticketbridge/jsonata`'s ast(): the parsed tree as jsonata-js 2.x's ast() returns it. Every
// expression of the JSONata conformance suite that jsonata-js 2.2.2 parses goes through both
// ast()s and the trees are compared deeply (assert's deepStrictEqual: types, values, RegExps
// by source and flags, -0 apart from 0). The comparison leaves out of the reference only what
// jsonata-js holds that is no data: keys whose value is undefined (`name` on function nodes,
// `signature` on a lambda without one) and functions (a signature's `validate`), both listed in
// docs/jsonata.md. Known, reviewed differences are listed by expression with their reasons in
// tests/fixtures/jsonata/ast-deviations.json: a new difference fails, and so does a listed one
// that no longer differs (the list stays honest).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';
import { dist, root } from './paths.mjs';

const { default: jsonata } = await import(pathToFileURL(path.join(dist, 'dropin.node.mjs')).href);
// ast() is synchronous: load the engine the drop-in loads alone (the JSONata-only one) first.
await jsonata('1').evaluate(null);
const reference = createRequire(path.join(root, 'tests', 'bench', 'package.json'))('jsonata');
const deviations = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/jsonata/ast-deviations.json'), 'utf8'));
const exec = promisify(execFile);

function suiteDir() {
  for (const dir of [process.env.TB_CONFORMANCE_DIR, path.join(root, 'tests', 'conformance', 'jsonata-suite')]) {
    if (dir && fs.existsSync(path.join(dir, 'groups'))) return dir;
  }
  return null;
}

// The reference tree as data: undefined-valued keys and functions dropped, RegExps kept.
function asData(value) {
  if (Array.isArray(value)) return value.map(asData);
  if (value === null || typeof value !== 'object' || value instanceof RegExp) return value;
  const out = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === 'function') continue;
    out[key] = asData(member);
  }
  return out;
}

// The first place two trees part, for a readable failure.
function firstDifference(ours, theirs, at = '$') {
  if (isDeepStrictEqual(ours, theirs)) return null;
  if (ours && theirs && typeof ours === 'object' && typeof theirs === 'object' && !(ours instanceof RegExp)) {
    for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      const d = firstDifference(ours[key], theirs[key], `${at}.${key}`);
      if (d) return d;
    }
  }
  return `${at}: ours ${JSON.stringify(ours) ?? 'undefined'}, jsonata-js ${JSON.stringify(theirs) ?? 'undefined'}`;
}

test('ast() gives the tree jsonata-js gives, for every expression of the conformance suite it parses',
  { skip: suiteDir() ? false : 'conformance suite not found (set TB_CONFORMANCE_DIR)' }, async () => {
    const { loadSuite } = await import(pathToFileURL(path.join(dist, 'conformance.mjs')).href);
    const expressions = [...new Set(loadSuite(suiteDir()).map((c) => c.expr))];
    const listed = new Map(deviations.expressions.map((d) => [d.expression, d.reason]));
    let parsed = 0;
    let identical = 0;
    const unexpected = [];
    const stillListed = new Set();
    for (const expr of expressions) {
      let theirs;
      try {
        theirs = asData(reference(expr).ast());
      } catch {
        continue;  // jsonata-js does not parse it: nothing to compare
      }
      parsed++;
      let difference;
      try {
        difference = firstDifference(jsonata(expr).ast(), theirs);
      } catch (err) {
        difference = `ours does not compile it: ${err.code} ${err.message}`;
      }
      if (difference === null) identical++;
      else if (listed.has(expr)) stillListed.add(expr);
      else unexpected.push(`${JSON.stringify(expr)}: ${difference}`);
    }
    const gone = [...listed.keys()].filter((e) => !stillListed.has(e));
    process.stdout.write(`ast(): ${identical} of ${parsed} parsed expressions identical to jsonata-js, ` +
      `${stillListed.size} listed deviations (${expressions.length} distinct expressions in the suite)\n`);
    assert.deepEqual(unexpected, [], 'trees that differ from jsonata-js and are not listed in ast-deviations.json');
    assert.deepEqual(gone, [], 'listed deviations that no longer differ: remove them from ast-deviations.json');
    assert.ok(parsed > 1000, `${parsed} expressions compared`);
  });

test('ast() of a regex holds a RegExp, as jsonata-js does; each call gives a fresh copy', () => {
  const expr = jsonata('$match(name, /^a(b+)/i)');
  const tree = expr.ast();
  const regex = tree.arguments[1].value;
  assert.ok(regex instanceof RegExp);
  assert.equal(regex.source, '^a(b+)');
  assert.equal(regex.flags, 'gi');
  tree.arguments.length = 0;
  assert.equal(expr.ast().arguments.length, 2);
});

test('a tool can list the paths and functions an expression touches from ast()', () => {
  const found = { paths: [], functions: [] };
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return undefined;
    if (node.type === 'path' && node.steps.every((s) => s.type === 'name')) found.paths.push(node.steps.map((s) => s.value).join('.'));
    if (node.type === 'function' && node.procedure.type === 'variable') found.functions.push(node.procedure.value);
    return Object.values(node).forEach(walk);
  };
  walk(jsonata('$sum(order.items[qty > 0].(qty * price)) & $uppercase(customer.name)').ast());
  assert.deepEqual(found.functions.sort(), ['sum', 'uppercase']);
  assert.deepEqual(found.paths.sort(), ['customer.name', 'price', 'qty', 'qty']);
});

test('ast() before the engine is loaded is a coded error (it is synchronous, as in jsonata-js)', async () => {
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e',
    `import jsonata from ${JSON.stringify(pathToFileURL(path.join(dist, 'dropin.node.mjs')).href)};
     const e = jsonata('a.b');
     let code = null;
     try { e.ast(); } catch (err) { code = err.code; }
     await e.evaluate({});
     console.log(JSON.stringify([code, e.ast().type]));`]);
  assert.deepEqual(JSON.parse(stdout), ['NOT_INITIALISED', 'path']);
});
