// Where `ticketbridge/jsonata` on Node finds its engine: the JSONata-only module
// (ticketbridge-jsonata.wasm) beside this file, unless the main entry is imported too, whose
// full engine then serves both (core.mjs). Loads this and the JSONata façade alone, not the
// escalation, store and HTTP modules index.mjs exports (each module costs Node time at start).
// The glue is imported when the load starts, alongside reading and compiling the .wasm.
import { offerEngine } from './core.mjs';
import { offerPictures } from './pictures.mjs';
import { besideModule } from './node-files.mjs';

offerEngine({
  full: false,
  glue: () => import('./ticketbridge-jsonata.mjs').then((glue) => glue.default),
  file: 'ticketbridge-jsonata.wasm',
  defaultWasm: () => besideModule('ticketbridge-jsonata.wasm'),
});
// The picture strings' module (pictures.mjs), read from beside this file when an expression needs it.
offerPictures({ file: 'ticketbridge-pictures.wasm', defaultWasm: () => besideModule('ticketbridge-pictures.wasm') });
