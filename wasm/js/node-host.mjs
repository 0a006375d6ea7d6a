// Where the Node entries find the engine: the .wasm beside this file, read from disk. Its own
// module so that `ticketbridge/jsonata` loads this and the JSONata façade alone, not the
// escalation, store and HTTP modules index.mjs exports (each module costs Node time at start).
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

setHost({
  defaultWasm: () => {
    const base = moduleUrl();
    return base === undefined ? undefined : new URL('./ticketbridge-core.wasm', base);
  },
  readFile: (url) => readFile(url),
  describeFile: (url) => fileURLToPath(url),
  pathToUrl: (file) => pathToFileURL(path.resolve(file)),
});
