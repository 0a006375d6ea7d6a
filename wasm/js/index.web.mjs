// ticketbridge for browsers, workers and other non-Node hosts: the same API as index.mjs
// without fileStore, importing nothing from node:. `await init()` fetches and stream-compiles
// ticketbridge-core.wasm from beside this file; the `new URL(…, import.meta.url)` below is
// the form Vite, webpack 5, Rollup and Parcel recognise, so they ship the .wasm with the app.
import { setHost } from './core.mjs';

setHost({ defaultWasm: () => new URL('./ticketbridge-core.wasm', import.meta.url) });

export * from './exports.mjs';
