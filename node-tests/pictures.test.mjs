// The picture strings' module (ticketbridge-pictures.wasm, wasm/js/pictures.mjs): neither
// engine carries $formatNumber, $formatInteger, $parseInteger, $fromMillis, $toMillis and $now;
// each public entry loads the pictures module when what it evaluates needs it, from a cold
// start (a new process each), and a module that is missing or not the pictures is a coded
// error. Which modules a process compiled is read from the bytes WebAssembly.compile was given.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { checkPictureFixtures } from './picture-fixtures.mjs';
import { dist, root } from './paths.mjs';

const exec = promisify(execFile);
const sizeOf = (file) => fs.statSync(path.join(dist, file)).size;
const modules = {
  [sizeOf('ticketbridge-core.wasm')]: 'core',
  [sizeOf('ticketbridge-jsonata.wasm')]: 'jsonata',
  [sizeOf('ticketbridge-pictures.wasm')]: 'pictures',
};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-pictures-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

// Runs `body` as an ES module in a new process with `dir` as the package's dist/; answers what
// it passed to out() and the modules it compiled, in order.
async function cold(body, dir = dist) {
  const url = (file) => JSON.stringify(pathToFileURL(path.join(dir, file)).href);
  const program = `const compiled = []; const compile = WebAssembly.compile;
    WebAssembly.compile = (bytes) => { compiled.push(bytes.byteLength); return compile(bytes); };
    const logged = []; const out = (v) => logged.push(v);
    const failure = (e) => [e.name, e.code, e.message];
    try { ${body.replaceAll(/\{\{(\S+?)\}\}/g, (_, file) => url(file))} } catch (e) { logged.push({ thrown: failure(e) }); }
    console.log(JSON.stringify({ logged, compiled }));`;
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', program], { timeout: 60000, cwd: root });
  const result = JSON.parse(stdout.trim().split('\n').pop());
  // Node compiles small modules of its own (undici's parser): only the package's count.
  return { ...result, compiled: result.compiled.filter((n) => n > 100000).map((n) => modules[n] ?? `unknown (${n} bytes)`) };
}

// A copy of the package whose pictures module is `replace` (bytes) or missing (null).
function packageWith(name, replace) {
  const dir = path.join(work, name);
  fs.cpSync(dist, dir, { recursive: true });
  if (replace === null) fs.rmSync(path.join(dir, 'ticketbridge-pictures.wasm'));
  else fs.writeFileSync(path.join(dir, 'ticketbridge-pictures.wasm'), replace);
  return dir;
}

test('neither engine carries the pictures\' code; the pictures module does', () => {
  for (const engine of ['ticketbridge-core.wasm', 'ticketbridge-jsonata.wasm']) {
    const bytes = fs.readFileSync(path.join(dist, engine)).toString('latin1');
    // Text only the pictures hold: the day names $fromMillis writes (the engines held them before).
    assert.equal(bytes.includes('Wednesday'), false, `${engine} holds the pictures' day names`);
  }
  assert.ok(fs.readFileSync(path.join(dist, 'ticketbridge-pictures.wasm')).toString('latin1').includes('Wednesday'));
});

test('main entry: nothing loads the pictures until asked; a synchronous picture before is a coded error, after it the answer', async () => {
  const r = await cold(`const tb = await import({{index.mjs}});
    await tb.init();
    out(tb.jsonata('$sum([1, 2])').evaluate(null));
    const e = tb.jsonata('"n: " & $formatNumber(n, "#,##0.00")');
    out([e.needsPictures, tb.jsonata('$sum(a)').needsPictures, tb.picturesLoaded()]);
    try { e.evaluate({ n: 1234.5 }); } catch (err) { out([err.name, err.code, err.position, err.token]); }
    await tb.loadPictures();
    out([tb.picturesLoaded(), e.evaluate({ n: 1234.5 })]);
    try { tb.jsonata('$formatNumber(1, "#;#;#")').evaluate(null); } catch (err) { out([err.code, err.message, err.position, err.token]); }`);
  assert.deepEqual(r.logged, [
    3,
    [true, false, false],
    ['JsonataError', 'PICTURES_NOT_LOADED', 22, 'formatNumber'],
    [true, 'n: 1,234.50'],
    ['D3080', 'The picture string must only contain a maximum of two sub-pictures', 14, 'formatNumber'],
  ]);
  assert.deepEqual(r.compiled, ['core', 'pictures']);
});

test('main entry: init({ pictures: true }) loads both, so the first synchronous evaluation has its answer', async () => {
  const r = await cold(`const tb = await import({{index.mjs}});
    await tb.init({ pictures: true });
    out(tb.jsonata('$fromMillis(0, "[Y0001]-[M01]-[D01]") & " " & $formatInteger(12, "w")').evaluate(null));`);
  assert.deepEqual(r.logged, ['1970-01-01 twelve']);
  assert.deepEqual(r.compiled.sort(), ['core', 'pictures']);
});

test('drop-in: the first evaluate of a picture loads the JSONata-only engine and the pictures; others load no pictures', async () => {
  const r = await cold(`const { default: jsonata } = await import({{dropin.node.mjs}});
    out(await jsonata('$string(x * 2)').evaluate({ x: 21 }));
    out(await jsonata('$formatNumber(x, "0.0%")').evaluate({ x: 0.125 }));
    out(await jsonata('$toMillis("1970-01-01T00:00:01Z")').evaluate(null));`);
  assert.deepEqual(r.logged, ['42', '12.5%', 1000]);
  assert.deepEqual(r.compiled, ['jsonata', 'pictures']);
  const first = await cold(`const { default: jsonata } = await import({{dropin.node.mjs}});
    out(await jsonata('$parseInteger("twelve", "w")').evaluate(null));`);
  assert.deepEqual(first.logged, [12]);
  assert.deepEqual(first.compiled.sort(), ['jsonata', 'pictures']);
});

test('escalation: escalate() loads the pictures an output needs; new Escalation() without them is a coded error', async () => {
  const r = await cold(`const tb = await import({{index.mjs}});
    const { startSimulator } = await import({{itsm-sim/index.mjs}});
    const fs = await import('node:fs');
    const config = JSON.parse(fs.readFileSync('examples/servicenow/config.json', 'utf8'));
    const conversation = JSON.parse(fs.readFileSync('examples/servicenow/conversation.json', 'utf8'));
    const sim = await startSimulator({ port: 0, dataFile: null });
    try {
      config.credentials.servicenow.baseUrl = sim.url.endsWith('/') ? sim.url : sim.url + '/';
      config.apiCalls.createIncident.outputs.ticketNumber = 'result.number & " of " & $fromMillis(0, "[Y0001]")';
      await tb.init();
      const loaded = tb.loadConfig(config);
      out(loaded.needsPictures);
      try { new tb.Escalation(loaded); } catch (e) { out([e.name, e.code]); }
      const outcome = await tb.escalate(config, conversation, { confirm: async () => true });
      out([outcome.status, /^INC\\d{7} of 1970$/.test(outcome.ticketNumber), tb.picturesLoaded()]);
    } finally { await sim.close(); }`);
  assert.deepEqual(r.logged, [true, ['ConfigError', 'PICTURES_NOT_LOADED'], ['escalated', true, true]]);
  assert.deepEqual(r.compiled, ['core', 'pictures']);
});

test('a missing pictures module is WASM_NOT_FOUND naming it, from every entry; the engine goes on without it', async () => {
  const dir = packageWith('missing', null);
  const main = await cold(`const tb = await import({{index.mjs}});
    await tb.init();
    await tb.loadPictures().catch((e) => out([e.code, e.message.includes('ticketbridge-pictures.wasm')]));
    try { tb.jsonata('$formatInteger(1, "w")').evaluate(null); } catch (e) { out(e.code); }
    out(tb.jsonata('1 + 1').evaluate(null));
    await tb.init({ pictures: true }).catch((e) => out(e.code));`, dir);
  assert.deepEqual(main.logged, [['WASM_NOT_FOUND', true], 'PICTURES_NOT_LOADED', 2, 'WASM_NOT_FOUND']);
  const dropin = await cold(`const { default: jsonata } = await import({{dropin.node.mjs}});
    await jsonata('$now("[Y]")').evaluate(null).catch((e) => out([e.code, e.message.includes('ticketbridge-pictures.wasm')]));
    out(await jsonata('"still " & 1').evaluate(null));`, dir);
  assert.deepEqual(dropin.logged, [['WASM_NOT_FOUND', true], 'still 1']);
});

test('a pictures file that is not WebAssembly, or not the pictures module, is a coded error too', async () => {
  const html = packageWith('html', Buffer.from('<!doctype html><title>404</title>'));
  const r = await cold(`const tb = await import({{index.mjs}});
    await tb.init();
    await tb.loadPictures().catch((e) => out(e.code));
    const fs = await import('node:fs');
    await tb.loadPictures({ wasm: fs.readFileSync(new URL({{ticketbridge-jsonata.wasm}})) }).catch((e) => out(e.code));
    await tb.loadPictures({ wasm: 42 }).catch((e) => out(e.code));
    out(tb.picturesLoaded());`, html);
  assert.deepEqual(r.logged, ['WASM_INVALID', 'WASM_INSTANTIATE_FAILED', 'INIT_OPTIONS_INVALID', false]);
});

test('the shared picture fixtures answer as jsonata-js does through the full engine and the pictures module', async () => {
  const tb = await import('ticketbridge');
  await tb.init();
  await tb.loadPictures();
  const { ran, wrong } = await checkPictureFixtures((expr, bindings) => tb.jsonata(expr).evaluate(null, bindings));
  assert.ok(ran > 6000, `${ran} rows`);
  assert.deepEqual(wrong, []);
});
