// Loading the engine: init() and every form of its `wasm` option, the coded errors a host
// sees when the .wasm is missing or wrong, and the CommonJS entry. Each case runs in a fresh
// Node process, because the engine loads once per process.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { dist, tempDir } from './support.mjs';

const run = promisify(execFile);
const indexUrl = pathToFileURL(path.join(dist, 'index.mjs')).href;
const wasmFile = path.join(dist, 'ticketbridge-core.wasm');

// Runs `body` (an async function body with `tb` imported) in a new process; returns the JSON
// it printed with out(value).
async function inFreshProcess(body, { cjs = false } = {}) {
  const script = cjs
    ? `const tb = require(${JSON.stringify(path.join(dist, 'index.cjs'))});
       const out = (v) => process.stdout.write(JSON.stringify(v) + '\\n');
       (async () => { ${body} })().catch((e) => out({ thrown: e.code ?? e.message }));`
    : `import * as tb from ${JSON.stringify(indexUrl)};
       const out = (v) => process.stdout.write(JSON.stringify(v) + '\\n');
       try { ${body} } catch (e) { out({ thrown: e.code ?? e.message, message: e.message, path: e.path }); }`;
  const args = cjs ? ['-e', script] : ['--input-type=module', '-e', script];
  const { stdout } = await run(process.execPath, args, { cwd: tempDir(), timeout: 30000 });
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

const answer = "out(tb.jsonata('$sum([1,2,3])').evaluate());";

test('calls before init() fail with NOT_INITIALISED, and work once it has settled', async () => {
  const [before, version, after] = await inFreshProcess(`
    try { tb.jsonata('1'); out('no error'); } catch (e) { out({ code: e.code, name: e.name, message: e.message }); }
    await tb.init();
    out(tb.version);
    ${answer}`);
  assert.equal(before.code, 'NOT_INITIALISED');
  assert.equal(before.name, 'TicketbridgeError');
  assert.match(before.message, /await init\(\)/);
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(after, 6);
});

test('init() with no option reads the .wasm beside the module; repeated calls share one load', async () => {
  const [same, value] = await inFreshProcess(`
    const a = tb.init(); const b = tb.init();
    out(a === b); await a; await tb.init();
    ${answer}`);
  assert.equal(same, true);
  assert.equal(value, 6);
});

test('init({ warmUp: false }) skips the warm-up evaluation and answers the same', async () => {
  const [value] = await inFreshProcess(`await tb.init({ warmUp: false }); ${answer}`);
  assert.equal(value, 6);
});

test('init({wasm}) takes bytes, a file URL, a path, a Response and a compiled Module', async () => {
  const forms = {
    bytes: `(await import('node:fs')).readFileSync(${JSON.stringify(wasmFile)})`,
    arrayBuffer: `new Uint8Array((await import('node:fs')).readFileSync(${JSON.stringify(wasmFile)})).buffer`,
    url: `new URL(${JSON.stringify(pathToFileURL(wasmFile).href)})`,
    path: JSON.stringify(wasmFile),
    // application/octet-stream: compileStreaming refuses it, the fallback compiles the bytes.
    response: `new Response((await import('node:fs')).readFileSync(${JSON.stringify(wasmFile)}), { headers: { 'content-type': 'application/octet-stream' } })`,
    module: `await WebAssembly.compile((await import('node:fs')).readFileSync(${JSON.stringify(wasmFile)}))`,
  };
  for (const [form, expr] of Object.entries(forms)) {
    const [value] = await inFreshProcess(`await tb.init({ wasm: ${expr} }); ${answer}`);
    assert.equal(value, 6, form);
  }
});

test('init() fetches an http URL, with or without the application/wasm MIME type', async (t) => {
  const bytes = fs.readFileSync(wasmFile);
  const server = http.createServer((req, res) => {
    if (req.url === '/right.wasm') res.writeHead(200, { 'content-type': 'application/wasm' }).end(bytes);
    else if (req.url === '/wrong.wasm') res.writeHead(200, { 'content-type': 'text/plain' }).end(bytes);
    else if (req.url === '/page.wasm') res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><p>not here</p>');
    else res.writeHead(404).end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  for (const file of ['right.wasm', 'wrong.wasm']) {
    const [value] = await inFreshProcess(`await tb.init({ wasm: '${base}/${file}' }); ${answer}`);
    assert.equal(value, 6, file);
  }
  const [missing] = await inFreshProcess(`await tb.init({ wasm: '${base}/gone.wasm' });`);
  assert.equal(missing.thrown, 'WASM_LOAD_FAILED');
  assert.match(missing.message, /gone\.wasm.*HTTP 404/);
  assert.match(missing.message, /init\(\{ wasm \}\)/, 'the message says how to fix it');
  const [page] = await inFreshProcess(`await tb.init({ wasm: '${base}/page.wasm' });`);
  assert.equal(page.thrown, 'WASM_INVALID');
  assert.match(page.message, /page\.wasm/);
});

test('a failed load names what was tried, and a later init() can still succeed', async () => {
  const missingFile = path.join(tempDir(), 'nowhere', 'ticketbridge-core.wasm');
  const [notFound, stillUnloaded, retried] = await inFreshProcess(`
    try { await tb.init({ wasm: ${JSON.stringify(missingFile)} }); } catch (e) { out({ code: e.code, message: e.message, path: e.path }); }
    try { tb.jsonata('1'); } catch (e) { out(e.code); }
    await tb.init();
    ${answer}`);
  assert.equal(notFound.code, 'WASM_NOT_FOUND');
  assert.ok(notFound.message.includes(missingFile), notFound.message);
  assert.match(notFound.message, /ENOENT/);
  assert.equal(stillUnloaded, 'NOT_INITIALISED');
  assert.equal(retried, 6);
});

test('bytes that are not the engine, and options of the wrong kind, are coded errors', async () => {
  const [garbage] = await inFreshProcess('await tb.init({ wasm: new Uint8Array([1, 2, 3, 4]) });');
  assert.equal(garbage.thrown, 'WASM_INVALID');
  const [wrongKind] = await inFreshProcess('await tb.init({ wasm: 42 });');
  assert.equal(wrongKind.thrown, 'INIT_OPTIONS_INVALID');
  // A valid module that is not this engine: it compiles, but cannot be linked.
  const [other] = await inFreshProcess(
    'await tb.init({ wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) }); out(tb.isInitialised());');
  assert.equal(other.thrown, 'WASM_INSTANTIATE_FAILED');
});

test('require() gets the CommonJS entry: same API, same init(), no import.meta', async () => {
  const [before, after, escalationKey] = await inFreshProcess(`
    try { tb.jsonata('1'); } catch (e) { out(e.code); }
    await tb.init();
    ${answer}
    out(tb.escalationKey('conv-1'));`, { cjs: true });
  assert.equal(before, 'NOT_INITIALISED');
  assert.equal(after, 6);
  assert.match(escalationKey, /\S/);
  const text = fs.readFileSync(path.join(dist, 'index.cjs'), 'utf8');
  assert.ok(!text.includes('import.meta'), 'the CommonJS entry holds no import.meta');
  const esm = Object.keys(await import(indexUrl)).sort();
  const [cjsKeys] = await inFreshProcess('out(Object.keys(tb).sort());', { cjs: true });
  assert.deepEqual(cjsKeys, esm.filter((k) => k !== 'default'));
});

test('the browser entry imports nothing from node:', () => {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    assert.ok(!/from\s+['"]node:|import\(\s*['"]node:|require\(/.test(text), `${file} uses a Node module`);
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]\.\/([^'"]+)['"]/g)) visit(m[1]);
  };
  visit('index.web.mjs');
  assert.ok(seen.has('ticketbridge-core.mjs') && seen.has('escalation.mjs'), [...seen].join(', '));
  visit('dropin.web.mjs');
  assert.ok(seen.has('web-host.mjs') && !seen.has('node-host.mjs'), [...seen].join(', '));
});
