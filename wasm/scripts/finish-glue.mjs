// Emscripten's ES-module glue reads import.meta.url only to find the .wasm itself, which it
// never does here (core.mjs passes instantiateWasm). Replacing it keeps the glue free of
// import.meta, which CommonJS bundles (esbuild --format=cjs, serverless tooling) cannot
// carry and warn about. Fails loudly if a new Emscripten uses import.meta differently. Safe
// to run twice.
import fs from 'node:fs';

const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const uses = text.split('import.meta.url').length - 1;
const others = text.split('import.meta').length - 1 - uses;
if (others > 0) {
  console.error(`finish-glue: ${file} uses import.meta in a way this script does not know`);
  process.exit(1);
}
// Its default .wasm location, `new URL("x.wasm", import.meta.url)`, would also make bundlers
// ship the .wasm a second time: the façade's own reference is the one they should see.
const located = text.replace(/new URL\("([^"]+)",(?:import\.meta\.url|undefined)\)\.toString\(\)/g, '"$1"');
fs.writeFileSync(file, located.replaceAll('import.meta.url', 'undefined'));
