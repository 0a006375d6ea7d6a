// ticketbridge for Node: hand an assistant conversation to the service desk as an ITSM ticket.
// The engine is C++ compiled to WebAssembly; this is its typed, thin façade. Call
// `await init()` once: it reads ticketbridge-core.wasm from beside this file (or from
// init({ wasm })).
import './node-host.mjs';

export * from './exports.mjs';
export { fileStore } from './file-store.mjs';
