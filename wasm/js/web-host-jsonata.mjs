// Where `ticketbridge/jsonata` in browsers and workers finds its engine: the JSONata-only
// module, fetched from beside this file at the first evaluate (the
// bundler-recognised `new URL(…, import.meta.url)` names ticketbridge-jsonata.wasm only, so a
// page that uses only the drop-in ships and downloads the small module). With the main entry
// in the same page its full engine serves both, and is the only one fetched (core.mjs).
import createJsonata from './ticketbridge-jsonata.mjs';
import { offerEngine } from './core.mjs';
import { offerPictures } from './pictures.mjs';

offerEngine({
  full: false,
  glue: () => createJsonata,
  early: false,  // nothing fetched at import (core.mjs says why)
  file: 'ticketbridge-jsonata.wasm',
  defaultWasm: () => new URL('./ticketbridge-jsonata.wasm', import.meta.url),
});
// The picture strings' module (pictures.mjs), fetched from beside this file only when an
// expression needs it; the same bundler-recognised form ships it with the app.
offerPictures({ file: 'ticketbridge-pictures.wasm', defaultWasm: () => new URL('./ticketbridge-pictures.wasm', import.meta.url) });
