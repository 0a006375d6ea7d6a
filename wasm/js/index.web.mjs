// ticketbridge for browsers, workers and other non-Node hosts: the same API as index.mjs
// without fileStore, importing nothing from node:. Importing it fetches nothing (web-host.mjs,
// core.mjs say why); `await init()` fetches and stream-compiles ticketbridge-core.wasm from
// beside this file, or takes the response of a page's preload of it, and starts the engine.
import './web-host.mjs';

export * from './exports.mjs';
