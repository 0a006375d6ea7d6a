// The benchmark, one command (`npm run bench` in tests/bench, or node tests/bench/run.mjs):
// builds the native programs and the WASM package if their build trees exist, expands the
// workloads into build/bench/plan.json, runs every column in its own process (native, WASM in
// Node, the jsonata-js drop-in, jsonata-js; native, WASM, papaparse), `--runs` times in turn,
// measures cold start (tests/bench/cold-start.mjs), prints the table, writes
// build/bench/results.json, regenerates docs/benchmarks.md and the README's "Size and speed".
//   --quick          short batches (a smoke run; figures not fit for the doc)
//   --runs N         full passes over all columns (default 2); each figure keeps its lowest
//                    median, and the spread between passes is reported
//   --only wasm      only the WASM columns (build variants); implies --no-doc
//   --wasm-dist DIR  the WASM package to time (default wasm/dist)
//   --suite DIR      JSONata conformance suite (default: tests/conformance/jsonata-suite)
//   --out FILE       results file (default build/bench/results.json; results-quick.json with --quick)
//   --doc-only       regenerate the doc and README from the results file, without measuring
//   --plan-only      write build/bench/plan.json (for running a native program by hand) and stop
//   --no-callgrind   skip the native instruction counts (done when valgrind is installed)
// With the doc it also runs tests/bench/templates.mjs (our templates beside mustache).
//   --no-build, --no-doc
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { countInstructions, haveValgrind } from './callgrind.mjs';
import { measureColdStart } from './cold-start.mjs';
import { measureSizeAccount, SIZE_RESULTS } from './size-account.mjs';
import { buildPlan, root } from './plan.mjs';
import { geomean } from './timing.mjs';
import { machineInfo, renderDoc, updateReadme, wasmBuildInfo } from './report.mjs';
import { formatTable, tableRows } from './table.mjs';

function args(argv) {
  const a = { quick: false, runs: 2, only: undefined, wasmDist: path.join(root, 'wasm/dist'), suite: undefined,
    out: path.join(root, 'build/bench/results.json'), build: true, doc: true, callgrind: true, planOnly: false, docOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--quick') a.quick = true;
    else if (k === '--runs') a.runs = Math.max(1, Number(argv[++i]));
    else if (k === '--only') a.only = argv[++i];
    else if (k === '--wasm-dist') a.wasmDist = path.resolve(argv[++i]);
    else if (k === '--suite') a.suite = argv[++i];
    else if (k === '--out') a.out = path.resolve(argv[++i]);
    else if (k === '--no-build') a.build = false;
    else if (k === '--no-doc') a.doc = false;
    else if (k === '--no-callgrind') a.callgrind = false;
    else if (k === '--plan-only') a.planOnly = true;
    else if (k === '--doc-only') a.docOnly = true;
    else throw new Error(`unknown option ${k} (see the header of tests/bench/run.mjs)`);
  }
  if (a.only || a.quick || a.wasmDist !== path.join(root, 'wasm/dist')) a.doc = false;
  // A smoke run must not replace the figures the doc is made from.
  if (a.quick && !argv.includes('--out')) a.out = path.join(root, 'build/bench/results-quick.json');
  if (a.docOnly) a.doc = true;
  return a;
}

const log = (m) => process.stderr.write(`[bench] ${m}\n`);

// Rebuilds what is stale, quickly when nothing is: the two native programs, and the package.
function build(a) {
  const native = path.join(root, 'build/native');
  if (a.only !== 'wasm' && fs.existsSync(path.join(native, 'CMakeCache.txt'))) {
    log('building the native benchmark programs');
    execFileSync('cmake', ['--build', native, '-j2', '--target', 'jsonata-bench', 'categories-bench'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const wasm = path.join(root, 'build/wasm');
  if (a.wasmDist === path.join(root, 'wasm/dist') && fs.existsSync(path.join(wasm, 'CMakeCache.txt'))) {
    log('building the WASM package');
    const env = { ...process.env, NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':') };
    execFileSync('cmake', ['--build', wasm, '-j2'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  }
}

// One column in its own process; its figures come back through a JSON file.
function column(cmd, argv, out) {
  const r = spawnSync(cmd, [...argv, '--json', out], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${argv.join(' ')} failed (status ${r.status})`);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

function columns(a, planFile, dir) {
  const bin = path.join(root, 'build/native/bin');
  const node = process.execPath;
  const here = path.join(root, 'tests/bench');
  const wasmArgs = ['--plan', planFile, '--wasm-dist', a.wasmDist];
  const list = [
    ['jsonata', 'native', path.join(bin, 'jsonata-bench'), [planFile]],
    ['jsonata', 'wasm', node, [path.join(here, 'jsonata.mjs'), '--engine', 'wasm', ...wasmArgs]],
    ['jsonata', 'wasm-dropin', node, [path.join(here, 'jsonata.mjs'), '--engine', 'wasm-dropin', ...wasmArgs]],
    ['jsonata', 'jsonata-js', node, [path.join(here, 'jsonata.mjs'), '--engine', 'jsonata-js', '--plan', planFile]],
    ['categories', 'native', path.join(bin, 'categories-bench'), [planFile]],
    ['categories', 'wasm', node, [path.join(here, 'categories.mjs'), '--engine', 'wasm', ...wasmArgs]],
    ['categories', 'papaparse', node, [path.join(here, 'categories.mjs'), '--engine', 'papaparse', '--plan', planFile]],
  ];
  const out = { jsonata: {}, categories: {} };
  for (const [bench, engine, cmd, argv] of list) {
    if (a.only && engine !== a.only && !(a.only === 'wasm' && engine === 'wasm-dropin')) continue;
    log(`  ${bench} / ${engine}`);
    const t0 = Date.now();
    out[bench][engine] = column(cmd, argv, path.join(dir, `${bench}-${engine}.json`));
    out[bench][engine].seconds = (Date.now() - t0) / 1000;
  }
  return out;
}

// Keeps each figure's lowest median over the passes (other machine load only adds time) and
// how far the passes were apart. A timing {us, lo, hi, batch} is kept whole from its best pass.
function combine(runs) {
  const best = structuredClone(runs[0]);
  const spreads = [];
  const note = (keyPath, all) => {
    if (all.length > 1) spreads.push({ path: keyPath.join('.'), spread: Math.max(...all) / Math.min(...all) - 1 });
  };
  const walk = (target, others, keyPath) => {
    for (const [k, v] of Object.entries(target)) {
      if (!v || typeof v !== 'object') continue;
      const alts = others.map((o) => o?.[k]).filter(Boolean);
      if (typeof v.us === 'number') {
        const all = [v, ...alts];
        target[k] = all.reduce((m, x) => (x.us < m.us ? x : m));
        note([...keyPath, k], all.map((x) => x.us));
      } else if (typeof v.eval === 'number') {  // one suite case: each figure on its own
        for (const f of ['eval', 'evalOnly', 'compile']) {
          if (typeof v[f] !== 'number') continue;
          const all = [v, ...alts].map((x) => x[f]);
          v[f] = Math.min(...all);
          note([...keyPath, k, f], all);
        }
      } else {
        walk(v, alts, [...keyPath, k]);
      }
    }
  };
  walk(best, runs.slice(1), []);
  return { best, spreads };
}

function noiseSummary(spreads, runs) {
  const pick = (re) => spreads.filter((s) => re.test(s.path)).map((s) => s.spread).sort((x, y) => x - y);
  const describe = (xs) => (xs.length ? { figures: xs.length, median: xs[xs.length >> 1], p90: xs[Math.floor(xs.length * 0.9)], max: xs[xs.length - 1] } : null);
  const suiteTotals = runs.map((r) => Object.fromEntries(Object.entries(r.jsonata).map(([e, c]) =>
    [e, Object.values(c.suite ?? {}).reduce((s, x) => s + x.eval, 0)])));
  const withinRun = runs.map((r) => Object.fromEntries(Object.entries(r.jsonata).map(([e, c]) =>
    [e, geomean(Object.values(c.suite ?? {}).map((x) => 1 + x.evalSpread).filter((x) => x > 0)) - 1])));
  // CPU time over wall time: the share of a core each column was given while it ran.
  const coreShare = runs.map((r) => Object.fromEntries(Object.entries(r.jsonata).map(([e, c]) => {
    const cases = Object.values(c.suite ?? {});
    return [e, cases.reduce((s, x) => s + x.eval, 0) / cases.reduce((s, x) => s + (x.evalWall ?? NaN), 0)];
  })));
  return { betweenRuns: { single: describe(pick(/^(jsonata\.[^.]+\.(extraction|parse|overhead)|categories)/)), perCase: describe(pick(/\.suite\./)) },
    suiteTotalsPerRun: suiteTotals, withinRunBatchSpreadGeomean: withinRun, coreShare };
}

function writeDoc(results) {
  const docFile = path.join(root, 'docs/benchmarks.md');
  fs.writeFileSync(docFile, renderDoc(results));
  log(`wrote ${path.relative(root, docFile)}`);
  if (updateReadme(results)) log('updated the README\'s "Size and speed" section');
}

async function main() {
  const a = args(process.argv.slice(2));
  if (a.docOnly) {
    const results = JSON.parse(fs.readFileSync(a.out, 'utf8'));
    if (results.quick) throw new Error('quick results are not fit for the doc');
    writeDoc(results);
    return;
  }
  if (a.build) build(a);
  const dir = path.dirname(a.out);
  fs.mkdirSync(dir, { recursive: true });
  log('expanding the workloads (checks every case against jsonata-js)');
  const plan = await buildPlan({ suite: a.suite, wasmDist: a.wasmDist, quick: a.quick });
  const planFile = path.join(dir, 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify(plan) + '\n');
  log(`${plan.cases.length} suite cases timed; excluded: ${JSON.stringify(plan.excluded)}`);
  if (a.planOnly) {
    log(`wrote ${path.relative(root, planFile)}`);
    return;
  }

  const started = new Date();
  const runs = [];
  const load = [];
  for (let r = 0; r < a.runs; r++) {
    log(`pass ${r + 1} of ${a.runs} (load average ${os.loadavg()[0].toFixed(2)})`);
    load.push(os.loadavg()[0]);
    runs.push(columns(a, planFile, dir));
  }
  load.push(os.loadavg()[0]);
  let instructions = null;
  if (a.callgrind && !a.only && haveValgrind()) {
    log('counting native instructions under callgrind');
    instructions = countInstructions({ bin: path.join(root, 'build/native/bin'), planFile, dir, reps: a.quick ? 1 : 5 });
  }
  let coldStart = null;
  if (!a.only) {
    log('cold start: new Node processes and new Chromium pages, ours beside jsonata-js');
    coldStart = await measureColdStart({ wasmDist: a.wasmDist, runs: a.quick ? 3 : 15 });
  }
  if (a.doc) {
    // Our template rendering beside mustache's (issue 17), in a process of its own.
    log('templates: the ServiceNow payload, ours in WASM beside mustache');
    const r = spawnSync(process.execPath, [path.join(root, 'tests/bench/templates.mjs'), '--record-results'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`templates.mjs failed (status ${r.status})`);
  }
  if (a.doc && fs.existsSync(path.join(root, 'build/wasm/CMakeCache.txt'))) {
    // What each part of the .wasm costs, so every change sees its price (docs/benchmarks.md).
    log('size account: linking the engine again with function names');
    fs.writeFileSync(SIZE_RESULTS, JSON.stringify(measureSizeAccount(), null, 2) + '\n');
  }
  const { best, spreads } = combine(runs);
  const results = {
    date: started.toISOString(),
    quick: a.quick,
    machine: machineInfo(),
    wasmBuild: wasmBuildInfo(a.wasmDist),
    plan: { cases: plan.cases.length, excluded: plan.excluded, timing: plan.timing, extraction: plan.extraction,
      responseFile: plan.responseFile, responseBytes: Buffer.byteLength(plan.body), suiteDir: plan.suiteDir },
    runs: a.runs,
    loadAverage: load,
    noise: noiseSummary(spreads, runs),
    figures: best,
    instructions,
    coldStart,
    perRun: runs,
  };
  results.table = tableRows(results);
  fs.writeFileSync(a.out, JSON.stringify(results, null, 1) + '\n');
  process.stdout.write(formatTable(results.table) + '\n');
  log(`wrote ${path.relative(root, a.out)}`);
  if (a.doc) writeDoc(results);
}

await main();
