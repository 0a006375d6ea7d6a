// How the Node entries read the engine: the .wasm beside this file, from disk. Shared by the
// main entry (node-host.mjs) and `ticketbridge/jsonata` (node-host-jsonata.mjs), which differ
// only in the engine they offer.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setHost } from './core.mjs';

// A CommonJS bundle made from this module (esbuild --format=cjs, as serverless tooling does)
// has an empty import.meta; there the bundle's own file stands in, and the .wasm is looked
// for beside it.
function moduleUrl() {
  if (import.meta.url) return import.meta.url;
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : undefined;
}

/** The file: URL of `name` beside this module (undefined when this module has no location). */
export function besideModule(name) {
  const base = moduleUrl();
  return base === undefined ? undefined : new URL(`./${name}`, base);
}

setHost({
  readFile: (url) => readFile(url),
  describeFile: (url) => fileURLToPath(url),
  pathToUrl: (file) => pathToFileURL(path.resolve(file)),
});
