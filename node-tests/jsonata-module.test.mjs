// The JSONata-only module (ticketbridge-jsonata.wasm): `ticketbridge/jsonata` used alone loads
// it and never the full engine; a program with both entries loads one engine, the full one;
// a missing small module is a coded error naming the file to serve. Which module was loaded
// is read from the bytes WebAssembly.compile was given, in a new process each time.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { dist } from './paths.mjs';

const exec = promisify(execFile);
const url = (file, dir = dist) => JSON.stringify(pathToFileURL(path.join(dir, file)).href);
const sizeOf = (file) => fs.statSync(path.join(dist, file)).size;
const engines = {
  [sizeOf('ticketbridge-core.wasm')]: 'core',
  [sizeOf('ticketbridge-jsonata.wasm')]: 'jsonata',
  [sizeOf('ticketbridge-pictures.wasm')]: 'pictures',
};

// Records the engines a program compiles and instantiates (by size: the two files differ),
// then runs `body` as an ES module (or CommonJS) and prints what it logged, what was compiled
// and what instantiated.
const spy = `const compiled = []; const compile = WebAssembly.compile; const sizes = new WeakMap();
  WebAssembly.compile = (bytes) => { compiled.push(bytes.byteLength); return compile(bytes).then((m) => { sizes.set(m, bytes.byteLength); return m; }); };
  const instantiated = []; const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (m, imports) => { if (sizes.has(m)) instantiated.push(sizes.get(m)); return instantiate(m, imports); };
  const logged = []; const out = (v) => logged.push(v);`;
async function run(body, { cjs = false } = {}) {
  const program = cjs
    ? `${spy} (async () => { ${body} })().then(() => console.log(JSON.stringify({ logged, compiled, instantiated })), (e) => { console.log(JSON.stringify({ logged, compiled, instantiated, thrown: e.code ?? String(e) })); });`
    : `${spy} try { ${body} } catch (e) { logged.push({ thrown: e.code ?? String(e), message: e.message }); } console.log(JSON.stringify({ logged, compiled, instantiated }));`;
  const args = cjs ? ['-e', program] : ['--input-type=module', '-e', program];
  const { stdout } = await exec(process.execPath, args, { timeout: 30000 });
  const result = JSON.parse(stdout.trim().split('\n').pop());
  // Node compiles small modules of its own (undici's HTTP parser, when fetch or Response is
  // first touched): only modules of an engine's size count.
  const name = (sizes) => sizes.filter((n) => n > 100000).map((n) => engines[n] ?? `unknown (${n} bytes)`);
  return { ...result, compiled: name(result.compiled), instantiated: name(result.instantiated) };
}

test('the JSONata-only module is much smaller than the full engine', () => {
  assert.ok(sizeOf('ticketbridge-jsonata.wasm') < 0.75 * sizeOf('ticketbridge-core.wasm'),
    `${sizeOf('ticketbridge-jsonata.wasm')} vs ${sizeOf('ticketbridge-core.wasm')} bytes`);
});

test('ticketbridge/jsonata alone compiles the JSONata-only module, and every feature of the drop-in works on it', async () => {
  const r = await run(`const { default: jsonata } = await import(${url('dropin.node.mjs')});
    out(await jsonata('$sum(a) & " " & $uppercase(b)').evaluate({ a: [1, 2], b: 'x' }));
    const e = jsonata('$twice(n)'); e.registerFunction('twice', (x) => x * 2, '<n:n>');
    out(await e.evaluate({ n: 21 }));
    out(await jsonata('$fromMillis(0)').evaluate(null));
    out(await jsonata('$x').evaluate(null, { x: [1] }));
    out(jsonata('a.b').ast().type);
    try { jsonata('$sum('); } catch (err) { out(err.code); }`);
  assert.deepEqual(r.logged, ['3 X', 42, '1970-01-01T00:00:00.000Z', [1], 'path', 'S0203']);
  // $fromMillis loaded the pictures module at its evaluate (pictures.test.mjs).
  assert.deepEqual(r.compiled, ['jsonata', 'pictures']);
});

test('require("ticketbridge/jsonata") compiles the JSONata-only module too', async () => {
  const r = await run(`const jsonata = require(${JSON.stringify(path.join(dist, 'dropin.cjs'))});
    out(await jsonata('$string(x * 2)').evaluate({ x: 21 }));`, { cjs: true });
  assert.deepEqual(r.logged, ['42']);
  assert.deepEqual(r.compiled, ['jsonata']);
});

test('with both entries imported, one engine is loaded, the full one, whichever is used first', async () => {
  const dropinFirst = await run(`const { default: jsonata } = await import(${url('dropin.node.mjs')});
    const tb = await import(${url('index.mjs')});
    out(await jsonata('$sum([1, 2])').evaluate(null));
    await tb.init();
    out(tb.escalationKey('c-1').length > 0);`);
  assert.deepEqual(dropinFirst.logged, [3, true]);
  // The drop-in's import started reading and compiling its small module, which the second
  // dynamic import then made moot: it may have been compiled meanwhile, never instantiated.
  // (Imported statically together, the entries compile the full engine alone:
  // early-load.test.mjs.)
  assert.deepEqual(dropinFirst.instantiated, ['core']);
  assert.equal(dropinFirst.compiled.at(-1), 'core');
  const mainFirst = await run(`const tb = await import(${url('index.mjs')});
    const loading = tb.init();
    const { default: jsonata } = await import(${url('dropin.node.mjs')});
    out(await jsonata('$sum([1, 2])').evaluate(null));
    await loading;
    out(tb.isInitialised());`);
  assert.deepEqual(mainFirst.logged, [3, true]);
  assert.deepEqual(mainFirst.compiled, ['core']);
  assert.deepEqual(mainFirst.instantiated, ['core']);
});

test('the main entry imported after the drop-in loaded its engine: a coded error, the drop-in still works', async () => {
  const r = await run(`const { default: jsonata } = await import(${url('dropin.node.mjs')});
    out(await jsonata('1 + 1').evaluate(null));
    const tb = await import(${url('index.mjs')});
    await tb.init().catch((e) => out([e.code, /import 'ticketbridge' before/.test(e.message)]));
    out(tb.isInitialised());
    out(await jsonata('2 + 2').evaluate(null));`);
  assert.deepEqual(r.logged, [2, ['WASM_JSONATA_ONLY', true], false, 4]);
  assert.deepEqual(r.compiled, ['jsonata']);
});

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-module-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

test('without ticketbridge-jsonata.wasm the drop-in rejects with WASM_NOT_FOUND naming that file', async () => {
  // The package's modules without the small .wasm (the full one stays: it must not be taken instead).
  for (const f of fs.readdirSync(dist)) {
    if (f !== 'ticketbridge-jsonata.wasm' && fs.statSync(path.join(dist, f)).isFile()) fs.copyFileSync(path.join(dist, f), path.join(work, f));
  }
  const r = await run(`const { default: jsonata } = await import(${url('dropin.node.mjs', work)});
    await jsonata('1').evaluate(null).catch((e) => out([e.code, e.message]));`);
  const [code, message] = r.logged[0];
  assert.equal(code, 'WASM_NOT_FOUND');
  assert.match(message, /ticketbridge-jsonata\.wasm/);
  assert.match(message, /copy ticketbridge-jsonata\.wasm \(ticketbridge\/ticketbridge-jsonata\.wasm\)/);
  assert.deepEqual(r.compiled, []);
});
