// Where the main browser entry finds the engine: the full one, fetched and stream-compiled
// from beside this file, starting as soon as the entry is imported (core.mjs). The
// `new URL(…, import.meta.url)` is the form Vite, webpack 5, Rollup and Parcel recognise, so
// they ship the .wasm with the app.
import createCore from './ticketbridge-core.mjs';
import { offerEngine } from './core.mjs';

offerEngine({
  full: true,
  glue: () => createCore,
  file: 'ticketbridge-core.wasm',
  defaultWasm: () => new URL('./ticketbridge-core.wasm', import.meta.url),
});
