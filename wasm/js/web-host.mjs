// Where the main browser entry finds the engine: the full one, fetched and stream-compiled
// from beside this file when init() runs (core.mjs: nothing is fetched at import). The
// `new URL(…, import.meta.url)` is the form Vite, webpack 5, Rollup and Parcel recognise, so
// they ship the .wasm with the app.
import createCore from './ticketbridge-core.mjs';
import { offerEngine } from './core.mjs';
import { offerPictures } from './pictures.mjs';

offerEngine({
  full: true,
  glue: () => createCore,
  early: false,  // nothing fetched at import (core.mjs says why)
  file: 'ticketbridge-core.wasm',
  defaultWasm: () => new URL('./ticketbridge-core.wasm', import.meta.url),
});
// The picture strings' module (pictures.mjs), fetched from beside this file only when an
// expression needs it; the same bundler-recognised form ships it with the app.
offerPictures({ file: 'ticketbridge-pictures.wasm', defaultWasm: () => new URL('./ticketbridge-pictures.wasm', import.meta.url) });
