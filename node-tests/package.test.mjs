// The packages as published: prepack refuses to pack an engine-less package, the license is
// the same everywhere, and the developer tools' package carries the simulator (with its
// `ticketbridge-itsm-sim` command and types) that the runtime package leaves out.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { root, tempDir } from './support.mjs';

const exec = promisify(execFile);
const wasmDir = path.join(root, 'wasm');

// A checkout with wasm/package.json and the prepack script but, unless `withDist`, no build.
function fakeCheckout({ withDist }) {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'wasm', 'scripts'), { recursive: true });
  fs.copyFileSync(path.join(wasmDir, 'package.json'), path.join(dir, 'wasm', 'package.json'));
  fs.copyFileSync(path.join(wasmDir, 'scripts', 'prepack.mjs'), path.join(dir, 'wasm', 'scripts', 'prepack.mjs'));
  if (withDist) fs.cpSync(path.join(wasmDir, 'dist'), path.join(dir, 'wasm', 'dist'), { recursive: true });
  return dir;
}

// Runs prepack with a PATH that has node and nothing else (no Emscripten, no cmake).
async function prepack(dir) {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  const env = { ...process.env, PATH: bin };
  return exec(process.execPath, [path.join(dir, 'wasm', 'scripts', 'prepack.mjs')], { cwd: path.join(dir, 'wasm'), env })
    .then((r) => ({ code: 0, ...r }), (e) => e);
}

test('prepack refuses, naming what is missing, when there is no build and no Emscripten', async () => {
  const r = await prepack(fakeCheckout({ withDist: false }));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /refusing to pack: .*dist\/ticketbridge-core\.wasm/);
  assert.match(r.stderr, /scripts\/setup\.sh/);
});

test('prepack refuses a build without the JSONata-only module (what ticketbridge/jsonata loads)', async () => {
  const dir = fakeCheckout({ withDist: true });
  fs.rmSync(path.join(dir, 'wasm', 'dist', 'ticketbridge-jsonata.wasm'));
  const r = await prepack(dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /refusing to pack: dist\/ticketbridge-jsonata\.wasm is missing/);
});

test('prepack lets a complete build through when it cannot rebuild', async () => {
  const r = await prepack(fakeCheckout({ withDist: true }));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /packing the existing build/);
});

test('one MIT license: the repository, the package and the developer tools', () => {
  const text = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
  assert.match(text, /^MIT License/);
  assert.match(text, /the ticketbridge authors/);
  assert.equal(fs.readFileSync(path.join(wasmDir, 'LICENSE'), 'utf8'), text);
  assert.equal(fs.readFileSync(path.join(wasmDir, 'devtools', 'LICENSE'), 'utf8'), text);
  for (const dir of [wasmDir, path.join(wasmDir, 'devtools')]) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    assert.equal(manifest.license, 'MIT');
    assert.equal(manifest.private, undefined);
  }
});

test('ticketbridge-devtools packs the simulator with its command and types', async () => {
  const { stdout } = await exec('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: path.join(wasmDir, 'devtools') });
  const files = JSON.parse(stdout)[0].files.map((f) => f.path);
  for (const f of ['dist/itsm-sim/index.mjs', 'dist/itsm-sim/main.mjs', 'dist/conformance.mjs', 'itsm-sim.d.ts',
    'conformance.d.ts', 'bin/conformance.mjs', 'README.md', 'LICENSE']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(wasmDir, 'devtools', 'package.json'), 'utf8'));
  assert.equal(manifest.bin['ticketbridge-itsm-sim'], './dist/itsm-sim/main.mjs');
});

test('the ticketbridge-itsm-sim command starts the simulator', async (t) => {
  const main = path.join(wasmDir, 'devtools', 'dist', 'itsm-sim', 'main.mjs');
  assert.match(fs.readFileSync(main, 'utf8'), /^#!\/usr\/bin\/env node/);
  const child = spawn(process.execPath, [main, '--port', '0', '--memory', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGTERM'); });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const res = await fetch(`${url}/api/now/table/incident`, { headers: { authorization: `Basic ${Buffer.from('tb.integration:tb-demo-password').toString('base64')}` } });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  child.kill('SIGTERM');
  assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 0);
});

test('ticketbridge/presets: the seven presets for servers, with types, packed; the engine loads each one', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(wasmDir, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.exports['./presets'], { types: './dist/presets.d.ts', node: './dist/presets.mjs' });
  // Through the package's name, as a consumer imports it (the workspace links it).
  const { listPresets, presetNames, readPreset } = await import('ticketbridge/presets');
  const { init, loadConfig } = await import('ticketbridge');
  await init();
  assert.deepEqual(presetNames(), ['freshservice', 'jira', 'jira-service-management', 'rt', 'servicenow', 'topdesk', 'zendesk']);
  for (const preset of listPresets()) assert.ok(loadConfig(preset.config), preset.name);
  // Each read is a fresh copy: a caller that edits one does not change the next.
  readPreset('rt').config.credentials.rt.baseUrl = 'https://changed.example/';
  assert.equal(readPreset('rt').config.credentials.rt.baseUrl, 'https://rt.example.com/');
  assert.throws(() => readPreset('glpi'), { code: 'PRESET_UNKNOWN', message: /there are: freshservice, jira/ });
  const { stdout } = await exec('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: wasmDir });
  const files = JSON.parse(stdout)[0].files.map((f) => f.path);
  for (const f of ['dist/presets.mjs', 'dist/presets.d.ts', ...presetNames().map((n) => `dist/presets/${n}.json`)]) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
});

test('on Node the package\'s names resolve to the bundled entries, which share one loader and one set of errors, all packed', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(wasmDir, 'package.json'), 'utf8'));
  assert.equal(manifest.exports['.'].node.default, './dist/node-index.mjs');
  assert.equal(manifest.exports['./jsonata'].node.default, './dist/node-jsonata.mjs');
  assert.equal(manifest.exports['./redis-store'].node, './dist/node-redis-store.mjs');
  const tb = await import('ticketbridge');
  const { redisStore } = await import('ticketbridge/redis-store');
  const { default: jsonata } = await import('ticketbridge/jsonata');
  // One copy of the error classes: what the redis store throws is the main entry's StoreError.
  await assert.rejects(redisStore('http://not-redis.example'), (e) => e instanceof tb.StoreError && e.code === 'STORE_INVALID_LOCATION');
  // One loader: with the main entry initialised, the drop-in answers from the same engine.
  await tb.init();
  assert.equal(await jsonata('$sum(a)').evaluate({ a: [1, 2] }), 3);
  // Every file the bundled entries import is in the package.
  const { stdout } = await exec('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: wasmDir });
  const files = new Set(JSON.parse(stdout)[0].files.map((f) => f.path));
  const pending = ['node-index.mjs', 'node-jsonata.mjs', 'node-redis-store.mjs'];
  for (const seen = new Set(); pending.length;) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    assert.ok(files.has(`dist/${file}`), `dist/${file} is packed`);
    const text = fs.readFileSync(path.join(wasmDir, 'dist', file), 'utf8');
    for (const [, dep] of text.matchAll(/(?:from|import\()\s*["']\.\/([^"']+)["']/g)) pending.push(dep);
  }
});
