// The comparison table: one row per workload, our two builds beside the JavaScript peer, and
// the ratios the goals are stated in (how many times faster than the peer; WASM's cost over native).
import { geomean } from './timing.mjs';

const us = (stat) => (stat && typeof stat.us === 'number' ? stat.us : null);

function row(id, label, native, wasm, peer, peerName, note) {
  const r = (x, y) => (x !== null && y !== null && y > 0 ? x / y : null);
  return { id, label, native, wasm, peer, peerName, nativeVsPeer: r(peer, native), wasmVsPeer: r(peer, wasm),
    wasmVsNative: r(wasm, native), note };
}

// Aggregates over the cases every column timed: geometric means (each case counts the same)
// and sums (a pass over the suite, dominated by its slowest cases).
function suiteRows(cols, field, peerField, idPrefix, label) {
  const [n, w, s] = ['native', 'wasm', 'jsonata-js'].map((e) => cols[e]?.suite ?? null);
  const present = [n, w, s].filter(Boolean);
  if (!present.length) return [];
  const ids = Object.keys(present[0]).filter((id) => present.every((c) => c[id]));
  const get = (c, f) => (c && f ? ids.map((id) => c[id][f]) : null);
  const gm = (xs) => (xs && xs.every((x) => typeof x === 'number') ? geomean(xs) : null);
  const sum = (xs) => (xs && xs.every((x) => typeof x === 'number') ? xs.reduce((a, x) => a + x, 0) : null);
  const nf = get(n, field);
  const wf = get(w, field);
  const sf = get(s, peerField);
  return [
    row(`${idPrefix}.geomean`, `${label}: geometric mean per case (${ids.length} cases)`, gm(nf), gm(wf), gm(sf), 'jsonata-js'),
    row(`${idPrefix}.sum`, `${label}: sum over the cases`, sum(nf), sum(wf), sum(sf), 'jsonata-js'),
  ];
}

// The compile set (workloads.json compileSet): each expression timed alone in every column.
function compileSetRows(n, w, s) {
  const ids = Object.keys(n?.compileSet ?? w?.compileSet ?? s?.compileSet ?? {});
  if (!ids.length) return [];
  const all = (col) => (col?.compileSet && ids.every((i) => us(col.compileSet[i]) !== null) ? ids.map((i) => us(col.compileSet[i])) : null);
  const [nf, wf, sf] = [all(n), all(w), all(s)];
  const sum = (xs) => (xs ? xs.reduce((a, x) => a + x, 0) : null);
  const label = `(c) compile ${ids.length} representative expressions`;
  return [
    row('c.set.geomean', `${label}: geometric mean`, nf && geomean(nf), wf && geomean(wf), sf && geomean(sf), 'jsonata-js'),
    row('c.set.sum', `${label}: sum`, sum(nf), sum(wf), sum(sf), 'jsonata-js'),
  ];
}

/** The table's rows from combined figures (results.figures) and the plan's workloads. */
export function tableRows(results) {
  const j = results.figures.jsonata ?? {};
  const c = results.figures.categories ?? {};
  const [n, w, s] = [j.native, j.wasm, j['jsonata-js']];
  const rows = [];
  for (const x of results.plan.extraction) {
    const e = (col) => col?.extraction?.[x.name];
    rows.push(row(`a.${x.name}.parseEval`, `(a) ${x.label}: JSON parse + evaluate`,
      us(e(n)?.parseEval), us(e(w)?.parseEval), us(e(s)?.parseEval), 'jsonata-js'));
    rows.push(row(`a.${x.name}.evalOnly`, `(a) ${x.label}: evaluate only (body parsed once)`,
      us(e(n)?.evalOnly), us(e(w)?.evalOnly), us(e(s)?.evalOnly), 'jsonata-js', 'WASM: evaluate(parseJson(body)) with the document parsed once'));
    rows.push(row(`a.${x.name}.objectEval`, `(a) ${x.label}: evaluate a JS object (parsed once)`,
      null, us(e(w)?.objectEval), us(e(s)?.objectEval), 'jsonata-js', 'WASM: evaluate(object) hands over only the members the expression reaches'));
  }
  // The jsonata-js drop-in (ticketbridge/jsonata), called exactly as jsonata-js is: its
  // figures go in the WASM column, beside the same peer.
  const d = j['wasm-dropin'];
  if (d) {
    for (const x of results.plan.extraction) {
      rows.push(row(`dropin.${x.name}`, `(a) ${x.label}: \`await evaluate(JSON.parse(body))\` through the jsonata-js drop-in`,
        null, us(d.extraction?.[x.name]?.parseEval), us(s?.extraction?.[x.name]?.parseEval), 'jsonata-js', 'WASM column: ticketbridge/jsonata'));
    }
    const ids = Object.keys(d.suite ?? {}).filter((id) => s?.suite?.[id]);
    if (ids.length) {
      rows.push(row('dropin.suite.geomean', `(b) suite through the drop-in, as jsonata-js: geometric mean per case (${ids.length} cases)`,
        null, geomean(ids.map((id) => d.suite[id].eval)), geomean(ids.map((id) => s.suite[id].eval)), 'jsonata-js', 'WASM column: ticketbridge/jsonata'));
    }
  }
  rows.push(row('a.parse', `(a) JSON parse of the ${results.plan.responseBytes}-byte body alone`, us(n?.parse), us(w?.parse), us(s?.parse),
    'JSON.parse', 'WASM: evaluateJson(body) of the constant expression `true` (parse + one call)'));
  rows.push(row('a.overhead', '(a) one call: expression `true`, no input', us(n?.overhead), us(w?.overhead), us(s?.overhead), 'jsonata-js'));
  rows.push(...suiteRows(j, 'eval', 'eval', 'b.eval', '(b) suite, JSON text in (ours parse it; jsonata-js gets JS values)'));
  rows.push(...suiteRows(j, 'evalOnly', 'eval', 'b.evalOnly', '(b) suite, evaluate only (each engine over its parsed input)'));
  for (const x of results.plan.extraction) {
    const e = (col) => col?.extraction?.[x.name];
    rows.push(row(`c.${x.name}`, `(c) compile the ${x.label} expression`, us(e(n)?.compile), us(e(w)?.compile), us(e(s)?.compile), 'jsonata-js'));
  }
  rows.push(...suiteRows(j, 'compile', 'compile', 'c.suite', '(c) compile the suite expressions'));
  rows.push(...compileSetRows(n, w, s));
  const rowsCount = c.native?.rows ?? c.wasm?.rows ?? c.papaparse?.rows ?? 1000;
  rows.push(row('cat.import', `categories: import ${rowsCount.toLocaleString('en')} rows (parse + validate)`,
    us(c.native?.import), null, us(c.papaparse?.import), 'papaparse', 'papaparse only splits rows; ours validates them too'));
  rows.push(row('cat.report', `categories: import ${rowsCount.toLocaleString('en')} rows, report returned to the host`,
    us(c.native?.importWithReport), us(c.wasm?.import), us(c.papaparse?.import), 'papaparse',
    'native: import + JSON report text; WASM: importCategories(text) returning the parsed report'));
  return rows;
}

export const fmtUs = (v) => (v === null || v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
export const fmtRatio = (v) => (v === null || v === undefined ? '—' : `${v >= 10 ? v.toFixed(0) : v.toFixed(1)}×`);

/** Plain-text table for the console. */
export function formatTable(rows) {
  const head = ['workload (µs per call)', 'native', 'WASM', 'peer', 'peer', 'native÷', 'WASM÷', 'WASM/native'];
  const body = rows.map((r) => [r.label, fmtUs(r.native), fmtUs(r.wasm), fmtUs(r.peer), r.peerName,
    fmtRatio(r.nativeVsPeer), fmtRatio(r.wasmVsPeer), fmtRatio(r.wasmVsNative)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(head), ...body.map(line), '(native÷ / WASM÷: times faster than the peer; WASM/native: WASM\'s cost over native)'].join('\n');
}

/** Markdown table for docs/benchmarks.md. */
export function markdownTable(rows) {
  const out = ['| workload (µs per call, median) | native | WASM (Node) | peer | peer is | native vs peer | WASM vs peer | WASM / native |',
    '|---|---:|---:|---:|---|---:|---:|---:|'];
  for (const r of rows) {
    out.push(`| ${r.label} | ${fmtUs(r.native)} | ${fmtUs(r.wasm)} | ${fmtUs(r.peer)} | ${r.peerName} | ${fmtRatio(r.nativeVsPeer)} | ${fmtRatio(r.wasmVsPeer)} | ${fmtRatio(r.wasmVsNative)} |`);
  }
  return out.join('\n');
}
