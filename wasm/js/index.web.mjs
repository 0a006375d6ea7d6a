// ticketbridge for browsers, workers and other non-Node hosts: the same API as index.mjs
// without fileStore, importing nothing from node:. `await init()` fetches and stream-compiles
// ticketbridge-core.wasm from beside this file (web-host.mjs).
import './web-host.mjs';

export * from './exports.mjs';
