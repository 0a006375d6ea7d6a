// The "WASM build: size against speed" section of docs/benchmarks.md, from the measurements
// tests/bench/variants.mjs records in tests/bench/wasm-variants.json (with the decision text).
import fs from 'node:fs';
import path from 'node:path';

import { root } from './plan.mjs';
import { fmtUs } from './table.mjs';

const kib = (b) => (b / 1024).toFixed(1);

export function renderVariants() {
  const file = path.join(root, 'tests/bench/wasm-variants.json');
  const out = ['## The WASM build: size against speed', ''];
  if (!fs.existsSync(file)) return [...out, 'No measurements yet: run `node tests/bench/variants.mjs`.'];
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const all = data.sets.flatMap((set) => Object.values(set.variants));
  const dates = [...new Set(all.map((v) => v.date.slice(0, 10)))].join(', ');
  out.push('The optimisation flags are CMake cache variables of the WASM build: `TB_WASM_COMPILE_OPT`, `TB_WASM_LINK_OPT` ' +
    '(LTO and binaryen\'s passes at link), `TB_WASM_HOT_MODULES` / `TB_WASM_HOT_OPT` and `TB_WASM_COLD_MODULES` / ' +
    '`TB_WASM_COLD_OPT` (core modules or files compiled with other flags; no cold ones by default), `TB_WASM_POST_OPT` ' +
    '(binaryen passes run again on the linked module) and `TB_WASM_MALLOC` (dlmalloc or emmalloc). `node tests/bench/variants.mjs` builds each variant in build/wasm-variants/ and times its WASM columns ' +
    `(measured ${dates}; one pass each, CPU time as above; load average at the start of each given). ` +
    'Sizes are gzip -9. Figures are µs per call; "× Os" is the speed-up over the -Os build of the same engine ' +
    '(geometric mean of the six figures). One table per engine version (last commit of core/src, core/include, wasm/src), newest first.', '');
  const keys = ['ticket', 'rich', 'suiteGeomean', 'suiteSum', 'compileGeomean', 'categories'];
  for (const set of [...data.sets].reverse()) {
    const vs = Object.values(set.variants);
    const base = set.variants.Os;
    out.push(`Engine ${set.engine}:`, '',
      '| variant | compile | link | hot modules | .wasm raw KiB | gzip KiB | (a) ticket | (a) rich | (b) geomean | (b) sum | (c) geomean | categories | × Os | load |',
      '|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const v of vs) {
      let speed = '—';
      if (base && v !== base) {
        const r = keys.map((k) => base.figures[k] / v.figures[k]).filter((x) => Number.isFinite(x));
        speed = `${Math.exp(r.reduce((s, x) => s + Math.log(x), 0) / r.length).toFixed(2)}×`;
      } else if (v === base) speed = '1×';
      const chosen = v.name === data.chosen ? ' **(default)**' : '';
      out.push(`| ${v.name}${chosen} | \`${v.compile}\` | \`${v.link}\` | ${v.hot ? `${v.hot.replaceAll(';', ', ')} at \`${v.hotOpt}\`` : '—'} | ` +
        `${kib(v.wasm.raw)} | ${kib(v.wasm.gzip)} | ${keys.map((k) => fmtUs(v.figures[k])).join(' | ')} | ${speed} | ${v.loadAverage[0].toFixed(1)} |`);
    }
    out.push('');
  }
  out.push('');
  for (const para of data.decision ?? []) out.push(para, '');
  return out;
}
