// Where the browser entries find the engine: fetched and stream-compiled from beside this
// file. The `new URL(…, import.meta.url)` is the form Vite, webpack 5, Rollup and Parcel
// recognise, so they ship the .wasm with the app. Its own module so that the JSONata drop-in
// needs nothing else of index.web.mjs.
import { setHost } from './core.mjs';

setHost({ defaultWasm: () => new URL('./ticketbridge-core.wasm', import.meta.url) });
