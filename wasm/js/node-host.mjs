// Where the main Node entries find the engine: the full one (ticketbridge-core.wasm) beside
// this file, read from disk. Its own module so that the entry's loader is all index.mjs adds
// to the façade.
import createCore from './ticketbridge-core.mjs';
import { offerEngine } from './core.mjs';
import { besideModule } from './node-files.mjs';

offerEngine({
  full: true,
  create: createCore,
  file: 'ticketbridge-core.wasm',
  defaultWasm: () => besideModule('ticketbridge-core.wasm'),
});
