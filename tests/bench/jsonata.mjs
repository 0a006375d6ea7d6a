// JSONata column worker for Node: times one engine (our WASM build, its jsonata-js drop-in
// `ticketbridge/jsonata`, or jsonata-js 2.2.2) on the plan that tests/bench/run.mjs writes, and
// writes the figures in the same shape as the native program (build/native/bin/jsonata-bench):
//   node tests/bench/jsonata.mjs --engine wasm|wasm-dropin|jsonata-js --plan build/bench/plan.json --json OUT
//        [--wasm-dist DIR]   (a WASM package other than wasm/dist, e.g. a build variant)
// How each engine is called is how a host calls it: jsonata-js gets JS values and its
// evaluate() (a Promise) is awaited; ours takes JSON text and parses it inside the module
// ("evaluate only": a JsonDocument parsed once beforehand).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jsonataPeer from 'jsonata';

import { nativeCompile, nativeParse } from './native-calls.mjs';
import { measureAsync, measureSync, settle } from './timing.mjs';

const isJs = (engine) => engine === 'jsonata-js' || engine === 'wasm-dropin';
const bodyOf = (plan, w) => plan.bodies?.[w.name] ?? plan.body;

async function engineApi(engine, wasmDist) {
  if (isJs(engine)) {
    // The drop-in (ticketbridge/jsonata) is called exactly as jsonata-js is.
    let jsonataJs = jsonataPeer;
    // Times one compile; the compiled form is dropped for the GC.
    let timeCompile = (src, t) => measureSync(() => jsonataJs(src), t);
    if (engine === 'wasm-dropin') {
      ({ default: jsonataJs } = await import(pathToFileURL(path.join(wasmDist, 'dropin.node.mjs'))));
      await jsonataJs('0').evaluate(undefined);  // loads the engine
      // The drop-in compiles as the package does; its compiled forms live in the module's
      // heap until the GC runs, which a tight loop never lets happen (see below).
      const { core, withInput } = await import(pathToFileURL(path.join(wasmDist, 'core.mjs')));
      timeCompile = (src, t) => measureSync(() => nativeCompile(core, src, withInput), t);
    }
    return {
      compile: (src) => jsonataJs(src),
      timeCompile,
      parseEval: (e, body, t) => measureAsync(() => e.evaluate(JSON.parse(body)), t),
      evalOnly: (e, body, t) => {
        const input = JSON.parse(body);
        return measureAsync(() => e.evaluate(input), t);
      },
      parse: (body, t) => measureSync(() => JSON.parse(body), t),
      // The body as a JS object, parsed once: what most jsonata-js hosts pass.
      objectEval: (e, body, t) => {
        const input = JSON.parse(body);
        return measureAsync(() => e.evaluate(input), t);
      },
      evalCase: (e, c, t) => {
        const input = c.input === '' ? undefined : JSON.parse(c.input);
        const bindings = c.bindings === '' ? undefined : JSON.parse(c.bindings);
        return measureAsync(() => e.evaluate(input, bindings), t);
      },
    };
  }
  const { jsonata, parseJson, init } = await import(pathToFileURL(path.join(wasmDist, 'index.mjs')));
  await init({ pictures: true });  // the suite and workloads use $formatNumber and friends (docs/hosting.md)
  const { core, withInput } = await import(pathToFileURL(path.join(wasmDist, 'core.mjs')));
  // The façade frees compiled expressions when the GC collects them, which a tight loop never
  // lets happen; time the engine's compile through the binding and free each one at once.
  const compileOnce = (src) => nativeCompile(core, src, withInput);
  return {
    compile: (src) => jsonata(src),
    timeCompile: (src, t) => measureSync(() => compileOnce(src), t),
    parseEval: (e, body, t) => measureSync(() => e.evaluateJson(body), t),
    // Over a JsonDocument parsed once (older packages without parseJson have no such figure).
    evalOnly: (e, body, t) => {
      if (!parseJson) return null;
      const doc = parseJson(body);
      return measureSync(() => e.evaluate(doc), t);
    },
    // A whole parse inside the module, as parseJson() does: the text copied in and read into a
    // Document, freed at once (a tight loop never lets the GC free parseJson's wrappers).
    // evaluateJson of a constant would not do: it reads the body under the constant's
    // projection, which builds nothing.
    parse: (body, t) => measureSync(() => nativeParse(core, withInput, body), t),
    // A plain JS object as input, as a jsonata-js host passes it: evaluate() hands the engine
    // the members the expression can reach.
    objectEval: (e, body, t) => {
      const input = JSON.parse(body);
      return measureSync(() => e.evaluate(input), t);
    },
    evalCase: (e, c, t) => {
      const bindings = c.bindings === '' ? undefined : JSON.parse(c.bindings);
      return measureSync(() => e.evaluateJson(c.input, bindings), t);
    },
    // The case's input parsed once into a JsonDocument, as native's "evaluate only".
    evalCaseOnly: (e, c, t) => {
      if (!parseJson) return null;
      const input = c.input === '' ? undefined : parseJson(c.input);
      const bindings = c.bindings === '' ? undefined : JSON.parse(c.bindings);
      return measureSync(() => e.evaluate(input, bindings), t);
    },
  };
}

// V8 compiles hot functions (WASM and JavaScript) on background threads, and their CPU time
// would land in whichever figure is being taken. Run every workload first, then give those
// threads time to finish, so the figures measure the steady state a busy host sees.
async function warmUp(api, plan) {
  const brief = { minBatchUs: 20000, rounds: 1 };
  for (const w of plan.extraction) await api.parseEval(api.compile(w.expression), bodyOf(plan, w), brief);
  for (let pass = 0; pass < 2; pass++) {
    for (const c of plan.cases) await api.evalCase(api.compile(c.expr), c, { minBatchUs: 200, rounds: 1 });
  }
  await settle();
}

export async function runJsonataColumn({ engine, plan, wasmDist }) {
  const api = await engineApi(engine, wasmDist);
  const { single, perCase } = plan.timing;
  const out = { engine, extraction: {}, suite: {} };
  await warmUp(api, plan);
  for (const w of plan.extraction) {
    const e = api.compile(w.expression);
    out.extraction[w.name] = {
      parseEval: await api.parseEval(e, bodyOf(plan, w), single),
      evalOnly: await api.evalOnly(e, bodyOf(plan, w), single),
      objectEval: await api.objectEval(e, bodyOf(plan, w), single),
      compile: api.timeCompile(w.expression, single),
    };
  }
  // The compile set (issue 18): each expression timed alone.
  out.compileSet = {};
  for (const [i, src] of (plan.compileSet?.expressions ?? []).entries()) out.compileSet[i] = api.timeCompile(src, single);
  out.parse = api.parse(plan.body, single, plan.overheadExpression);
  const trivial = api.compile(plan.overheadExpression);
  out.overhead = await api.evalCase(trivial, { input: '', bindings: '' }, single);
  for (const c of plan.cases) {
    const e = api.compile(c.expr);
    const ev = await api.evalCase(e, c, perCase);
    const co = api.timeCompile(c.expr, perCase);
    out.suite[c.id] = { eval: ev.us, evalSpread: (ev.hi - ev.lo) / ev.us, evalWall: ev.wallUs, compile: co.us };
    const only = api.evalCaseOnly ? api.evalCaseOnly(e, c, perCase) : null;
    if (only) out.suite[c.id].evalOnly = only.us;
  }
  return out;
}

function args(argv) {
  const a = { engine: undefined, plan: undefined, json: undefined, wasmDist: undefined };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '').replace(/-(.)/g, (_, ch) => ch.toUpperCase());
    if (k in a) a[k] = argv[++i];
  }
  if (!a.engine || !a.plan) throw new Error('usage: jsonata.mjs --engine wasm|wasm-dropin|jsonata-js --plan FILE [--json OUT] [--wasm-dist DIR]');
  return a;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = args(process.argv.slice(2));
  const plan = JSON.parse(fs.readFileSync(a.plan, 'utf8'));
  const wasmDist = path.resolve(a.wasmDist ?? fileURLToPath(new URL('../../wasm/dist', import.meta.url)));
  const result = await runJsonataColumn({ engine: a.engine, plan, wasmDist });
  const text = JSON.stringify(result, null, 1) + '\n';
  if (a.json) fs.writeFileSync(a.json, text);
  else process.stdout.write(text);
}
