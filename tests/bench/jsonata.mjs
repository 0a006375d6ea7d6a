// JSONata benchmark: our engine in WASM (Node) and jsonata-js 2.2.2, side by side, on
//  (a) the ticket-extraction expressions over a ServiceNow create response, JSON parse of
//      the body included (jsonata-js gets JSON.parse(body); ours parses inside the module),
//  (b) every ordinary `result` case of the conformance suite, compiled once and evaluated
//      repeatedly (median per case, summed),
//  (c) compiling those expressions.
// Prints a table and writes JSON (--json FILE). The native column comes from
// build/native/bin/jsonata-bench; tests/bench/run.mjs puts the three together.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonataJs from 'jsonata';

import { machine, measureAsync, measureSync } from './timing.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { jsonata: ours } = await import(path.join(root, 'wasm/dist/index.mjs'));
const { loadSuite } = await import(path.join(root, 'wasm/dist/conformance.mjs'));

function args(argv) {
  const out = { suite: path.resolve(root, '../shared/conformance/jsonata'), json: undefined, quick: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--suite') out.suite = argv[++i];
    else if (argv[i] === '--json') out.json = argv[++i];
    else if (argv[i] === '--quick') out.quick = true;
  }
  return out;
}

// Cases fit for timing: a plain expected result, no clock, no randomness, no time box.
export function timedCases(suite) {
  return loadSuite(suite).filter((c) => 'result' in c.spec && !c.spec.timelimit && !c.spec.depth &&
    !/\$(now|millis|random|shuffle)\b/.test(c.expr));
}

async function extraction(workloads, body, opts) {
  const rows = [];
  for (const w of workloads.extraction) {
    const js = jsonataJs(w.expression);
    const wasm = ours(w.expression);
    // Same answer first, or the timing means nothing.
    const expected = JSON.stringify(await js.evaluate(JSON.parse(body)));
    const got = JSON.stringify(wasm.evaluateJson(body));
    if (expected !== got) throw new Error(`${w.name}: WASM ${got} != jsonata-js ${expected}`);
    rows.push({
      name: w.name,
      jsonataJsUs: await measureAsync(() => js.evaluate(JSON.parse(body)), opts),
      wasmUs: measureSync(() => wasm.evaluateJson(body), opts),
      jsonataJsEvalOnlyUs: await measureAsync(() => js.evaluate(parsedOnce), opts),
    });
  }
  return rows;
}
let parsedOnce;

async function suiteCases(cases, opts) {
  let js = 0;
  let wasm = 0;
  let measured = 0;
  for (const c of cases) {
    let jsExpr;
    let wasmExpr;
    try {
      jsExpr = jsonataJs(c.expr);
      wasmExpr = ours(c.expr);
    } catch {
      continue;  // compile errors are not evaluation work
    }
    const inputText = c.input === undefined ? '' : JSON.stringify(c.input);
    const bindings = c.spec.bindings;
    try {
      await jsExpr.evaluate(c.input, bindings);
      wasmExpr.evaluateJson(inputText, bindings);
    } catch {
      continue;
    }
    js += await measureAsync(() => jsExpr.evaluate(c.input, bindings), opts);
    wasm += measureSync(() => wasmExpr.evaluateJson(inputText, bindings), opts);
    measured++;
  }
  return { cases: measured, jsonataJsUsPerCase: js / measured, wasmUsPerCase: wasm / measured };
}

function compileTimes(cases, opts) {
  const exprs = [...new Set(cases.map((c) => c.expr))];
  let js = 0;
  let wasm = 0;
  for (const e of exprs) {
    js += measureSync(() => jsonataJs(e), opts);
    wasm += measureSync(() => ours(e), opts);
  }
  return { expressions: exprs.length, jsonataJsUs: js / exprs.length, wasmUs: wasm / exprs.length };
}

export async function runJsonataBench(argv) {
  const a = args(argv);
  const workloads = JSON.parse(fs.readFileSync(path.join(root, 'tests/bench/workloads.json'), 'utf8'));
  const body = fs.readFileSync(path.join(root, workloads.responseFile), 'utf8');
  parsedOnce = JSON.parse(body);
  const quick = a.quick ? { minBatchUs: 2000, rounds: 3 } : {};
  const cases = timedCases(a.suite);
  const result = {
    machine: machine(),
    extraction: await extraction(workloads, body, quick),
    suite: await suiteCases(cases, a.quick ? { minBatchUs: 500, rounds: 3 } : { minBatchUs: 5000, rounds: 5 }),
    compile: compileTimes(cases, a.quick ? { minBatchUs: 500, rounds: 3 } : { minBatchUs: 2000, rounds: 5 }),
  };
  if (a.json) fs.writeFileSync(a.json, JSON.stringify(result, null, 2) + '\n');
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runJsonataBench(process.argv.slice(2));
  console.log(JSON.stringify(r, null, 2));
}
