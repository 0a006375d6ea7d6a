// The package as a new user gets it: `npm pack` of wasm/, installed into a fresh project
// (tests/bundlers/app), built with esbuild (browser ESM, Node ESM, Node CJS), Vite and
// webpack 5 at their default settings plus at most the one documented step (for esbuild:
// copy ticketbridge-core.wasm, or for `ticketbridge/jsonata` alone ticketbridge-jsonata.wasm,
// beside the bundle). Node outputs run directly, browser outputs
// in headless Chromium (Debian's `chromium`, driven by playwright-core); each evaluates an
// expression and escalates against the built-in ITSM.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { root, startSimulator } from './support.mjs';

const exec = promisify(execFile);
const requireHere = createRequire(path.join(root, 'tests', 'bundlers', 'package.json'));
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const noChromium = hasChromium ? false : `${CHROMIUM} is absent: install Debian's chromium package to run the browser builds`;
// The bundlers and playwright-core run on the Node on PATH (playwright-core needs Node 20); the
// suites' Node 18 pass covers the package itself (init, require, escalation) on Node 18.
const oldNode = Number(process.versions.node.split('.')[0]) < 20;

let work;
let app;
const out = (name) => path.join(work, 'out', name);
let tarball;
let packed;
let sim;
let simNoCors;

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

const installedWasm = (name = 'ticketbridge-core.wasm') => path.join(app, 'node_modules', 'ticketbridge', 'dist', name);
// The .wasm files a build emitted, by which engine they are (the two differ in size).
function emittedEngines(dir) {
  const size = (name) => fs.statSync(installedWasm(name)).size;
  const which = { [size('ticketbridge-core.wasm')]: 'core', [size('ticketbridge-jsonata.wasm')]: 'jsonata',
    [size('ticketbridge-pictures.wasm')]: 'pictures' };
  return fs.readdirSync(dir).filter((f) => f.endsWith('.wasm')).map((f) => which[fs.statSync(path.join(dir, f)).size] ?? f).sort();
}

describe('the packed package, bundled', { skip: oldNode && `the bundler builds run on Node 20 or later (this is ${process.version})` }, () => {
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-bundlers-'));
    app = path.join(work, 'app');
    // --ignore-scripts: CTest has built wasm/dist already; prepack's own behaviour has its test.
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: path.join(root, 'wasm') });
    packed = JSON.parse(stdout)[0];
    tarball = path.join(work, packed.filename);
    copyDir(path.join(root, 'tests', 'bundlers', 'app'), app);
    fs.copyFileSync(path.join(root, 'examples', 'servicenow', 'config.json'), path.join(app, 'src', 'config.json'));
    fs.copyFileSync(path.join(root, 'examples', 'servicenow', 'conversation.json'), path.join(app, 'src', 'conversation.json'));
    await exec('npm', ['install', '--no-audit', '--no-fund', '--offline', '--ignore-scripts', tarball], { cwd: app });
    sim = await startSimulator({ port: 0, dataFile: null });
    simNoCors = await startSimulator({ port: 0, dataFile: null, cors: false });
  });

  after(async () => {
    await sim?.close();
    await simNoCors?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('the tarball holds the runtime with README and LICENSE, and no developer tools', async () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const f of ['README.md', 'LICENSE', 'package.json', 'dist/ticketbridge-core.wasm', 'dist/ticketbridge-core.mjs',
      'dist/ticketbridge-jsonata.wasm', 'dist/ticketbridge-jsonata.mjs', 'dist/dropin.web.mjs', 'dist/dropin.node.mjs',
      'dist/dropin.cjs', 'dist/web-host-jsonata.mjs', 'dist/node-host-jsonata.mjs', 'dist/node-files.mjs', 'dist/index.mjs',
      'dist/index.web.mjs', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.mjs']) {
      assert.ok(files.includes(f), `${f} is packed`);
    }
    for (const f of files) assert.ok(!/itsm-sim|conformance|size\.json/.test(f), `${f} is not runtime`);
    const manifest = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'ticketbridge', 'package.json'), 'utf8'));
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.license, 'MIT');
    // repository/homepage wait for the project's public home: an invented URL would mislead.
    assert.ok(manifest.keywords.length && manifest.description);
    assert.equal(Object.keys(manifest.exports['.'])[0], 'types', 'types come first');
    // The installed CLI has the admin's tools; the simulator points to the devtools package.
    const cli = path.join(app, 'node_modules', 'ticketbridge', 'dist', 'cli.mjs');
    const { stdout } = await exec(process.execPath, [cli, 'jsonata', '$sum([1, 2])']);
    assert.equal(stdout.trim(), '3');
    const sim = await exec(process.execPath, [cli, 'itsm-sim']).then(() => null, (e) => e);
    assert.equal(sim?.code, 2);
    assert.match(sim.stderr, /npm install --save-dev ticketbridge-devtools/);
  });

  // Runs a Node build's handler in a new process and returns what it answered.
  async function runHandler(file, name) {
    const load = file.endsWith('.cjs') ? `Promise.resolve(require(${JSON.stringify(file)}))` : `import(${JSON.stringify(pathToFileURL(file).href)})`;
    const { stdout } = await exec(process.execPath, ['-e', `${load}.then((m) => m.handler()).then((r) => console.log(JSON.stringify(r)))`],
      { cwd: path.dirname(file), env: { ...process.env, ITSM_URL: sim.url, RUN_NAME: name }, timeout: 60000 });
    return JSON.parse(stdout.trim().split('\n').pop());
  }

  function assertWorked(result, name) {
    assert.equal(result.error, undefined, `${name}: ${result.message}`);
    assert.equal(result.value, 25, `${name} evaluates`);
    assert.match(result.version, /^\d+\.\d+\.\d+/);
    assert.equal(result.status, 'escalated', `${name} escalates (${result.code})`);
    assert.match(result.ticketNumber, /^INC\d+$/);
  }

  // The browser pages format a number too (tests/bundlers/app/src/index.js): the pictures
  // module loaded from where the build put it.
  function assertWorkedWithPictures(result, name) {
    assertWorked(result, name);
    assert.equal(result.picture, '1,234.5', `${name} formats with the pictures module`);
  }

  async function esbuildBuild(options) {
    const esbuild = requireHere('esbuild');
    const result = await esbuild.build({ bundle: true, absWorkingDir: app, logLevel: 'silent', ...options });
    return result.warnings.map((w) => w.text);
  }

  describe('esbuild', () => {
    test('Node ESM: builds without warnings and runs with the .wasm copied beside it', async () => {
      const dir = out('esbuild-node-esm');
      const warnings = await esbuildBuild({ entryPoints: ['src/handler.mjs'], platform: 'node', format: 'esm', outfile: path.join(dir, 'handler.mjs') });
      assert.deepEqual(warnings, []);
      fs.copyFileSync(installedWasm(), path.join(dir, 'ticketbridge-core.wasm'));  // the one documented step
      assertWorked(await runHandler(path.join(dir, 'handler.mjs'), 'esbuild-node-esm'), 'esbuild Node ESM');
    });

    test('Node CJS from require(): builds without warnings and runs', async () => {
      const dir = out('esbuild-node-cjs');
      const warnings = await esbuildBuild({ entryPoints: ['src/handler.cjs'], platform: 'node', format: 'cjs', outfile: path.join(dir, 'handler.cjs') });
      assert.deepEqual(warnings, []);
      fs.copyFileSync(installedWasm(), path.join(dir, 'ticketbridge-core.wasm'));
      assertWorked(await runHandler(path.join(dir, 'handler.cjs'), 'esbuild-node-cjs'), 'esbuild Node CJS');
    });

    test('Node CJS from import syntax (TypeScript-style handlers): runs; without the .wasm, a coded error', async () => {
      const dir = out('esbuild-node-cjs-from-esm');
      await esbuildBuild({ entryPoints: ['src/handler.mjs'], platform: 'node', format: 'cjs', outfile: path.join(dir, 'handler.cjs') });
      await assert.rejects(runHandler(path.join(dir, 'handler.cjs'), 'no-wasm'), /WASM_NOT_FOUND[\s\S]*ticketbridge-core\.wasm/);
      fs.copyFileSync(installedWasm(), path.join(dir, 'ticketbridge-core.wasm'));
      assertWorked(await runHandler(path.join(dir, 'handler.cjs'), 'esbuild-node-cjs-esm'), 'esbuild Node CJS from ESM');
    });

    test('browser ESM: imports nothing from node: and builds without warnings', async () => {
      const dir = out('esbuild-browser');
      const warnings = await esbuildBuild({ entryPoints: ['src/index.js'], platform: 'browser', format: 'esm', outdir: dir });
      assert.deepEqual(warnings, []);
      assert.ok(!fs.readFileSync(path.join(dir, 'index.js'), 'utf8').includes('node:'));
      fs.copyFileSync(installedWasm(), path.join(dir, 'ticketbridge-core.wasm'));
      // The page formats a number too: the pictures module, copied beside it the same way.
      fs.copyFileSync(installedWasm('ticketbridge-pictures.wasm'), path.join(dir, 'ticketbridge-pictures.wasm'));
      fs.writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><meta charset="utf-8"><script type="module" src="index.js"></script>');
    });

    test('browser ESM of a page using only ticketbridge/jsonata: references the JSONata-only module, not the full engine', async () => {
      const dir = out('esbuild-jsonata-only');
      const warnings = await esbuildBuild({ entryPoints: ['src/jsonata-only.js'], platform: 'browser', format: 'esm', outdir: dir });
      assert.deepEqual(warnings, []);
      const bundle = fs.readFileSync(path.join(dir, 'jsonata-only.js'), 'utf8');
      assert.match(bundle, /ticketbridge-jsonata\.wasm/);
      assert.doesNotMatch(bundle, /ticketbridge-core/, 'neither the full glue nor the full .wasm is in the bundle');
      assert.doesNotMatch(bundle, /escalationKey|TestCall|redactText/, 'nothing of the escalation façade');
      const full = fs.readFileSync(path.join(out('esbuild-browser'), 'index.js'), 'utf8');
      assert.ok(bundle.length < full.length * 0.85, `${bundle.length} vs ${full.length} bytes`);
      fs.copyFileSync(installedWasm('ticketbridge-jsonata.wasm'), path.join(dir, 'ticketbridge-jsonata.wasm'));
      fs.writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><meta charset="utf-8"><script type="module" src="jsonata-only.js"></script>');
    });

    test('browser ESM of a page using both entries: references both modules (one is downloaded: see Chromium)', async () => {
      const dir = out('esbuild-both');
      const warnings = await esbuildBuild({ entryPoints: ['src/both.js'], platform: 'browser', format: 'esm', outdir: dir });
      assert.deepEqual(warnings, []);
      for (const name of ['ticketbridge-core.wasm', 'ticketbridge-jsonata.wasm']) fs.copyFileSync(installedWasm(name), path.join(dir, name));
      fs.writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><meta charset="utf-8"><script type="module" src="both.js"></script>');
    });
  });

  test('Vite: builds with its defaults, emitting the .wasm as an asset', async () => {
    const vite = await import(pathToFileURL(requireHere.resolve('vite')).href);
    const warnings = [];
    const logger = vite.createLogger('warn');
    const warn = logger.warn;
    logger.warn = (msg, o) => { warnings.push(msg); warn(msg, o); };
    await vite.build({ root: app, configFile: false, logLevel: 'warn', customLogger: logger });  // `vite build`: into app/dist
    assert.deepEqual(warnings, []);
    const assets = fs.readdirSync(path.join(app, 'dist', 'assets'));
    // The engine and the pictures module, which the page fetches only when it formats.
    assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 2, assets.join(', '));
    assert.deepEqual(emittedEngines(path.join(app, 'dist', 'assets')), ['core', 'pictures']);
  });

  test('Vite: a page using only ticketbridge/jsonata emits the JSONata-only module alone', async () => {
    const vite = await import(pathToFileURL(requireHere.resolve('vite')).href);
    const outDir = out('vite-jsonata-only');
    await vite.build({ root: app, configFile: false, logLevel: 'warn',
      build: { outDir, rollupOptions: { input: path.join(app, 'jsonata.html') } } });
    assert.deepEqual(emittedEngines(path.join(outDir, 'assets')), ['jsonata', 'pictures']);
    fs.renameSync(path.join(outDir, 'jsonata.html'), path.join(outDir, 'index.html'));
  });

  test('webpack 5: builds with its defaults, emitting the .wasm as an asset', async () => {
    const webpack = requireHere('webpack');
    const dir = out('webpack');
    const stats = await new Promise((resolve, reject) => {
      webpack({ mode: 'production', context: app, output: { path: dir } }, (err, s) => (err ? reject(err) : resolve(s)));
    });
    const info = stats.toJson({ all: false, errors: true, warnings: true });
    assert.deepEqual(info.errors, []);
    // The only warnings allowed are webpack's size hints (the engine is larger than 244 KiB).
    for (const w of info.warnings) assert.match(w.message, /size limit|performance/i);
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.wasm')).length, 2, 'the engine and the pictures, once each');
    assert.deepEqual(emittedEngines(dir), ['core', 'pictures']);
    fs.writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><meta charset="utf-8"><script src="main.js"></script>');
  });

  test('webpack 5: a page using only ticketbridge/jsonata emits the JSONata-only module alone', async () => {
    const webpack = requireHere('webpack');
    const dir = out('webpack-jsonata-only');
    const stats = await new Promise((resolve, reject) => {
      webpack({ mode: 'production', context: app, entry: './src/jsonata-only.js', output: { path: dir } }, (err, s) => (err ? reject(err) : resolve(s)));
    });
    assert.deepEqual(stats.toJson({ all: false, errors: true }).errors, []);
    assert.deepEqual(emittedEngines(dir), ['jsonata', 'pictures']);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'main.js'), 'utf8'), /ticketbridge-core|escalationKey/);
    fs.writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><meta charset="utf-8"><script src="main.js"></script>');
  });

  // Serves a directory on 127.0.0.1. `wasmType`: the Content-Type given to .wasm files;
  // `requested`: collects the paths asked for.
  async function serve(dir, wasmType, requested = []) {
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': wasmType, '.css': 'text/css' };
    const server = http.createServer((req, res) => {
      requested.push(new URL(req.url, 'http://x').pathname);
      const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  describe('in Chromium', { skip: noChromium }, () => {
    let context;
    before(async () => {
      const { chromium } = requireHere('playwright-core');
      context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(work, 'profile-')), {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
          '--no-first-run', '--disable-quic', '--disable-sync'],
      });
    });
    after(async () => { await context?.close(); });

    async function inPage(dir, { itsm = sim.url, wasmType = 'application/wasm', name, requested }) {
      const server = await serve(dir, wasmType, requested);
      try {
        const page = await context.newPage();
        const logs = [];
        page.on('console', (m) => logs.push(m.text()));
        page.on('pageerror', (e) => logs.push(String(e)));
        const url = `http://127.0.0.1:${server.address().port}/index.html?itsm=${encodeURIComponent(itsm)}&name=${name}`;
        await page.goto(url);
        await page.waitForFunction(() => window.__result, null, { timeout: 60000 }).catch(() => {
          throw new Error(`${name}: no result; page said: ${logs.join(' | ')}`);
        });
        const result = await page.evaluate(() => window.__result);
        await page.close();
        return result;
      } finally {
        server.close();
      }
    }

    test('esbuild browser build, .wasm served as application/octet-stream (streaming falls back)', async () => {
      assertWorkedWithPictures(await inPage(out('esbuild-browser'), { wasmType: 'application/octet-stream', name: 'esbuild-browser' }), 'esbuild browser');
    });

    test('Vite build', async () => {
      assertWorkedWithPictures(await inPage(path.join(app, 'dist'), { name: 'vite' }), 'Vite');
    });

    test('webpack 5 build', async () => {
      assertWorkedWithPictures(await inPage(out('webpack'), { name: 'webpack' }), 'webpack');
    });

    test('a page using only ticketbridge/jsonata downloads the JSONata-only module and no other (esbuild, Vite, webpack)', async () => {
      for (const name of ['esbuild-jsonata-only', 'vite-jsonata-only', 'webpack-jsonata-only']) {
        const dir = out(name);
        const requested = [];
        const result = await inPage(dir, { name, requested });
        assert.deepEqual(result, { value: 25, ast: 'path' }, `${name}: ${result.message}`);
        const wasm = requested.filter((p) => p.endsWith('.wasm'));
        assert.equal(wasm.length, 1, `${name}: ${wasm.join(', ')}`);
        assert.equal(fs.statSync(path.join(dir, wasm[0])).size, fs.statSync(installedWasm('ticketbridge-jsonata.wasm')).size, `${name}: ${wasm[0]}`);
      }
    });

    test('a page using both entries downloads one engine, the full one', async () => {
      const requested = [];
      const result = await inPage(out('esbuild-both'), { name: 'both', requested });
      assert.equal(result.error, undefined, result.message);
      assert.equal(result.value, 25);
      assert.equal(result.key, true);
      assert.deepEqual(requested.filter((p) => p.endsWith('.wasm')), ['/ticketbridge-core.wasm']);
    });

    test('an ITSM without CORS headers fails at once with ITSM_BLOCKED, one request', async () => {
      const result = await inPage(out('esbuild-browser'), { itsm: simNoCors.url, name: 'no-cors' });
      assert.equal(result.status, 'failed');
      assert.equal(result.code, 'ITSM_BLOCKED');
      // One request, no retry: the lookup before the first create (lookupBeforeCreate: auto),
      // refused by the browser, and nothing after it.
      assert.equal(result.requests, 1);
      assert.ok(result.ms < 15000, `failed after ${result.ms} ms (the retry policy alone would wait 44 s)`);
    });

    test('a .wasm left behind is a coded error naming the URL tried', async () => {
      const dir = out('esbuild-browser-no-wasm');
      copyDir(out('esbuild-browser'), dir);
      fs.rmSync(path.join(dir, 'ticketbridge-core.wasm'));
      const result = await inPage(dir, { name: 'no-wasm' });
      assert.equal(result.error, 'WASM_LOAD_FAILED');
      assert.match(result.message, /ticketbridge-core\.wasm.*HTTP 404/);
    });
  });
});
