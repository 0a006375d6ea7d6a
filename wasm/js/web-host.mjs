// Where the main browser entry finds the engine: the full one, fetched and stream-compiled
// from beside this file. The `new URL(…, import.meta.url)` is the form Vite, webpack 5,
// Rollup and Parcel recognise, so they ship the .wasm with the app.
import createCore from './ticketbridge-core.mjs';
import { offerEngine } from './core.mjs';

offerEngine({
  full: true,
  create: createCore,
  file: 'ticketbridge-core.wasm',
  defaultWasm: () => new URL('./ticketbridge-core.wasm', import.meta.url),
});
