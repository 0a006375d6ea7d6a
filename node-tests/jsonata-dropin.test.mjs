// `ticketbridge/jsonata`, the jsonata-js 2.x drop-in: its API, JavaScript functions called
// from inside the engine, and the JSONata conformance suite run through it the way jsonata-js's
// own test runner runs it (compile, await evaluate(dataset, bindings), then compare the
// result deeply, or the error's code and token).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';
// paths.mjs, not support.mjs: the suite runs on the engine the drop-in loads alone (the JSONata-only one).
import { dist, root } from './paths.mjs';

const { default: jsonata } = await import(pathToFileURL(path.join(dist, 'dropin.node.mjs')).href);
const exec = promisify(execFile);

test('the default export compiles; evaluate() returns a Promise and calls the callback', async () => {
  const expr = jsonata('$sum(orders.(qty * price))');
  const pending = expr.evaluate({ orders: [{ qty: 2, price: 3 }, { qty: 1, price: 4 }] });
  assert.equal(typeof pending.then, 'function');
  assert.equal(await pending, 10);
  let seen;
  assert.equal(await expr.evaluate({ orders: [{ qty: 0, price: 9 }] }, undefined, (err, result) => { seen = [err, result]; }), 0);
  assert.deepEqual(seen, [null, 0]);
  assert.equal(await jsonata('missing').evaluate({}), undefined);
});

test('syntax errors throw from jsonata() with code, position, token and message', () => {
  assert.throws(() => jsonata('$sum(('), (err) => {
    assert.equal(err.code, 'S0203');
    assert.equal(typeof err.position, 'number');
    assert.equal(typeof err.message, 'string');
    return true;
  });
});

test('evaluation errors reject with jsonata-js codes', async () => {
  // As jsonata-js reports it: T2001 at position 5, token "+".
  await assert.rejects(jsonata('"a" + 1').evaluate({}), (err) => err.code === 'T2001' && err.position === 5 && err.token === '+');
});

test('assign() binds values and functions for later evaluations; bindings shadow them', async () => {
  const expr = jsonata('$rate * $double(price)');
  expr.assign('rate', 3);
  expr.assign('double', (x) => x * 2);
  assert.equal(await expr.evaluate({ price: 5 }), 30);
  assert.equal(await expr.evaluate({ price: 5 }, { rate: 1 }), 10);
  assert.equal(await expr.evaluate({ price: 5 }, { double: (x) => x }), 15);
});

test('registerFunction(): called from the engine with its signature checked', async () => {
  const calls = [];
  const expr = jsonata('$greet(name) & " / " & $join(items.$greet($), ",")');
  expr.registerFunction('greet', function (who) { calls.push([who, this.input.name]); return `hi ${who}`; }, '<s:s>');
  assert.equal(await expr.evaluate({ name: 'Ana', items: ['x', 'y'] }), 'hi Ana / hi x,hi y');
  assert.deepEqual(calls, [['Ana', 'Ana'], ['x', 'Ana'], ['y', 'Ana']]);
  // The signature says string: a number is T0410, before the function runs.
  const typed = jsonata('$greet(42)');
  typed.registerFunction('greet', () => 'never', '<s:s>');
  await assert.rejects(typed.evaluate({}), (err) => err.code === 'T0410');
  // Higher-order built-ins call it too, with as many arguments as it declares.
  const mapped = jsonata('$map([1, 2, 3], $inc)');
  mapped.registerFunction('inc', (n) => n + 1);
  assert.deepEqual(await mapped.evaluate(undefined), [2, 3, 4]);
});

test('bindings that bind nothing answer as none; assigned values and functions still count', async () => {
  const expr = jsonata('[$exists($x), $string($x), a]');
  const inherited = Object.create({ x: 'from the prototype' });
  const hidden = Object.defineProperty({}, 'x', { value: 'not enumerable', enumerable: false });
  const symbolic = { [Symbol('x')]: 1 };
  for (const nothing of [undefined, null, {}, Object.create(null), inherited, hidden, symbolic]) {
    assert.deepEqual(await expr.evaluate({ a: 1 }, nothing), [false, 1]);
  }
  assert.deepEqual(await expr.evaluate({ a: 1 }, { x: 2 }), [true, '2', 1]);
  // Once something is assigned or registered, even empty bindings bind it.
  const assigned = jsonata('[$exists($x), a]');
  assigned.assign('x', 'set');
  assert.deepEqual(await assigned.evaluate({ a: 1 }, {}), [true, 1]);
  const registered = jsonata('[$twice(2), a]');
  registered.registerFunction('twice', (n) => n * 2, '<n:n>');
  assert.deepEqual(await registered.evaluate({ a: 1 }), [4, 1]);
  // The guardrails given to jsonata() apply on the path that binds nothing too.
  const countdown = '($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100))';
  assert.equal(await jsonata(countdown).evaluate({}, {}), 100);
  await assert.rejects(jsonata(countdown, { maxDepth: 20 }).evaluate({}, {}), (err) => err.code === 'D1011');
});

test('a function in the bindings is called, not dropped; what it throws is rethrown as is', async () => {
  assert.deepEqual(await jsonata('$lookup(id)').evaluate({ id: 7 }, { lookup: (id) => ({ id, name: 'seven' }) }), { id: 7, name: 'seven' });
  const mine = new Error('backend down');
  await assert.rejects(jsonata('$fail()').evaluate({}, { fail: () => { throw mine; } }), (err) => err === mine);
  await assert.rejects(jsonata('$later()').evaluate({}, { later: async () => 1 }), (err) => err.code === 'JSONATA_ASYNC_FUNCTION');
});

test('before the engine is loaded, jsonata() defers compiling to evaluate(), which loads it', async () => {
  const url = pathToFileURL(path.join(dist, 'dropin.node.mjs')).href;
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e',
    `import jsonata from ${JSON.stringify(url)};
     const e = jsonata('1 + ');  // not compiled yet: the syntax error comes from evaluate()
     const r = await jsonata('$string(41 + 1)').evaluate(null);
     const err = await e.evaluate(null).catch((x) => x.code);
     console.log(JSON.stringify([r, err]));`]);
  assert.deepEqual(JSON.parse(stdout), ['42', 'S0207']);
});

// The modules an entry loads, following its static imports and its dynamic ones (the Node
// hosts import the glue when the load starts at import): what Node loads at start and what a
// bundler must keep.
function importGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]\.\/([^'"]+)['"]/g)) visit(m[1]);
  };
  visit(entry);
  return seen;
}

test('the drop-in entries load the JSONata modules, not the escalation, store or HTTP ones', () => {
  for (const entry of ['dropin.node.mjs', 'dropin.web.mjs']) {
    const graph = importGraph(entry);
    for (const needed of ['jsonata.mjs', 'core.mjs', 'ticketbridge-jsonata.mjs', entry === 'dropin.node.mjs' ? 'node-host-jsonata.mjs' : 'web-host-jsonata.mjs']) {
      assert.ok(graph.has(needed), `${entry} loads ${needed}`);
    }
    for (const heavy of ['ticketbridge-core.mjs', 'node-host.mjs', 'web-host.mjs', 'exports.mjs', 'escalation.mjs', 'http.mjs', 'stores.mjs', 'store-session.mjs', 'file-store.mjs', 'config.mjs']) {
      assert.ok(!graph.has(heavy), `${entry} does not load ${heavy}: ${[...graph].join(', ')}`);
    }
  }
});

test('with the package entry imported too, the drop-in uses its full engine', async () => {
  const dropinUrl = pathToFileURL(path.join(dist, 'dropin.node.mjs')).href;
  const indexUrl = pathToFileURL(path.join(dist, 'index.mjs')).href;
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e',
    `import jsonata from ${JSON.stringify(dropinUrl)};
     const tb = await import(${JSON.stringify(indexUrl)});
     const first = await jsonata('$sum([1, 2])').evaluate(null);
     await tb.init();
     console.log(JSON.stringify([first, tb.isInitialised(), tb.jsonata('$sum([3, 4])').evaluate(), tb.version]));`]);
  const [first, initialised, second, version] = JSON.parse(stdout);
  assert.deepEqual([first, initialised, second], [3, true, 7]);
  assert.match(version, /^\d+\.\d+\.\d+/);
});

test('require("ticketbridge/jsonata") gives the function itself, as require("jsonata") does', async () => {
  const { stdout } = await exec(process.execPath, ['-e',
    `const jsonata = require(${JSON.stringify(path.join(dist, 'dropin.cjs'))});
     jsonata('$x * 2').evaluate({}, { x: 21 }).then((v) => console.log(JSON.stringify([typeof jsonata, v, jsonata.default === jsonata])));`]);
  assert.deepEqual(JSON.parse(stdout), ['function', 42, true]);
});

// The conformance suite through the drop-in, following jsonata-js's test runner step by step.
// Its time box (a helper in that runner, not part of the library) maps to this engine's
// limits, and reports U1001 as that helper does.
// The suite: TB_CONFORMANCE_DIR when set (as for the CTest runners), else the repository's copy.
function suiteDir() {
  for (const dir of [process.env.TB_CONFORMANCE_DIR, path.join(root, 'tests', 'conformance', 'jsonata-suite')]) {
    if (dir && fs.existsSync(path.join(dir, 'groups'))) return dir;
  }
  return null;
}

async function runLikeJsonataJs(testcase, dataset) {
  let expr;
  const timeboxed = 'timelimit' in testcase && 'depth' in testcase;
  try {
    expr = jsonata(testcase.expr, timeboxed ? { timeLimitMs: testcase.timelimit, maxDepth: testcase.depth } : { timeLimitMs: 20000 });
  } catch (e) {
    if (testcase.code) {
      if (e.code !== testcase.code) return `expected ${testcase.code}, compile threw ${e.code}`;
      if ('token' in testcase && e.token !== testcase.token) return `expected token ${testcase.token}, got ${e.token}`;
      return null;
    }
    return `unexpected exception ${e.code}: ${e.message}`;
  }
  let result;
  let error;
  try {
    result = await expr.evaluate(dataset, testcase.bindings);
  } catch (e) {
    error = e;
    if (timeboxed && (e.code === 'D1011' || e.code === 'D1012')) error = { ...e, code: 'U1001' };
  }
  if ('undefinedResult' in testcase) return error ? `threw ${error.code}` : result === undefined ? null : `got ${JSON.stringify(result)}`;
  if ('result' in testcase) {
    if (error) return `threw ${error.code}: ${error.message}`;
    return isDeepStrictEqual(result, testcase.result) ? null : `expected ${JSON.stringify(testcase.result)}, got ${JSON.stringify(result)}`;
  }
  const expected = testcase.error ?? (testcase.code ? { code: testcase.code } : null);
  if (!expected) return 'nothing to test';
  if (!error) return `expected ${expected.code}, got ${JSON.stringify(result)}`;
  if (error.code !== expected.code) return `expected ${expected.code}, got ${error.code}`;
  return null;
}

test('the JSONata conformance suite passes through the drop-in as jsonata-js runs it', { skip: suiteDir() ? false : 'conformance suite not found (set TB_CONFORMANCE_DIR)' }, async () => {
  const dir = suiteDir();
  const { loadSuite } = await import(pathToFileURL(path.join(dist, 'conformance.mjs')).href);
  const nondeterministic = new Set(fs.readFileSync(path.join(root, 'tests', 'conformance', 'nondeterministic.txt'), 'utf8')
    .split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter(Boolean));
  let passed = 0;
  const failed = [];
  for (const c of loadSuite(dir)) {
    const why = await runLikeJsonataJs(c.spec.expr === undefined ? { ...c.spec, expr: c.expr } : c.spec, c.input);
    if (why === null) passed++;
    else if (!nondeterministic.has(c.id)) failed.push(`${c.id}: ${why}`);
  }
  process.stdout.write(`drop-in conformance: ${passed} passed, ${failed.length} failed\n`);
  assert.deepEqual(failed, []);
  assert.ok(passed > 1000, `${passed} cases passed`);
});
