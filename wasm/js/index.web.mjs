// ticketbridge for browsers, workers and other non-Node hosts: the same API as index.mjs
// without fileStore, importing nothing from node:. Importing it starts fetching and
// stream-compiling ticketbridge-core.wasm from beside this file (web-host.mjs); `await init()`
// waits for that and starts the engine.
import './web-host.mjs';

export * from './exports.mjs';
