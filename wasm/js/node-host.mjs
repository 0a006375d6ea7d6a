// Where the main Node entries find the engine: the full one (ticketbridge-core.wasm) beside
// this file, read from disk. Its own module so that the entry's loader is all index.mjs adds
// to the façade. The glue is imported when the load starts (core.mjs), not with the entry:
// Node then parses it while the .wasm is read and compiled, instead of before.
import { offerEngine } from './core.mjs';
import { offerPictures } from './pictures.mjs';
import { besideModule } from './node-files.mjs';

offerEngine({
  full: true,
  glue: () => import('./ticketbridge-core.mjs').then((glue) => glue.default),
  file: 'ticketbridge-core.wasm',
  defaultWasm: () => besideModule('ticketbridge-core.wasm'),
});
// The picture strings' module (pictures.mjs), read from beside this file when an expression needs it.
offerPictures({ file: 'ticketbridge-pictures.wasm', defaultWasm: () => besideModule('ticketbridge-pictures.wasm') });
