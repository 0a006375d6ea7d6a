// ticketbridge for Node: hand an assistant conversation to the service desk as an ITSM ticket.
// The engine is C++ compiled to WebAssembly; this is its typed, thin façade. Call
// `await init()` once: it uses ticketbridge-core.wasm from beside this file, whose reading and
// compiling began at import (or the one given as init({ wasm })).
import './node-host.mjs';

export * from './exports.mjs';
export { fileStore } from './file-store.mjs';
