// Cold start: how long a new Node process, or a new page in Chromium, takes until the
// engine is ready and until its first answer, ours beside jsonata-js in the same run.
//   node tests/bench/cold-start.mjs [--runs N] [--json OUT] [--wasm-dist DIR] [--doc | --chromium-only]
// (--doc: rewrite the "Cold start" section of docs/benchmarks.md with these figures; `npm run
// bench` measures them too and writes them with the rest of the doc.)
// Node: each run is a new process; times are the process's own performance.now() (ms since
// the process started), so Node's start-up is included, as a serverless cold start sees it.
// Chromium: each run is a new browser context (empty caches) navigating to a page served
// from 127.0.0.1; times are performance.now() in the page (ms since navigation started).
// The browser builds are what a site ships: the package's browser entry bundled and
// minified with esbuild beside its .wasm (served as application/wasm), and jsonata-js's own
// jsonata.min.js. Medians over the runs; ours and the peer alternate run by run. A further
// Node process per run splits ours into its steps (phases below), to show where the time goes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

import {
  CHROMIUM, EXPRESSION, INPUT, PHASE_PAGES, finish, launch, phaseMedians, returningVisit, serve, visitCounted, writePhasePages,
} from './cold-start-chromium.mjs';
import { WIDGET_PAGES, WIDGET_PHASE_PAGES, writeWidgetPages } from './cold-start-widgets.mjs';
import { median } from './timing.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const requireRoot = createRequire(path.join(root, 'package.json'));

function args(argv) {
  const a = { runs: 15, json: undefined, wasmDist: path.join(root, 'wasm/dist'), doc: false, chromiumOnly: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') a.runs = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--json') a.json = path.resolve(argv[++i]);
    else if (argv[i] === '--wasm-dist') a.wasmDist = path.resolve(argv[++i]);
    else if (argv[i] === '--doc') a.doc = true;
    else if (argv[i] === '--chromium-only') a.chromiumOnly = true;  // a quicker look at the pages alone
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return a;
}

const summary = (runs) => ({ ready: median(runs.map((r) => r.ready)), first: median(runs.map((r) => r.first)),
  answer: median(runs.map((r) => r.first - r.ready)), runs: runs.length });
// The idle rows: a host that imports the package and is asked its first question later (a
// server's first request); the import's background load has this long to finish.
const IDLE_MS = 200;

const ours = (index, input, options) => `const tb = await import(${index}); await tb.init(${options}); const ready = performance.now();
  const v = tb.jsonata(${JSON.stringify(EXPRESSION)}).evaluate(${input}); const first = performance.now();
  if (v !== 25) throw new Error('wrong answer ' + v); console.log(JSON.stringify({ ready, first }));`;

// The scripts each new Node process runs; each prints {ready, first} in ms since it started.
// The same work as the \`ticketbridge\` script (or, \`dropin\`, the \`ticketbridge/jsonata\` one, on
// the JSONata-only module), step by step: each step's ms, and \`node\`, the time before the
// script's first line. Importing the host module starts reading and compiling the .wasm and
// importing the glue (core.mjs); the steps are what the main thread does meanwhile and what it
// then waits for. WebAssembly.compile is watched to split the wait for the compiled module
// from instantiating it, and to give the background work's own times (\`background\`: from the
// end of the first step to the bytes in hand, and the compilation). No warm-up, so the first
// evaluation shows the engine's lazy compilation.
const phases = (file, input, dropin) => `const t = [performance.now()]; const at = (u) => import(new URL(u, ${file}).href);
  const seen = {}; const compile = WebAssembly.compile;
  WebAssembly.compile = (bytes) => { seen.called ??= performance.now(); return compile(bytes).then((m) => { seen.done ??= performance.now(); return m; }); };
  const { init: load } = await at('./core.mjs'); await at(${dropin ? "'./node-host-jsonata.mjs'" : "'./node-host.mjs'"}); t.push(performance.now());
  const tb = await at('./jsonata.mjs'); t.push(performance.now());
  const entry = await at(${dropin ? "'./dropin.node.mjs'" : "'./index.mjs'"}); t.push(performance.now());
  await at(${dropin ? "'./ticketbridge-jsonata.mjs'" : "'./ticketbridge-core.mjs'"}); t.push(performance.now());
  await ${dropin ? 'load' : 'entry.init'}({ warmUp: false }); const ready = performance.now();
  t.push(Math.max(seen.done, t[t.length - 1]), ready);
  const v = ${dropin ? `await entry.default(${JSON.stringify(EXPRESSION)}).evaluate(${input})` : `tb.jsonata(${JSON.stringify(EXPRESSION)}).evaluate(${input})`}; t.push(performance.now());
  if (v !== 25) throw new Error('wrong answer ' + v);
  const [node, ...rest] = t; console.log(JSON.stringify({ node, steps: rest.map((x, i) => x - t[i]),
    background: [seen.called - t[1], seen.done - seen.called] }));`;

// The steps of the phases script, in order (the drop-in's in brackets where they differ).
const PHASES = ['engine loader (core.mjs, errors, wasm-source, node-files, node-host.mjs [node-host-jsonata.mjs]); reading and compiling the .wasm and importing the glue start as this import ends',
  'JSONata façade (jsonata.mjs, answer.mjs, input-buffer.mjs)', 'rest of the façade (config, categories, escalation, HTTP, stores, file store [dropin.mjs])',
  'the Emscripten glue (imported by the load started at import, while the .wasm is read and compiled)',
  'waiting for `WebAssembly.compile` still running after the steps above (0 when it was done)',
  'instantiate, `limits()` (init without warm-up) [no `limits()`]', 'first evaluation (lazy compilation of the parser, evaluator, JSON reader) [through the drop-in, awaited]'];
// What ran meanwhile off the main thread (the early load's own times, from the end of the first step).
const BACKGROUND = ['read the .wasm [ticketbridge-jsonata.wasm] (from the end of the first step to the bytes in hand)',
  '`WebAssembly.compile` (decoding and validation on V8\'s background threads; function bodies are compiled lazily)'];

function nodeScripts(wasmDist) {
  // What Node resolves the package's names to (package.json's "node" conditions): the bundled
  // entries (wasm/scripts/build-node-entries.mjs); a package from before them has only the modules.
  const entry = (bundled, modules) => JSON.stringify(pathToFileURL(path.join(wasmDist,
    fs.existsSync(path.join(wasmDist, bundled)) ? bundled : modules)).href);
  const index = entry('node-index.mjs', 'index.mjs');
  const dropin = entry('node-jsonata.mjs', 'dropin.node.mjs');
  const modules = JSON.stringify(pathToFileURL(path.join(wasmDist, 'index.mjs')).href);
  const peer = JSON.stringify(pathToFileURL(requireRoot.resolve('jsonata')).href);
  const input = JSON.stringify(INPUT);
  const jsonataLike = (url) => `const { default: jsonata } = await import(${url}); const ready = performance.now();
      const v = await jsonata(${JSON.stringify(EXPRESSION)}).evaluate(${input}); const first = performance.now();
      if (v !== 25) throw new Error('wrong answer ' + v); console.log(JSON.stringify({ ready, first }));`;
  const idle = (url) => `const { default: jsonata } = await import(${url}); await new Promise((resolve) => setTimeout(resolve, ${IDLE_MS}));
      const ready = performance.now(); const v = await jsonata(${JSON.stringify(EXPRESSION)}).evaluate(${input}); const first = performance.now();
      if (v !== 25) throw new Error('wrong answer ' + v); console.log(JSON.stringify({ ready, first }));`;
  return {
    node: 'console.log(JSON.stringify({ ready: performance.now(), first: performance.now() }));',
    ticketbridge: ours(index, input, ''),
    'ticketbridge, warmUp: false': ours(index, input, '{ warmUp: false }'),
    // The same import of the ES modules as written, unbundled: what the bundling saves.
    'ticketbridge, modules': ours(modules, input, ''),
    // `ticketbridge/jsonata`, the drop-in: loads on its first evaluate, as jsonata-js is used.
    'ticketbridge/jsonata': jsonataLike(dropin),
    'jsonata-js': jsonataLike(peer),
    // The same, asked IDLE_MS after the import: "ready" is when evaluate is called.
    'ticketbridge/jsonata, idle': idle(dropin),
    'jsonata-js, idle': idle(peer),
    phases: phases(JSON.stringify(pathToFileURL(path.join(wasmDist, 'index.mjs')).href), input, false),
    // The same steps for `ticketbridge/jsonata` alone, on the JSONata-only module.
    'phases-dropin': phases(JSON.stringify(pathToFileURL(path.join(wasmDist, 'index.mjs')).href), input, true),
  };
}

function measureNode(a) {
  const scripts = nodeScripts(a.wasmDist);
  const runs = Object.fromEntries(Object.keys(scripts).map((k) => [k, []]));
  for (let i = 0; i < a.runs; i++) {
    for (const [name, script] of Object.entries(scripts)) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: os.tmpdir(), encoding: 'utf8' });
      runs[name].push(JSON.parse(out.trim().split('\n').pop()));
    }
  }
  const { phases: steps, 'phases-dropin': dropinSteps, ...rest } = runs;
  const phaseMedians = (xs) => ({ node: median(xs.map((r) => r.node)), steps: PHASES.map((name, i) => ({ name, ms: median(xs.map((r) => r.steps[i])) })),
    background: BACKGROUND.map((name, i) => ({ name, ms: median(xs.map((r) => r.background[i])) })) });
  return { ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, summary(v)])),
    phases: phaseMedians(steps), phasesDropin: phaseMedians(dropinSteps) };
}

// The pages: ours (bundled browser entry + .wasm), the drop-in alone (bundled
// `ticketbridge/jsonata` + the JSONata-only .wasm, as a page that only evaluates JSONata
// ships it) and jsonata-js's minified build, each page's own code an inline module script;
// then the same pages built as docs/hosting.md recommends (cold-start-widgets.mjs).
export async function writePages(a, dir) {
  const esbuild = requireRoot('esbuild');
  await esbuild.build({ entryPoints: [path.join(a.wasmDist, 'index.web.mjs')], bundle: true, minify: true, format: 'esm',
    platform: 'browser', outfile: path.join(dir, 'tb.js'), logLevel: 'error' });
  await esbuild.build({ entryPoints: [path.join(a.wasmDist, 'dropin.web.mjs')], bundle: true, minify: true, format: 'esm',
    platform: 'browser', outfile: path.join(dir, 'tb-jsonata.js'), logLevel: 'error' });
  for (const file of ['ticketbridge-core.wasm', 'ticketbridge-jsonata.wasm']) fs.copyFileSync(path.join(a.wasmDist, file), path.join(dir, file));
  fs.copyFileSync(path.join(path.dirname(requireRoot.resolve('jsonata')), 'jsonata.min.js'), path.join(dir, 'jsonata.min.js'));
  fs.copyFileSync(requireRoot.resolve('mustache/mustache.min.js'), path.join(dir, 'mustache.min.js'));
  const expr = JSON.stringify(EXPRESSION);
  const input = JSON.stringify(INPUT);
  // Each page's inline module script, kept for the widget pages, which bundle the same code.
  const scripts = {};
  const page = (name, script, head = '') => {
    scripts[name] = script;
    fs.writeFileSync(path.join(dir, `${name}.html`), `<!DOCTYPE html><meta charset="utf-8">${head}<script type="module">\n${script}\n</script>`);
  };
  // -preload: the same page telling the browser about the .wasm in its <head>, so the download
  // starts with the page instead of when the script calls init() (docs/hosting.md, "Cold start").
  const preload = '<link rel="preload" href="./ticketbridge-core.wasm" as="fetch" type="application/wasm" crossorigin>';
  for (const [name, options, head] of [['ticketbridge', '', ''], ['ticketbridge-lazy', '{ warmUp: false }', ''], ['ticketbridge-preload', '', preload]]) {
    page(name, `import * as tb from './tb.js';
await tb.init(${options}); const ready = performance.now();
const v = tb.jsonata(${expr}).evaluate(${input}); const first = performance.now();
${finish('{ ready, first, v }')}`, head);
  }
  page('ticketbridge-jsonata', `import jsonata from './tb-jsonata.js';
const ready = performance.now();
const v = await jsonata(${expr}).evaluate(${input}); const first = performance.now();
${finish('{ ready, first, v }')}`);
  writeEscalationPages(page);
  page('jsonata-js', `const ready = performance.now();
const v = await jsonata(${expr}).evaluate(${input}); const first = performance.now();
${finish('{ ready, first, v }')}`, '<script src="jsonata.min.js"></script>\n');
  await writeWidgetPages(esbuild, a.wasmDist, dir, scripts);
}

// Issue 17's second figure of goal 2: navigation to the first rendered escalation request.
// Ours: the browser entry's escalate() with the example ServiceNow configuration and
// conversation; the clock stops when the page's fetch is handed the create request. The peer
// is what a widget would otherwise be built from: jsonata-js for the output expressions and
// mustache (values JSON-escaped by hand) for the parameter mapping and the payload, with the
// transcript, diagnostics and idempotency key written by hand as configuration.md describes
// them. It does less than ours (no redaction, categorization or validation of the
// configuration): the comparison favours the peer. Both pages get the same fake answer from
// their fetch and must read the same ticket number from it through the output expression.
const TICKET = 'INC0010042';
function writeEscalationPages(page) {
  const example = (file) => fs.readFileSync(path.join(root, 'examples/servicenow', file), 'utf8');
  const config = example('config.json');
  const conversation = example('conversation.json');
  const answer = JSON.stringify(JSON.stringify({ result: { sys_id: '9d385017c611228701d22104cc95c371', number: TICKET } }));
  // Ours looks for a ticket an earlier attempt created before it creates one (the lookup call):
  // that GET finds none, and the clock stops at the create.
  const fakeFetch = `let first, sent;
const fetch = async (url, init) => {
  if (init.method === 'GET') return new Response('{"result":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
  first ??= performance.now(); sent ??= init.body;
  return new Response(${answer}, { status: 201, headers: { 'content-type': 'application/json' } }); };`;
  page('ticketbridge-escalate', `import * as tb from './tb.js';
${fakeFetch}
await tb.init(); const ready = performance.now();
const outcome = await tb.escalate(${config}, ${conversation}, { fetch, seed: 1, reason: 'the employee asked for a person' });
${finish('{ ready, first, v: outcome.ticketNumber, sent }')}`);
  page('jsonata-js-escalate', `${fakeFetch}
const ready = performance.now();
const config = ${config}; const c = ${conversation};
const fill = (template, view) => Mustache.render(template, view, undefined, { escape: (s) => s });
const hex = async (text) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
  .map((b) => b.toString(16).padStart(2, '0')).join('');
const reason = 'the employee asked for a person';
const view = { ...c, reason, escalation: { reason, key: 'tb-' + (await hex(c.id)).slice(0, 32) },
  transcript: c.messages.map((m) => \`\${m.role === 'employee' ? c.employee.name : 'Assistant'} (\${m.at}): \${m.text}\`).join('\\n'),
  diagnosticsText: c.diagnostics.map((d) => \`- \${d.name}: \${d.result}\`).join('\\n'),
  categorization: \`\${c.category} / \${c.subCategory}, as the assistant proposed\` };
const esc = config.escalation; const call = config.apiCalls[esc.apiCall];
const params = {};
for (const p of call.parameters) params[p.name] = p.default ?? '';
for (const [name, template] of Object.entries(esc.parameters)) params[name] = fill(template, view);
const escaped = {};
for (const k in params) escaped[k] = JSON.stringify(String(params[k])).slice(1, -1);
const credential = config.credentials[call.credential];
const res = await fetch(new URL(call.resource, credential.baseUrl).href, { method: call.method, body: fill(call.payload, escaped),
  headers: { 'content-type': 'application/json', accept: 'application/json',
    authorization: 'Basic ' + btoa(credential.auth.username + ':' + credential.auth.password) } });
const v = await jsonata(call.outputs.ticketNumber).evaluate(await res.json());
${finish('{ ready, first, v, sent }')}`, '<script src="jsonata.min.js"></script>\n<script src="mustache.min.js"></script>\n');
}

// What each page downloads, gzip -9 in bytes (issue 17's first goal): its bundled, minified
// script and its engine. The escalating page is the browser entry's (everything a widget
// needs to escalate); the drop-in page's evaluates JSONata only.
function pageDownloads(dir) {
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length;
  const page = (js, wasm) => ({ js: gz(js), wasm: wasm ? gz(wasm) : 0, total: gz(js) + (wasm ? gz(wasm) : 0) });
  return { ticketbridge: page('tb.js', 'ticketbridge-core.wasm'), 'ticketbridge-jsonata': page('tb-jsonata.js', 'ticketbridge-jsonata.wasm'),
    'jsonata-js': page('jsonata.min.js') };
}

// The phases pages: the inline pages' (cold-start-chromium.mjs) and the widget pages' twins.
const phasePages = [...PHASE_PAGES, ...WIDGET_PHASE_PAGES];

async function measureChromium(a) {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} is absent` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-cold-'));
  await writePages(a, dir);
  await writePhasePages(requireRoot('esbuild'), path.join(a.wasmDist, 'index.web.mjs'), dir);
  const downloads = pageDownloads(dir);
  const server = await serve(dir);
  const browser = await launch(requireRoot);
  const runs = { ticketbridge: [], 'ticketbridge-lazy': [], 'ticketbridge-preload': [], 'ticketbridge-jsonata': [], 'jsonata-js': [],
    'ticketbridge-escalate': [], 'jsonata-js-escalate': [], ...Object.fromEntries([...WIDGET_PAGES, ...phasePages].map((p) => [p, []])) };
  try {
    for (let i = 0; i < a.runs; i++) {
      for (const name of Object.keys(runs)) {
        const r = await visitCounted(browser, server, `http://127.0.0.1:${server.address().port}/${name}.html`);
        const escalates = name.includes('-escalate');
        if (r.v !== (escalates ? TICKET : 25)) throw new Error(`${name}: wrong answer ${r.v}`);
        if (escalates) checkSent(name, r.sent);
        runs[name].push(r);
      }
    }
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  } finally {
    await browser.close();
    server.close();
  }
  const phases = Object.fromEntries(phasePages.map((p) => [p, phaseMedians(runs[p])]));
  for (const p of phasePages) delete runs[p];
  let returning;
  try {
    returning = await measureReturning(a, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { version: browser.version(), downloads, ...Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, summary(v)])), phases, returning };
}

// A returning visitor (the extra rows): the third visit of the page, each in a browser started
// anew on one profile kept on disk (cold-start-chromium.mjs, returningVisit), the files served
// cacheable, each earlier visit staying RETURNING_DWELL_MS on the page so that V8 may write its
// WebAssembly code cache (2 s after its last compilation) and Chromium caches the scripts'
// compiled code (at a script's second load). A third of the runs: each takes ten seconds or so.
const RETURNING_DWELL_MS = 2500;
async function measureReturning(a, dir) {
  const server = await serve(dir, { cacheable: true });
  const runs = { ticketbridge: [], 'jsonata-js': [] };
  try {
    for (let i = 0; i < Math.max(3, Math.ceil(a.runs / 3)); i++) {
      for (const name of Object.keys(runs)) {
        const r = await returningVisit(requireRoot, `http://127.0.0.1:${server.address().port}/${name}.html`, { visits: 3, dwellMs: RETURNING_DWELL_MS });
        if (r.v !== 25) throw new Error(`${name}, returning: wrong answer ${r.v}`);
        runs[name].push(r);
      }
    }
  } finally {
    server.close();
  }
  return Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, summary(v)]));
}

// Both escalation pages must have rendered the same create request's substance before their
// times mean anything: the caller, the idempotency key and the payload's fields.
let sentFirst;
function checkSent(name, sent) {
  const body = JSON.parse(sent);
  const key = Object.keys(body).join(',');
  sentFirst ??= { key, caller: body.caller_id, correlation: body.correlation_id };
  if (key !== sentFirst.key || body.caller_id !== sentFirst.caller || body.correlation_id !== sentFirst.correlation) {
    throw new Error(`${name}: its create request differs from the other page's: ${sent}`);
  }
}

/** Both measurements: {node: {node, ticketbridge, jsonata-js}, chromium: {...}}, medians in ms. */
export async function measureColdStart(options = {}) {
  const a = { ...args([]), ...options };
  const load = [os.loadavg()[0]];
  const node = a.chromiumOnly ? undefined : measureNode(a);
  const chromium = await measureChromium(a);
  load.push(os.loadavg()[0]);
  return { expression: EXPRESSION, node, chromium, loadAverage: load };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const a = args(process.argv.slice(2));
  const result = await measureColdStart(a);
  const text = JSON.stringify(result, null, 1);
  if (a.json) fs.writeFileSync(a.json, text + '\n');
  process.stdout.write(text + '\n');
  if (a.doc && !a.chromiumOnly) {
    const { updateColdStartSection } = await import('./cold-start-report.mjs');
    updateColdStartSection(path.join(root, 'docs/benchmarks.md'), result);
  }
}
