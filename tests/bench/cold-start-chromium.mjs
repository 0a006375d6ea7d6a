// What the Chromium cold-start measurements share (tests/bench/cold-start.mjs, cold-start-ab.mjs):
// the static server, the browser, one visit of a page in a new context, and the "phases" pages,
// which split a cold start into its steps from the page's own clocks.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { median } from './timing.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const EXPRESSION = '$sum(lines.(qty * price))';
export const INPUT = { lines: [{ qty: 2, price: 10 }, { qty: 1, price: 5 }] };

// The spread given beside an A/B median: the interquartile range.
export const quartiles = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return [s[Math.floor((s.length - 1) / 4)], s[Math.ceil(3 * (s.length - 1) / 4)]];
};

/**
 * Serves `dir` on 127.0.0.1 (a free port). `cacheable`: files a returning visitor's cache may
 * keep (a year, as a site serves versioned assets); otherwise nothing is stored. The server's
 * `requests` lists every path asked for, in order (visitCounted reads it).
 */
export async function serve(dir, { cacheable = false } = {}) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const requests = [];
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    requests.push(pathname);
    const file = path.join(dir, pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file)) return res.writeHead(404).end();
    const store = cacheable && !file.endsWith('.html') ? 'public, max-age=31536000, immutable' : 'no-store';
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': store });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(server, { requests });
}

const LAUNCH = { executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'] };

export async function launch(requireRoot) {
  return requireRoot('playwright-core').chromium.launch(LAUNCH);
}

/**
 * A returning visitor: `visits` visits of `url`, each in a browser started anew on one profile
 * kept on disk, `dwellMs` on the page each time before the browser closes; answers the last
 * visit's window.__r. A new browser each time, because within one renderer process V8 reuses a
 * module it compiled for the same bytes (lazily compiled code included) whatever the caches
 * hold: only what the HTTP cache and the code caches kept on disk reach a later visit.
 */
const SETTLE_MS = 1000;
export async function returningVisit(requireRoot, url, { visits = 3, dwellMs = 2500 } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-profile-'));
  try {
    let r;
    for (let i = 0; i < visits; i++) {
      const context = await requireRoot('playwright-core').chromium.launchPersistentContext(profile, LAUNCH);
      try {
        // A returning visitor's browser is already running: its start-up work is let finish first.
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        r = await visit(null, url, { context });
        if (i < visits - 1) await new Promise((resolve) => setTimeout(resolve, dwellMs));
      } finally {
        await context.close();
      }
    }
    return r;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// Every bench page ends by storing its figures in window.__r and logging DONE. The harness
// waits for that console message, which Chromium reports over the DevTools protocol without
// running anything in the page: Playwright's waitForFunction injects its own script (some
// 40 ms of parsing on the page's main thread, in a trace) as soon as the load event has fired,
// which is in the middle of init() for a page that fetches its engine after load.
export const DONE = '__tb_bench_done';
export const finish = (fields) => `window.__r = ${fields}; console.log(${JSON.stringify(DONE)});`;

/**
 * Opens `url` in a new browser context (empty caches), or in `context` (kept open), and answers
 * the page's window.__r.
 */
export async function visit(browser, url, { context: given } = {}) {
  const context = given ?? await browser.newContext();
  const page = await context.newPage();
  try {
    let timer;
    const done = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${url}: no answer within 30 s`)), 30000);
      page.on('console', (message) => { if (message.text() === DONE) resolve(); });
      page.on('pageerror', (err) => reject(new Error(`${url}: ${err.message}`)));
    });
    await page.goto(url);
    await done.finally(() => clearTimeout(timer));
    return await page.evaluate(() => window.__r);
  } finally {
    await (given ? page.close() : context.close());
  }
}

/**
 * visit(), one page at a time on `server` (serve()), which must answer every file once: a .wasm
 * asked for twice means a preload the loader's fetch() did not use (its mode or credentials
 * differ) and the engine downloaded twice. Adds `wasmRequests`, the .wasm requests of the visit.
 */
export async function visitCounted(browser, server, url, options) {
  const from = server.requests.length;
  const r = await visit(browser, url, options);
  const asked = server.requests.slice(from);
  const twice = asked.filter((p, i) => asked.indexOf(p) !== i);
  if (twice.length) throw new Error(`${url}: requested twice in one visit: ${twice.join(', ')}`);
  return { ...r, wasmRequests: asked.filter((p) => p.endsWith('.wasm')).length };
}

// The phases pages (writePhasePages): a classic script ahead of the module marks the engine's
// WebAssembly calls, and the bundle is built with a mark at its first and last line; the rest is
// the Resource Timing and Navigation Timing entries the browser keeps anyway.
export const PROBE = `<script>(() => { const W = WebAssembly; const mark = (n) => performance.mark('tb-' + n);
  const wrap = (name) => { const f = W[name]; W[name] = function (...a) { mark(name + '-call');
    return f.apply(W, a).then((r) => { mark(name + '-done'); return r; }); }; };
  wrap('compileStreaming'); wrap('compile'); wrap('instantiate'); })();</script>`;
export const COLLECT = `const marks = Object.fromEntries(performance.getEntriesByType('mark').map((e) => [e.name, e.startTime]));
const res = (file) => { const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/' + file));
  return e && { start: e.startTime, firstByte: e.responseStart, end: e.responseEnd }; };
const nav = performance.getEntriesByType('navigation')[0];`;

/** Writes phases-*.html and tb-marked.js into `dir` (beside the .wasm files the other pages use). */
export async function writePhasePages(esbuild, entry, dir) {
  await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser',
    outfile: path.join(dir, 'tb-marked.js'), logLevel: 'error',
    banner: { js: 'performance.mark("tb-bundle-start");' }, footer: { js: 'performance.mark("tb-bundle-end");' } });
  const expr = JSON.stringify(EXPRESSION);
  const input = JSON.stringify(INPUT);
  for (const [page, options] of [['phases', ''], ['phases-lazy', '{ warmUp: false }']]) {
    fs.writeFileSync(path.join(dir, `${page}.html`), `<!DOCTYPE html><meta charset="utf-8">${PROBE}<script type="module">
import * as tb from './tb-marked.js';
await tb.init(${options}); const ready = performance.now();
const v = tb.jsonata(${expr}).evaluate(${input}); const first = performance.now();
${COLLECT}
${finish(`{ v, ready, first, html: nav.responseEnd, script: res('tb-marked.js'), wasm: res('ticketbridge-core.wasm'), marks }`)}
</script>`);
  }
  fs.writeFileSync(path.join(dir, 'phases-jsonata-js.html'), `<!DOCTYPE html><meta charset="utf-8"><script src="jsonata.min.js"></script>
<script type="module">
const ready = performance.now();
const v = await jsonata(${expr}).evaluate(${input}); const first = performance.now();
${COLLECT}
${finish(`{ v, ready, first, html: nav.responseEnd, script: res('jsonata.min.js'), marks }`)}
</script>`);
}

export const PHASE_PAGES = ['phases', 'phases-lazy', 'phases-jsonata-js'];

// The steps, each from the end of the one before (ms); a page without a point (the peer has no
// .wasm) gives no figure for the steps ending there, and the next step starts from the last point
// it has.
export const PHASES = [
  ['html', 'navigation start to the HTML received'],
  ['scriptStart', 'to the script\'s request (the renderer commits the navigation, creates the page\'s JavaScript contexts, parses the HTML)'],
  ['scriptEnd', 'script downloaded (tb.js, jsonata.min.js)'],
  ['bundleStart', 'to the bundle\'s first line running (parse, compile and link of the module; Chromium parses it off the main thread while it arrives)'],
  ['bundleEnd', 'the bundle\'s top level (module-level code of every bundled module)'],
  ['wasmStart', 'to the .wasm\'s request (the page\'s script calls init(), which fetches)'],
  ['wasmFirstByte', '.wasm: waiting for its first byte'],
  ['wasmEnd', '.wasm: its body arriving (streaming compilation consumes it as it comes)'],
  ['compiled', '`compileStreaming` settling after the last byte (finishing validation and compilation)'],
  ['instantiated', 'instantiate (from the compiled module to the instance)'],
  ['ready', 'to `init()` settled (the glue\'s start, `limits()`, the warm-up evaluation when on) [jsonata-js: from the script downloaded, its parse and evaluation]'],
  ['first', 'first evaluate (lazy compilation of what it reaches that the warm-up did not, and the run)'],
];

/** The points of one phases run, in ms since navigation start (undefined where a page has none). */
export function phasePoints(r) {
  const m = r.marks;
  return { html: r.html, scriptStart: r.script?.start, scriptEnd: r.script?.end, bundleStart: m['tb-bundle-start'],
    bundleEnd: m['tb-bundle-end'], wasmStart: r.wasm?.start, wasmFirstByte: r.wasm?.firstByte, wasmEnd: r.wasm?.end,
    compiled: m['tb-compileStreaming-done'] ?? m['tb-compile-done'], instantiated: m['tb-instantiate-done'],
    ready: r.ready, first: r.first, compileCalled: m['tb-compileStreaming-call'] ?? m['tb-compile-call'] };
}

/** Per phase, the median over runs of its duration; plus when compilation was asked for. */
export function phaseMedians(runs) {
  const steps = PHASES.map(([key, name], i) => {
    const durations = [];
    for (const r of runs) {
      const p = phasePoints(r);
      if (p[key] === undefined) continue;
      let before = 0;
      for (let j = i - 1; j >= 0; j--) if (p[PHASES[j][0]] !== undefined) { before = p[PHASES[j][0]]; break; }
      durations.push(p[key] - before);
    }
    return { key, name, ms: durations.length ? median(durations) : undefined };
  });
  const points = runs.map(phasePoints);
  const at = (key) => (points.every((p) => p[key] !== undefined) ? median(points.map((p) => p[key])) : undefined);
  return { steps, ready: at('ready'), first: at('first'), compileCalledAfterLastByte: points.every((p) => p.compileCalled !== undefined)
    ? median(points.map((p) => p.compileCalled - p.wasmEnd)) : undefined, runs: runs.length };
}
