// Expands tests/bench/workloads.json and the conformance suite into one plan file that every
// column reads (native programs and Node workers alike), so they time the same expressions,
// the same cases with the same inputs, under the same timing parameters.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jsonataJs from 'jsonata';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The suite directory: --suite, the native build's TB_CONFORMANCE_DIR, $TB_CONFORMANCE_DIR, or
 * the copy kept in the repository (tests/conformance/jsonata-suite), in that order, as the
 * CMake build chooses it.
 */
export function findSuite(explicit) {
  const candidates = [explicit];
  const cache = path.join(root, 'build/native/CMakeCache.txt');
  if (fs.existsSync(cache)) candidates.push(/^TB_CONFORMANCE_DIR:PATH=(.*)$/m.exec(fs.readFileSync(cache, 'utf8'))?.[1]);
  candidates.push(process.env.TB_CONFORMANCE_DIR, path.join(root, 'tests/conformance/jsonata-suite'));
  const found = candidates.find((c) => c && fs.existsSync(path.join(c, 'groups')));
  if (!found) throw new Error('JSONata conformance suite not found: pass --suite DIR or set TB_CONFORMANCE_DIR');
  return path.resolve(found);
}

// JSON has no -0, functions or undefined members: compare answers as JSON would carry them.
const asJson = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v) ?? 'null'));

function sameAnswer(a, b, unordered) {
  if (unordered && Array.isArray(a) && Array.isArray(b)) {
    const key = (x) => JSON.stringify(x);
    return isDeepStrictEqual(a.map(key).sort(), b.map(key).sort());
  }
  return isDeepStrictEqual(a, b);
}

/**
 * Why a case is not timed, or null when it is. A timed case has a plain expected result, no
 * guard and no clock or randomness, and both engines give the same answer without error.
 */
async function exclusion(c, rules, ours) {
  if (!('result' in c.spec)) return 'no plain result (error or undefined expected)';
  if (rules.excludeKeys.some((k) => k in c.spec)) return 'time box or depth guard';
  if (new RegExp(`\\$(${rules.excludeFunctions.join('|')})\\b`).test(c.expr)) return 'clock or randomness';
  let reference;
  let mine;
  try {
    reference = asJson(await jsonataJs(c.expr).evaluate(c.input, c.spec.bindings));
  } catch {
    return 'jsonata-js raises an error';
  }
  try {
    mine = ours(c.expr).evaluate(c.input, c.spec.bindings);
  } catch {
    return 'our engine raises an error';
  }
  if (!sameAnswer(mine, reference, c.spec.unordered)) return 'answers differ';
  return null;
}

/** {"result": {"<n-1>": "x", ..., "0": "x", "sys_id", "number"}} of about `bytes` bytes. */
export function numericKeyBody({ bytes, order }) {
  const n = Math.floor(bytes / 12);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(`"${order === 'descending' ? n - 1 - i : i}":"x"`);
  return `{"result":{${parts.join(',')},"sys_id":"0123456789abcdef0123456789abcdef","number":"INC0000009"}}`;
}

// A small seeded generator (mulberry32), so every column and every run sees the same body.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** {"amounts": [...]} of `count` invoice-like amounts: cents to millions, 0 to 3 decimals, a few negative. */
export function amountsBody({ count, seed }) {
  const rnd = seeded(seed);
  const amounts = [];
  for (let i = 0; i < count; i++) {
    const magnitude = 10 ** Math.floor(rnd() * 7);  // 1 .. 1,000,000
    const decimals = Math.floor(rnd() * 4);
    let v = Number((rnd() * magnitude).toFixed(decimals));
    if (rnd() < 0.05) v = -v;
    amounts.push(v);
  }
  return JSON.stringify({ amounts });
}

/** {"notes": [...]} of `count` work notes, about two thirds naming an incident (INC and 7 digits). */
export function notesBody({ count, seed }) {
  const rnd = seeded(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const words = ['user', 'reports', 'VPN', 'drops', 'after', 'password', 'reset', 'printer', 'on', 'floor', 'three', 'is',
    'offline', 'again', 'escalated', 'to', 'network', 'team', 'see', 'related', 'ticket', 'laptop', 'will', 'not', 'boot',
    'called', 'back', 'no', 'answer', 'waiting', 'for', 'vendor', 'Wi-Fi', 'in', 'the', 'meeting', 'room', 'slow'];
  const notes = [];
  for (let i = 0; i < count; i++) {
    const parts = [];
    const length = 40 + Math.floor(rnd() * 160);
    const inc = rnd() < 0.66 ? `INC${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}` : null;
    const at = Math.floor(rnd() * length);
    let n = 0;
    while (n < length) {
      if (inc && n >= at && !parts.includes(inc)) parts.push(inc);
      const w = pick(words);
      parts.push(w);
      n += w.length + 1;
    }
    notes.push(parts.join(' '));
  }
  return JSON.stringify({ notes });
}

function generatedBody(w) {
  if (w.numericKeys) return numericKeyBody(w.numericKeys);
  if (w.amounts) return amountsBody(w.amounts);
  if (w.notes) return notesBody(w.notes);
  return undefined;
}

/** Builds the plan object. `wasmDist` is the package whose engine checks the answers. */
export async function buildPlan({ suite, wasmDist = path.join(root, 'wasm/dist'), quick = false } = {}) {
  const workloads = JSON.parse(fs.readFileSync(path.join(root, 'tests/bench/workloads.json'), 'utf8'));
  const suiteDir = findSuite(suite);
  const { loadSuite } = await import(pathToFileURL(path.join(wasmDist, 'conformance.mjs')));
  const { jsonata: ours, init } = await import(pathToFileURL(path.join(wasmDist, 'index.mjs')));
  await init({ pictures: true });  // the suite and workloads use $formatNumber and friends (docs/hosting.md)
  const cases = [];
  const excluded = {};
  for (const c of loadSuite(suiteDir)) {
    const why = await exclusion(c, workloads.suite, ours);
    if (why) {
      excluded[why] = (excluded[why] ?? 0) + 1;
      continue;
    }
    cases.push({
      id: c.id,
      expr: c.expr,
      input: c.input === undefined ? '' : JSON.stringify(c.input),
      bindings: c.spec.bindings ? JSON.stringify(c.spec.bindings) : '',
    });
  }
  const body = fs.readFileSync(path.join(root, workloads.responseFile), 'utf8');
  // Workloads with a generated body of their own; kept beside the list, out of the results.
  const bodies = {};
  for (const w of workloads.extraction) {
    const generated = generatedBody(w);
    if (generated !== undefined) bodies[w.name] = generated;
  }
  for (const w of workloads.extraction) {
    const text = bodies[w.name] ?? body;
    const expected = asJson(await jsonataJs(w.expression).evaluate(JSON.parse(text)));
    const got = ours(w.expression).evaluateJson(text);
    if (!isDeepStrictEqual(got, expected)) throw new Error(`${w.name}: ours ${JSON.stringify(got)} != jsonata-js ${JSON.stringify(expected)}`);
  }
  // The compile set is timed compiling only; each expression must still mean what it means in
  // jsonata-js, checked over the ServiceNow body.
  for (const [i, src] of workloads.compileSet.expressions.entries()) {
    const expected = asJson(await jsonataJs(src).evaluate(JSON.parse(body)));
    const got = ours(src).evaluateJson(body);
    if (!isDeepStrictEqual(got, expected)) throw new Error(`compileSet[${i}]: ours ${JSON.stringify(got)} != jsonata-js ${JSON.stringify(expected)}`);
  }
  return {
    suiteDir,
    responseFile: workloads.responseFile,
    body,
    bodies,
    extraction: workloads.extraction,
    overheadExpression: workloads.overheadExpression,
    compileSet: workloads.compileSet,
    cases,
    excluded,
    categoriesFile: path.join(root, workloads.categoriesFile),
    quick,
    timing: quick ? workloads.timing.quick : { single: workloads.timing.single, perCase: workloads.timing.perCase },
  };
}
