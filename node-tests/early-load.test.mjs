// Importing an entry starts loading the engine (reading and compiling the default .wasm,
// importing the glue) before init() or the drop-in's first evaluate, which then take that
// load: so it is done once, a failure surfaces there as the usual coded error (and never as
// an unhandled rejection when nobody evaluates), init({ wasm }) still loads what it is given,
// and a program importing both entries statically compiles the full engine alone. Each case
// runs in a new process, with WebAssembly.compile and instantiate watched by a module
// imported before the package.
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
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-early-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const sizeOf = (file) => fs.statSync(path.join(dist, file)).size;
const engines = { [sizeOf('ticketbridge-core.wasm')]: 'core', [sizeOf('ticketbridge-jsonata.wasm')]: 'jsonata' };

// Records which engine was compiled and instantiated, in order, with whether init() (or an
// evaluate) had been called yet; `compiled` resolves at the first engine compiled.
const watch = path.join(work, 'watch.mjs');
fs.writeFileSync(watch, `const sizes = ${JSON.stringify(engines)};
const sizeOf = new WeakMap();
export const events = [];
export const state = { asked: false };
let first; export const compiled = new Promise((resolve) => { first = resolve; });
const compile = WebAssembly.compile;
WebAssembly.compile = async (bytes) => {
  const engine = sizes[bytes.byteLength];
  if (engine) events.push(['compile', engine, state.asked ? 'after' : 'before']);
  const module = await compile(bytes);
  if (engine) { sizeOf.set(module, engine); first(engine); }
  return module;
};
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = (module, imports) => {
  if (sizeOf.has(module)) events.push(['instantiate', sizeOf.get(module)]);
  return instantiate(module, imports);
};
export const out = (v) => process.stdout.write(JSON.stringify(v) + '\\n');
export const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// The first engine compiled, or \`late\` after ms; the timer is cleared either way, so a
// process that got its answer exits at once instead of waiting it out.
export const compiledWithin = (ms, late) => { let timer;
  return Promise.race([compiled, new Promise((resolve) => { timer = setTimeout(resolve, ms, late); })]).finally(() => clearTimeout(timer)); };
`);

const url = (file, dir = dist) => JSON.stringify(pathToFileURL(path.join(dir, file)).href);

// Runs `imports` (static import lines, after the watcher's) and `body` as an ES module in a
// new process; returns the lines it printed, its stderr and its exit code.
async function run(imports, body) {
  const program = `import { events, state, compiledWithin, out, settle } from ${JSON.stringify(pathToFileURL(watch).href)};
${imports}
try { ${body} } catch (e) { out({ thrown: e.code ?? String(e), message: e.message }); }`;
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--input-type=module', '-e', program], { timeout: 30000, cwd: work });
    return { lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr, code: 0 };
  } catch (err) {
    return { lines: [], stderr: err.stderr, code: err.code };
  }
}

// The package's files in a folder of their own, without the .wasm files named in `missing`.
function packageWithout(name, missing) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  for (const f of fs.readdirSync(dist)) {
    if (!missing.includes(f) && fs.statSync(path.join(dist, f)).isFile()) fs.copyFileSync(path.join(dist, f), path.join(dir, f));
  }
  return dir;
}

// The ES modules as written, and the bundled entries Node resolves the package's name to
// (dist/node-*.mjs, wasm/scripts/build-node-entries.mjs): both must load one engine the same way.
for (const [form, main, dropin] of [['modules', 'index.mjs', 'dropin.node.mjs'], ['bundled entries', 'node-index.mjs', 'node-jsonata.mjs']]) {
  test(`${form}: importing the main entry compiles the engine before init(), which then uses that module`, async () => {
    const r = await run(`import * as tb from ${url(main)};`, `
      out(await compiledWithin(10000, 'nothing compiled'));
      out(tb.isInitialised());
      state.asked = true;
      await tb.init();
      out(tb.jsonata('$sum([1, 2, 3])').evaluate());
      out(events);`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.lines, ['core', false, 6, [['compile', 'core', 'before'], ['instantiate', 'core']]]);
  });

  test(`${form}: importing ticketbridge/jsonata compiles the JSONata-only module before its first evaluate`, async () => {
    const r = await run(`import jsonata from ${url(dropin)};`, `
      out(await compiledWithin(10000, 'nothing compiled'));
      state.asked = true;
      out(await jsonata('$sum(a)').evaluate({ a: [1, 2] }));
      out(events);`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.lines, ['jsonata', 3, [['compile', 'jsonata', 'before'], ['instantiate', 'jsonata']]]);
  });

  test(`${form}: a program importing both entries statically compiles the full engine alone, before either is used`, async () => {
    const r = await run(`import jsonata from ${url(dropin)};\nimport * as tb from ${url(main)};`, `
      out(await compiledWithin(10000, 'nothing compiled'));
      state.asked = true;
      out(await jsonata('$sum([1, 2])').evaluate(null));
      await tb.init();
      out(tb.escalationKey('c-1').length > 0);
      out(events);`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.lines, ['core', 3, true, [['compile', 'core', 'before'], ['instantiate', 'core']]]);
  });
}

test('a .wasm missing at import: nothing is reported until init(), which rejects with WASM_NOT_FOUND and may be retried', async () => {
  const dir = packageWithout('no-core', ['ticketbridge-core.wasm']);
  const r = await run(`import * as tb from ${url('index.mjs', dir)};`, `
    await settle(300);  // the early load has failed by now
    state.asked = true;
    await tb.init().catch((e) => out([e.code, /ticketbridge-core\\.wasm/.test(e.message), e.path?.endsWith('ticketbridge-core.wasm')]));
    (await import('node:fs')).copyFileSync(${JSON.stringify(path.join(dist, 'ticketbridge-core.wasm'))}, ${JSON.stringify(path.join(dir, 'ticketbridge-core.wasm'))});
    await tb.init();
    out(tb.jsonata('1 + 1').evaluate());
    out(events);`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual(r.lines, [['WASM_NOT_FOUND', true, true], 2, [['compile', 'core', 'after'], ['instantiate', 'core']]]);
});

test('a .wasm missing and no init() ever: the process exits cleanly, with no unhandled rejection', async () => {
  for (const [name, entry] of [['never-main', 'index.mjs'], ['never-dropin', 'dropin.node.mjs'], ['never-main-bundled', 'node-index.mjs'], ['never-dropin-bundled', 'node-jsonata.mjs']]) {
    const dir = packageWithout(name, ['ticketbridge-core.wasm', 'ticketbridge-jsonata.wasm']);
    const r = await run(`import * as tb from ${url(entry, dir)};`, 'await settle(300); out(\'done\');');
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    assert.equal(r.stderr, '', name);
    assert.deepEqual(r.lines, ['done'], name);
  }
  // With the .wasm there, a process that ends while the compilation is under way ends as usual.
  for (const entry of ['index.mjs', 'dropin.node.mjs', 'node-index.mjs', 'node-jsonata.mjs']) {
    const r = await run(`import * as tb from ${url(entry)};`, 'out(\'done\');');
    assert.equal(r.code, 0, `${entry}: ${r.stderr}`);
    assert.equal(r.stderr, '', entry);
    assert.deepEqual(r.lines, ['done'], entry);
  }
});

test('init({ wasm }) loads the module it is given, not the one started at import', async () => {
  const dir = packageWithout('elsewhere', ['ticketbridge-core.wasm']);
  const r = await run(`import * as tb from ${url('index.mjs', dir)};`, `
    state.asked = true;
    await tb.init({ wasm: (await import('node:fs')).readFileSync(${JSON.stringify(path.join(dist, 'ticketbridge-core.wasm'))}) });
    out(tb.jsonata('2 * 3').evaluate());
    out(events);`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines, [6, [['compile', 'core', 'after'], ['instantiate', 'core']]]);
});

test('the browser entries fetch and compile nothing at import: the page decides when (init()) and from where', async () => {
  // Node 20 has fetch and compileStreaming, so the browser entries can be imported here; every
  // fetch is recorded (and refused, so nothing is downloaded either way).
  const r = await run(`const fetched = []; globalThis.fetch = async (u) => { fetched.push(String(u)); throw new Error('no network here'); };
    const streamed = []; WebAssembly.compileStreaming = async () => { streamed.push(1); throw new Error('no'); };
    const main = await import(${url('index.web.mjs')}); const dropin = await import(${url('dropin.web.mjs')});`,
  `await settle(300);
   out({ fetched, streamed: streamed.length, events, init: typeof main.init, dropin: typeof dropin.default });`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines, [{ fetched: [], streamed: 0, events: [], init: 'function', dropin: 'function' }]);
});
