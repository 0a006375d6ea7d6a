// How the web demo serves the engine and the page bundles (web-demo/lib/asset-response.mjs):
// in the coding the browser accepts, the same bytes once decoded, and with a validator so a
// repeat visit costs a 304 instead of the download (docs/hosting.md, "Serving the engine").
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, test } from 'node:test';
import { root } from './support.mjs';
import { startDemo, stopDemo } from './web-demo-support.mjs';
import { prepare, sendAsset } from '../web-demo/lib/asset-response.mjs';

const wasmFile = path.join(root, 'wasm', 'dist', 'ticketbridge-core.wasm');
let demo;
let work;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-assets-'));
  demo = await startDemo(['--data', path.join(work, 'data')]);
});
after(async () => {
  await stopDemo(demo);
  fs.rmSync(work, { recursive: true, force: true });
});

// A raw GET (Node's fetch would decode the body and choose Accept-Encoding itself).
function get(url, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(answer) {
  const coding = answer.headers['content-encoding'];
  if (coding === 'br') return zlib.brotliDecompressSync(answer.body);
  if (coding === 'gzip') return zlib.gunzipSync(answer.body);
  assert.equal(coding, undefined, `unexpected coding ${coding}`);
  return answer.body;
}

test('the engine is served as application/wasm in the coding asked for, the same bytes once decoded', async () => {
  const engine = fs.readFileSync(wasmFile);
  const url = `${demo.base}/assets/ticketbridge-core.wasm`;
  const plain = await get(url);
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-type'], 'application/wasm');  // streaming compilation needs it
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(engine));
  const gzip = await get(url, { 'accept-encoding': 'gzip' });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.ok(gzip.body.length < engine.length / 2, 'gzip at least halves the engine');
  assert.ok(decode(gzip).equals(engine));
  // Brotli is made in the background at start-up (1.5 s of CPU at quality 11); gzip until then.
  let br;
  for (let i = 0; i < 100; i++) {
    br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    if (br.headers['content-encoding'] === 'br') break;
    assert.equal(br.headers['content-encoding'], 'gzip');
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(br.headers['content-encoding'], 'br');
  assert.ok(br.body.length < gzip.body.length, 'brotli is smaller than gzip');
  assert.ok(decode(br).equals(engine));
  assert.equal(br.headers.vary, 'accept-encoding');
  const refused = await get(url, { 'accept-encoding': 'br;q=0, gzip' });
  assert.equal(refused.headers['content-encoding'], 'gzip');
});

test('a repeat visit revalidates: the same ETag in every coding, and 304 without a body when it matches', async () => {
  const url = `${demo.base}/assets/widget.js`;
  const first = await get(url, { 'accept-encoding': 'gzip' });
  assert.equal(first.status, 200);
  assert.match(first.headers['content-type'], /^text\/javascript/);
  assert.equal(first.headers['cache-control'], 'no-cache');  // kept, checked before each use
  const etag = first.headers.etag;
  assert.match(etag, /^W\/"[\w-]{22}"$/);
  assert.equal((await get(url)).headers.etag, etag);
  const again = await get(url, { 'if-none-match': etag, 'accept-encoding': 'gzip' });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  const stale = await get(url, { 'if-none-match': 'W/"something-else"' });
  assert.equal(stale.status, 200);
  const head = await get(url, {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(Number(head.headers['content-length']), decode(first).length);
});

test('the pages preload the engine, and an unknown asset is a coded 404', async () => {
  for (const page of ['/', '/admin']) {
    const html = (await get(`${demo.base}${page}`)).body.toString('utf8');
    assert.match(html, /<link rel="preload" href="\/assets\/ticketbridge-core\.wasm" as="fetch" type="application\/wasm" crossorigin>/);
  }
  const missing = await get(`${demo.base}/assets/nothing.js`);
  assert.equal(missing.status, 404);
  assert.equal(JSON.parse(missing.body).error.code, 'DEMO_NOT_FOUND');
});

test('sendAsset leaves a body under 1 KiB uncoded, whatever the browser accepts', async () => {
  const small = Buffer.from('body { margin: 0 }\n');
  const server = http.createServer((req, res) => sendAsset(req, res, small, 'text/css; charset=utf-8'));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    await prepare(small);  // too small: nothing to make
    const answer = await get(`http://127.0.0.1:${server.address().port}/`, { 'accept-encoding': 'br, gzip' });
    assert.equal(answer.headers['content-encoding'], undefined);
    assert.ok(answer.body.equals(small));
  } finally {
    server.close();
  }
});
