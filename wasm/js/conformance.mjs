// JSONata conformance runner over the WASM engine: the same case files as the native
// runner (build/native/bin/jsonata-conformance), the same rules, the same summary line.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { jsonata } from './jsonata.mjs';

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
export function runCase(c) {
  const spec = c.spec;
  const limits = {};
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
  const expectCode = spec.code ?? spec.error?.code;
  if (expectCode !== undefined) {
    if (outcome.code !== expectCode) return { outcome, ok: false, why: `expected error ${expectCode}, got ${JSON.stringify(outcome.result ?? outcome.code ?? 'undefined')}` };
    if (spec.token !== undefined && outcome.error?.token !== spec.token) return { outcome, ok: false, why: `expected token ${spec.token}, got ${outcome.error?.token}` };
    for (const [k, v] of Object.entries(spec.error ?? {})) {
      if (k !== 'code' && !isDeepStrictEqual(outcome.error?.[k], v)) return { outcome, ok: false, why: `error ${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(outcome.error?.[k])}` };
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

/** Loads the list of cases whose reference answer is not deterministic (one "id  reason" per line). */
export function loadSkipList(file) {
  if (!file || !fs.existsSync(file)) return new Map();
  const out = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const [id, ...why] = t.split(/\s+/);
    out.set(id, why.join(' '));
  }
  return out;
}

/** CLI entry: prints failures by group and "N passed, M failed"; returns the exit code. */
export function runConformance(argv, { stdout = process.stdout } = {}) {
  const args = { dir: undefined, dump: undefined, group: undefined, skip: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dump') args.dump = argv[++i];
    else if (argv[i] === '--group') args.group = argv[++i];
    else if (argv[i] === '--skip') args.skip = argv[++i];
    else args.dir = argv[i];
  }
  if (!args.dir) throw Object.assign(new Error('usage: conformance <suite-dir> [--group NAME] [--dump FILE] [--skip FILE]'), { code: 'USAGE' });
  const skips = loadSkipList(args.skip);
  const cases = loadSuite(args.dir, { group: args.group });
  const failures = new Map();
  const dump = {};
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    if (skips.has(c.id)) continue;
    const { outcome, ok, why } = runCase(c);
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
