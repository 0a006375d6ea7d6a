// Where the package under test lives, for suites that must not load the engine at import
// (support.mjs loads the full one, which would serve `ticketbridge/jsonata` too and hide
// whether the drop-in loads its own, smaller module).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dist = path.join(root, 'wasm', 'dist');
