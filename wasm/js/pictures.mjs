// The picture strings of $formatNumber, $formatInteger, $parseInteger, $fromMillis, $toMillis
// and $now live in a third module, ticketbridge-pictures.wasm, that neither engine carries: a
// page or process loads it only when an expression names one of them (or the host asks for it
// up front), so the engine a widget downloads is smaller by that much (docs/hosting.md,
// "Pictures and dates"). The engine calls the pictures synchronously, through
// Module.tbPictures (wasm/src/remote_pictures.cpp): an import may call another instance's
// export synchronously, so a call is two copies of a short message between the memories.
// Loading is asynchronous, so every asynchronous path loads it first when what it is about to
// evaluate needs it (needsPictures); a synchronous evaluation that reaches a picture without
// it fails with PICTURES_NOT_LOADED, never with a different answer.
import { compileFromHost, onReady } from './core.mjs';
import { TicketbridgeError } from './errors.mjs';

// Names as the expression writes them. Builtins are reached only through their `$name`
// (identifiers have no escapes), so text without these never calls a picture; text with them
// in a string literal loads the module needlessly, which costs time, never an answer.
const PICTURE_CALL = /\$(?:formatNumber|formatInteger|parseInteger|fromMillis|toMillis|now)(?![A-Za-z0-9_])/;

/** Whether JSONata text may call a picture function (and so needs the pictures module). */
export function needsPictures(text) {
  return PICTURE_CALL.test(text);
}

// Where the host modules say the pictures module lives ({file, defaultWasm()}).
let source = null;
/** Called by the entries' host modules (node-host*.mjs, web-host*.mjs). */
export function offerPictures(offer) { source ??= offer; }

let exports = null;   // the instance's exports once loaded
let loading = null;

/** Whether the pictures module is loaded. */
export function picturesLoaded() { return exports !== null; }

// What the module borrows from the host: Math.pow (wasm/src/pictures_math.cpp).
const HOST = { tb: { tb_math_pow: Math.pow } };

// Imports the module may name: the host's functions above, and a standalone build's WASI and
// Emscripten hooks, none of which is reached by the pictures, which do no I/O; the
// memory-growth notice is the only one called.
function importsOf(module) {
  const imports = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') continue;
    if (HOST[from]?.[name]) {
      (imports[from] ??= {})[name] = HOST[from][name];
      continue;
    }
    // A throw here is caught by call() and reported as PICTURES_INTERNAL.
    (imports[from] ??= {})[name] = name === 'emscripten_notify_memory_growth' ? () => {} : () => {
      throw new Error(`it called ${from}.${name}`);
    };
  }
  return imports;
}

async function load(given) {
  if (!source && given == null) {
    throw new TicketbridgeError({ code: 'NOT_INITIALISED', message: 'no pictures module was offered: import the package through one of its entries' });
  }
  const module = await compileFromHost(given ?? source.defaultWasm(), source?.file ?? 'ticketbridge-pictures.wasm',
    'loadPictures({ wasm })');
  let instance;
  try {
    instance = await WebAssembly.instantiate(module, importsOf(module));
  } catch (err) {
    throw new TicketbridgeError({ code: 'WASM_INSTANTIATE_FAILED', message: `the pictures module could not start: ${err?.message ?? err}` });
  }
  const e = instance.exports;
  if (typeof e.tbp_call !== 'function' || typeof e.tbp_buffer !== 'function' || !(e.memory instanceof WebAssembly.Memory)) {
    throw new TicketbridgeError({ code: 'WASM_INSTANTIATE_FAILED', message: 'the module given as the pictures module is a different one (it has no tbp_call)' });
  }
  e._initialize?.();  // a reactor's static constructors
  exports = e;
}

/**
 * Loads the pictures module (once; later calls share the load). options.wasm: its bytes, URL,
 * Response or compiled module, by default ticketbridge-pictures.wasm beside the package's
 * files. A failure rejects with a TicketbridgeError (WASM_*) and a later call tries again.
 */
export function loadPictures(options = {}) {
  if (exports) return Promise.resolve();
  if (!loading) {
    loading = load(options?.wasm).catch((err) => {
      loading = null;
      throw err instanceof TicketbridgeError ? err
        : new TicketbridgeError({ code: 'WASM_INSTANTIATE_FAILED', message: `the pictures module could not start: ${err?.message ?? err}` });
    });
  }
  return loading;
}

// An error answer in the wire format (wasm/src/pictures_wire.hpp: kError, code, message,
// position -1, no token, no value), for failures on this side of the crossing.
function errorReply(code, message) {
  const texts = [code, message].map((t) => new TextEncoder().encode(t));
  const bytes = new Uint8Array(1 + texts[0].length + texts[1].length + 4 * 4 + 8 + 1);
  const view = new DataView(bytes.buffer);
  let at = 0;
  bytes[at++] = 5;
  for (const t of texts) { view.setUint32(at, t.length, true); bytes.set(t, at + 4); at += 4 + t.length; }
  view.setFloat64(at, -1, true);
  return bytes;  // the rest (empty token, not literal, empty value) is zeros
}

// Views of the pictures module's memory, made again only when it has grown (a new buffer).
let bytes = null;
let words = null;
function views() {
  if (bytes === null || bytes.buffer !== exports.memory.buffer) {
    bytes = new Uint8Array(exports.memory.buffer);
    words = new Uint32Array(exports.memory.buffer);
  }
}

// The reply of the last call when it did not fit the engine's buffer: {from, at, length}.
let pending = null;

// Copies `length` bytes; the messages are tens of bytes, where a loop beats subarray() + set().
function copy(from, at, to, out, length) {
  if (length > 64) {
    to.set(from.subarray(at, at + length), out);
    return;
  }
  for (let i = 0; i < length; i++) to[out + i] = from[at + i];
}

// Hands a reply to the engine: into its buffer at `out` when it fits in `cap`, else kept for
// tbPicturesCopy. Answers its length.
function give(heap, from, at, length, out, cap) {
  if (length <= cap) copy(from, at, heap, out, length);
  else pending = { from, at, length };
  return length;
}

// One call, made by the engine (wasm/src/remote_pictures.cpp): the request at `request` in the
// engine's memory `heap` copied into the pictures module's, run, and the reply handed back. A
// trap in the pictures module must not unwind through the engine's frames (it would leave its
// evaluation half-done): it becomes an error answer, and the module, whose state is then
// unknown, is not called again.
function call(heap, request, length, out, cap) {
  if (broken) return giveError(heap, 'PICTURES_INTERNAL', broken, out, cap);
  try {
    const at = exports.tbp_buffer(length);
    if (!at && length) return giveError(heap, 'JSONATA_MEMORY_LIMIT', 'out of memory in the pictures module', out, cap);
    views();
    copy(heap, request, bytes, at, length);
    const record = exports.tbp_call(length) >>> 2;
    views();
    return give(heap, bytes, words[record], words[record + 1], out, cap);
  } catch (err) {
    broken = `the pictures module failed (${err?.message ?? err}); load the page or process again`;
    return giveError(heap, 'PICTURES_INTERNAL', broken, out, cap);
  }
}
let broken = '';

function giveError(heap, code, message, out, cap) {
  const reply = errorReply(code, message);
  return give(heap, reply, 0, reply.length, out, cap);
}

function copyPending(heap, out) {
  const { from, at, length } = pending;
  pending = null;
  copy(from, at, heap, out, length);
}

onReady((engine) => {
  engine.tbPictures = (heap, request, length, out, cap) => (exports ? call(heap, request, length, out, cap) : -1);
  engine.tbPicturesCopy = copyPending;
});
