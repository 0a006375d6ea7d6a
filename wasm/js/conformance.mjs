// JSONata conformance runner over the WASM engine: the same case files as the native
// runner (build/native/bin/jsonata-conformance), the same rules, the same summary line.
// A developer tool: shipped in ticketbridge-devtools (and in this repository's wasm/dist),
// not in the ticketbridge package, so it reaches the engine through the package's name.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { init, jsonata, loadPictures, picturesLoaded } from 'ticketbridge';

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Every case of a suite directory (groups/<group>/*.json), with its id and resolved input. */
export function loadSuite(suiteDir, { group } = {}) {
  const groupsDir = path.join(suiteDir, 'groups');
  const datasets = new Map();
  const dataset = (name) => {
    if (!datasets.has(name)) datasets.set(name, readJson(path.join(suiteDir, 'datasets', `${name}.json`)));
    return datasets.get(name);
  };
  const cases = [];
  for (const g of fs.readdirSync(groupsDir).sort()) {
    if (group && g !== group) continue;
    const dir = path.join(groupsDir, g);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const content = readJson(path.join(dir, file));
      const list = Array.isArray(content) ? content : [content];
      list.forEach((c, i) => {
        const id = `${g}/${file.replace(/\.json$/, '')}${Array.isArray(content) ? `#${i}` : ''}`;
        const expr = c.expr ?? fs.readFileSync(path.join(dir, c['expr-file']), 'utf8');
        let input;
        if ('data' in c) input = c.data;
        else if (typeof c.dataset === 'string') input = dataset(c.dataset);
        cases.push({ id, group: g, expr, input, spec: c });
      });
    }
  }
  return cases;
}

function sameUnordered(actual, expected) {
  if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return false;
  const left = [...expected];
  return actual.every((item) => {
    const i = left.findIndex((e) => isDeepStrictEqual(e, item));
    if (i < 0) return false;
    left.splice(i, 1);
    return true;
  });
}

/** Runs one case; returns {outcome, ok, why}. */
export function runCase(c, property) {
  const spec = c.spec;
  // A runaway case must not hang the run (the native runner uses the same bound).
  const limits = { timeLimitMs: 20000 };
  if (spec.timelimit !== undefined) limits.timeLimitMs = spec.timelimit;
  if (spec.depth !== undefined) limits.maxDepth = spec.depth;
  let outcome;
  try {
    const expr = jsonata(c.expr);
    const value = expr.evaluate(c.input, spec.bindings, limits);
    outcome = value === undefined ? { undefined: true } : { result: value };
  } catch (err) {
    let code = err.code ?? 'UNKNOWN';
    // The reference harness reports both of its guards (time box and depth) as U1001.
    if ((spec.timelimit !== undefined || spec.depth !== undefined) && (code === 'D1011' || code === 'D1012')) code = 'U1001';
    outcome = { code, error: err };
  }
  if (property) return checkProperty(c, outcome, property);
  const expectCode = spec.code ?? spec.error?.code;
  if (expectCode !== undefined) {
    if (outcome.code !== expectCode) return { outcome, ok: false, why: `expected error ${expectCode}, got ${JSON.stringify(outcome.result ?? outcome.code ?? 'undefined')}` };
    if (spec.token !== undefined && outcome.error?.token !== spec.token) return { outcome, ok: false, why: `expected token ${spec.token}, got ${outcome.error?.token}` };
    for (const [k, v] of Object.entries(spec.error ?? {})) {
      if (k === 'code') continue;
      // Errors carry no functionName field (as in the native runner): the reference's message names the function.
      const ok = k === 'functionName' && outcome.error?.functionName === undefined
        ? String(outcome.error?.message).includes(`$${v}(`)
        : isDeepStrictEqual(outcome.error?.[k], v);
      if (!ok) return { outcome, ok: false, why: `error ${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(outcome.error?.[k])}` };
    }
    return { outcome, ok: true };
  }
  if (spec.undefinedResult) return { outcome, ok: !!outcome.undefined, why: `expected undefined, got ${JSON.stringify(outcome.result ?? outcome.code)}` };
  if ('result' in spec) {
    if (!('result' in outcome)) return { outcome, ok: false, why: `expected ${JSON.stringify(spec.result)}, got ${outcome.code ? 'error ' + outcome.code + ': ' + outcome.error.message : 'undefined'}` };
    const ok = spec.unordered ? sameUnordered(outcome.result, spec.result) : isDeepStrictEqual(outcome.result, spec.result);
    return { outcome, ok, why: ok ? '' : `expected ${JSON.stringify(spec.result)}, got ${JSON.stringify(outcome.result)}` };
  }
  return { outcome, ok: false, why: 'case has no expected outcome' };
}

/**
 * Loads the list of cases whose reference answer is not deterministic: one
 * "<case id> <property> # reason" per line, property = permutation | type:<t> | range:<lo>,<hi>.
 */
export function loadProperties(file) {
  const out = new Map();
  if (!file) return out;
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [id, prop] = line.split(/\s+/);
    if (!prop) continue;
    const colon = prop.indexOf(':');
    out.set(id, { kind: colon < 0 ? prop : prop.slice(0, colon), arg: colon < 0 ? '' : prop.slice(colon + 1) });
  }
  return out;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Checks a property instead of the recorded result (for $random, $now, $shuffle...). */
function checkProperty(c, outcome, p) {
  if (!('result' in outcome)) return { outcome, ok: false, why: `expected a value, got ${outcome.code ?? 'undefined'}` };
  const v = outcome.result;
  let ok = false;
  if (p.kind === 'type') ok = typeOf(v) === p.arg;
  else if (p.kind === 'range') {
    const [lo, hi] = p.arg.split(',').map(Number);
    ok = typeof v === 'number' && v >= lo && v < hi;
  } else if (p.kind === 'permutation') ok = sameUnordered(v, c.spec.result);
  return { outcome, ok, why: ok ? '' : `property ${p.kind} ${p.arg} does not hold for ${JSON.stringify(v)}` };
}

/** CLI entry: prints failures by group and "N passed, M failed"; returns the exit code. */
function needsPicturesOf(expr) {
  try {
    return jsonata(expr).needsPictures;
  } catch {
    return false;  // a syntax error: evaluated by no one
  }
}

export async function runConformance(argv, { stdout = process.stdout } = {}) {
  const args = { dir: undefined, dump: undefined, group: undefined, properties: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dump') args.dump = argv[++i];
    else if (argv[i] === '--group') args.group = argv[++i];
    else if (argv[i] === '--properties') args.properties = argv[++i];
    else args.dir = argv[i];
  }
  if (!args.dir) throw Object.assign(new Error('usage: conformance <suite-dir> [--group NAME] [--dump FILE] [--properties FILE]'), { code: 'USAGE' });
  await init();
  const properties = loadProperties(args.properties);
  const cases = loadSuite(args.dir, { group: args.group });
  const failures = new Map();
  const dump = {};
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    // The pictures module is loaded as a host would load it: when the first expression that
    // names a picture function comes (the cases before it run without it).
    if (!picturesLoaded() && needsPicturesOf(c.expr)) await loadPictures();
    const { outcome, ok, why } = runCase(c, properties.get(c.id));
    dump[c.id] = outcome.code ? { code: outcome.code } : outcome.undefined ? { undefined: true } : { result: outcome.result };
    if (ok) passed++;
    else {
      failed++;
      if (!failures.has(c.group)) failures.set(c.group, []);
      failures.get(c.group).push(`  ${c.id}: ${c.expr.replace(/\s+/g, ' ').slice(0, 120)}\n      ${why.slice(0, 400)}`);
    }
  }
  for (const [group, lines] of failures) stdout.write(`${group} (${lines.length} failed)\n${lines.join('\n')}\n`);
  if (args.dump) fs.writeFileSync(args.dump, JSON.stringify(dump));
  stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
