// Holds the two runtimes to identical answers: compares the outcome dumps of the native and
// the WASM conformance runners case by case (cases listed as nondeterministic are skipped:
// their values depend on the clock or on randomness).
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const [nativeFile, wasmFile, propertiesFile] = process.argv.slice(2);
const native = JSON.parse(fs.readFileSync(nativeFile, 'utf8'));
const wasm = JSON.parse(fs.readFileSync(wasmFile, 'utf8'));
const nondeterministic = new Set(
  (propertiesFile ? fs.readFileSync(propertiesFile, 'utf8') : '')
    .split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter(Boolean),
);
const ids = new Set([...Object.keys(native), ...Object.keys(wasm)]);
const differ = [];
for (const id of ids) {
  if (nondeterministic.has(id)) continue;
  if (!isDeepStrictEqual(native[id], wasm[id])) differ.push(id);
}
for (const id of differ.slice(0, 50)) {
  console.log(`${id}\n  native: ${JSON.stringify(native[id])?.slice(0, 300)}\n  wasm:   ${JSON.stringify(wasm[id])?.slice(0, 300)}`);
}
console.log(`${ids.size - differ.length} identical, ${differ.length} different`);
process.exitCode = differ.length === 0 ? 0 : 1;
