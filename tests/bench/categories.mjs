// Category CSV import: papaparse (the JavaScript peer) and our WASM build on the same
// 1,000-row file. papaparse only parses; ours parses and validates (header, duplicates,
// formula cells, lengths, UTF-8), so the comparison is conservative.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

import { measureSync } from './timing.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { importCategories } = await import(path.join(root, 'wasm/dist/index.mjs'));
export const benchFile = path.join(root, 'tests/fixtures/categories/bench-1000.csv');

export function runCategoriesBench({ quick = false } = {}) {
  const bytes = fs.readFileSync(benchFile);
  const text = bytes.toString('utf8');
  const opts = quick ? { minBatchUs: 2000, rounds: 3 } : {};
  const parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
  const ours = importCategories(bytes);
  if (parsed.data.length !== ours.imported) throw new Error(`papaparse read ${parsed.data.length} rows, we imported ${ours.imported}`);
  return {
    rows: ours.imported,
    bytes: bytes.length,
    papaparseUs: measureSync(() => Papa.parse(text, { header: true, skipEmptyLines: true }), opts),
    wasmUs: measureSync(() => importCategories(bytes), opts),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runCategoriesBench({ quick: process.argv.includes('--quick') }));
