#!/usr/bin/env node
// Two or more WASM packages timed against each other in one process, for a build-flag change on
// a busy machine: every row's batches run in pairs (one batch per package, back to back, the
// order alternating), so both packages see the same load, and each figure is the median over
// the pairs of (package / first package), with the interquartile range of that ratio. Give the
// first package twice (two copies of its folder) to see what "no difference" looks like.
//   node tests/bench/wasm-ab.mjs [--plan build/bench/plan.json] [--pairs 61] [--every 8] [--rows a,b]
//        NAME=DIST NAME=DIST ...
// Rows: the extraction workloads (evaluateJson), the compile set, every Nth suite case (one
// batch evaluates them all), the 1,000-row category import and the templates' render calls (render,
// renderPayload: only where every package has it);
// then the JS-object rows: each extraction workload over its body as a JS object (`-object`,
// evaluate(obj)) and through the jsonata-js drop-in as the benchmark calls it (`-dropin`,
// `await evaluate(JSON.parse(body))`), and the suite cases through the drop-in with JS values
// (`suite-dropin`, each call awaited). --rows picks rows by name.
// Process CPU time, batches of about 30 ms, each package warmed up first (V8 optimises WASM in
// the background).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { nativeCompile } from './native-calls.mjs';
import { escalationParams } from './templates.mjs';
import { root } from './plan.mjs';

const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv.splice(i, 2)[1] : d; };
const plan = JSON.parse(fs.readFileSync(opt('--plan', path.join(root, 'build/bench/plan.json')), 'utf8'));
const pairs = Number(opt('--pairs', 61));
const every = Number(opt('--every', 8));
const only = opt('--rows', '');
const builds = argv.map((s) => s.split('='));
if (builds.length < 2 || builds.some((b) => b.length !== 2)) throw new Error('usage: wasm-ab.mjs [--plan P] [--pairs N] [--every N] NAME=DIST NAME=DIST ...');

const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
// A row is a function, or {async: fn} for one whose calls are awaited (the drop-in's).
async function batch(fn, n) {
  const t = cpu();
  if (typeof fn === 'function') for (let i = 0; i < n; i++) fn();
  else for (let i = 0; i < n; i++) await fn.async();
  return (cpu() - t) / n;
}
async function calibrate(fn, us = 30000) {
  for (let n = 1; ; n *= 2) if (await batch(fn, n) * n >= us) return n;
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const quantile = (a, q) => [...a].sort((x, y) => x - y)[Math.floor(q * a.length)];

async function rowsOf(dist) {
  const pkg = await import(pathToFileURL(path.join(path.resolve(dist), 'index.mjs')));
  await pkg.init({ pictures: true });  // rows use $formatNumber (a package without the pictures module ignores the option)
  const { core, withInput } = await import(pathToFileURL(path.join(path.resolve(dist), 'core.mjs')));
  const rows = {};
  for (const w of plan.extraction) {
    const e = pkg.jsonata(w.expression);
    const body = plan.bodies?.[w.name] ?? plan.body;
    rows[w.name] = () => e.evaluateJson(body);
  }
  rows.compile = () => {
    for (const src of plan.compileSet.expressions) nativeCompile(core, src, withInput);
  };
  const cases = plan.cases.filter((_, i) => i % every === 0)
    .map((c) => [pkg.jsonata(c.expr), c.input, c.bindings === '' ? undefined : JSON.parse(c.bindings)]);
  rows.suite = () => { for (const [e, input, bindings] of cases) e.evaluateJson(input, bindings); };
  const csv = fs.readFileSync(path.join(root, 'tests/fixtures/categories/bench-1000.csv'), 'utf8');
  rows.categories = () => pkg.importCategories(csv);
  const config = pkg.loadConfig(JSON.parse(fs.readFileSync(path.join(root, 'examples/servicenow/config.json'), 'utf8')));
  const params = escalationParams();
  rows.templates = () => config.render('createIncident', params);
  // The payload alone (Config.renderPayload); a package from before it has no such row.
  if (typeof config.renderPayload === 'function') rows['templates-payload'] = () => config.renderPayload('createIncident', params);
  const { default: dropin } = await import(pathToFileURL(path.join(path.resolve(dist), 'dropin.node.mjs')));
  for (const w of plan.extraction) {
    const body = plan.bodies?.[w.name] ?? plan.body;
    const e = pkg.jsonata(w.expression);
    const input = JSON.parse(body);
    rows[`${w.name}-object`] = () => e.evaluate(input);
    const d = dropin(w.expression);
    rows[`${w.name}-dropin`] = { async: () => d.evaluate(JSON.parse(body)) };
  }
  const dropinCases = plan.cases.filter((_, i) => i % every === 0)
    .map((c) => [dropin(c.expr), c.input === '' ? undefined : JSON.parse(c.input), c.bindings === '' ? undefined : JSON.parse(c.bindings)]);
  rows['suite-dropin'] = { async: async () => { for (const [d, input, bindings] of dropinCases) await d.evaluate(input, bindings); } };
  return rows;
}

const rows = [];
for (const [, dist] of builds) rows.push(await rowsOf(dist));
console.log(`${pairs} pairs; ratio to ${builds[0][0]} (median, interquartile range)`);
// Rows every package has (an older one may lack a newer call's row).
const common = Object.keys(rows[0]).filter((r) => rows.every((rs) => r in rs));
for (const row of common.filter((r) => !only || only.split(',').includes(r))) {
  const n = await calibrate(rows[0][row]);
  for (let w = 0; w < 3; w++) for (const r of rows) await batch(r[row], 8 * n);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const times = rows.map(() => []);
  for (let p = 0; p < pairs; p++) {
    const order = p % 2 ? [...rows.keys()].reverse() : [...rows.keys()];
    for (const i of order) times[i].push(await batch(rows[i][row], n));
  }
  const cells = builds.map(([name], i) => {
    const ratios = times[i].map((t, p) => t / times[0][p]);
    return `${name} ${median(times[i]).toPrecision(4)} µs ×${median(ratios).toFixed(3)} [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}]`;
  });
  console.log(`${row.padEnd(17)} ${cells.join('   ')}`);
}
