// Category-import column worker for Node: our WASM build or papaparse 5.4.1 on the plan's CSV
// (1,000 rows), written in the same shape as build/native/bin/categories-bench:
//   node tests/bench/categories.mjs --engine wasm|papaparse --plan build/bench/plan.json --json OUT [--wasm-dist DIR]
// Both get the file as text. papaparse only splits it into rows (header: true); ours also
// validates every row (header, duplicates, formula cells, lengths, UTF-8) and returns the
// report with the category tree, so the comparison is conservative.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';

import { measureSync, settle } from './timing.mjs';

export async function runCategoriesColumn({ engine, plan, wasmDist }) {
  const text = fs.readFileSync(plan.categoriesFile, 'utf8');
  let call;
  let rows;
  if (engine === 'papaparse') {
    call = () => Papa.parse(text, { header: true, skipEmptyLines: true });
    rows = call().data.length;
  } else {
    const { importCategories, init } = await import(pathToFileURL(path.join(wasmDist, 'index.mjs')));
    await init();
    call = () => importCategories(text);
    const report = call();
    if (!report.accepted) throw new Error('the benchmark file was rejected');
    rows = report.imported;
  }
  measureSync(call, { minBatchUs: 200000, rounds: 1 });  // warm up; see warmUp() in jsonata.mjs
  await settle();
  return { engine, rows, bytes: Buffer.byteLength(text), import: measureSync(call, plan.timing.single) };
}

function args(argv) {
  const a = { engine: undefined, plan: undefined, json: undefined, wasmDist: undefined };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '').replace(/-(.)/g, (_, ch) => ch.toUpperCase());
    if (k in a) a[k] = argv[++i];
  }
  if (!a.engine || !a.plan) throw new Error('usage: categories.mjs --engine wasm|papaparse --plan FILE [--json OUT] [--wasm-dist DIR]');
  return a;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = args(process.argv.slice(2));
  const plan = JSON.parse(fs.readFileSync(a.plan, 'utf8'));
  const wasmDist = path.resolve(a.wasmDist ?? fileURLToPath(new URL('../../wasm/dist', import.meta.url)));
  const text = JSON.stringify(await runCategoriesColumn({ engine: a.engine, plan, wasmDist }), null, 1) + '\n';
  if (a.json) fs.writeFileSync(a.json, text);
  else process.stdout.write(text);
}
