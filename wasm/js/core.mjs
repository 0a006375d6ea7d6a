// The WebAssembly engine, loaded once per process / page. On Node, importing an entry starts
// reading and compiling the default .wasm, and importing its glue, in the background
// (startEarly below), so that work overlaps whatever the host does before init() or the
// drop-in's first evaluate; nothing waits on it at import (no top-level await) and a failure
// surfaces only there, as the coded error init() would have given. init({ wasm }) from
// elsewhere ignores it. Browsers and workers load nothing at import: a fetch there is a network
// request the page did not ask for (a second download of the engine, or a 404 and a CSP report,
// where the page serves the .wasm from elsewhere); a page starts the download early with a
// preload link instead (docs/hosting.md). Until init() settles, `core` is a stand-in whose every property
// throws NOT_INITIALISED, so calls made too early fail with a code instead of a TypeError
// deep inside a wrapper.
// This module holds the engine but names no glue: the entries offer one (offerEngine), the
// main entry the full engine (ticketbridge-core), `ticketbridge/jsonata` the JSONata-only one
// (ticketbridge-jsonata), so a bundle of the drop-in alone never carries the full glue, and a
// program with both entries loads the full engine once and the drop-in uses it.
import { TicketbridgeError, errorFromCore } from './errors.mjs';
import { compileWasm } from './wasm-source.mjs';

const notReady = new Proxy({}, {
  get(_, name) {
    throw new TicketbridgeError({
      code: 'NOT_INITIALISED',
      message: `the engine is not loaded yet (used ${String(name)}): call \`await init()\` once before using the package`,
    });
  },
});

/** The loaded Emscripten module: its plain exports (`_tb_*`, wrapped by native-jsonata.mjs and native-core.mjs) and heap. */
export let core = notReady;

// The engines the imported entries offered ({glue, file, defaultWasm}), and which one was
// loaded. The full one wins: it serves the JSONata façade too.
const engines = { full: null, jsonata: null };
let loadedFull = false;

// The load started at import ({engine, parts}), taken by the first load() that wants the
// default .wasm of that engine.
let early = null;
let earlyQueued = false;

/**
 * Called by the entries' host modules: `full` (the whole engine) or not (JSONata only),
 * `glue()` the Emscripten glue's factory (or a promise of it), `file` the .wasm's name (for
 * messages) and `defaultWasm()` where it lives when init() is given nothing.
 */
export function offerEngine(engine) {
  engines[engine.full ? 'full' : 'jsonata'] = engine;
  if (engine.early === false) return;  // the browser hosts
  // Started in a microtask, which runs once the whole static import graph has been
  // evaluated: a program or bundle importing both entries has offered both by then, and
  // only the full engine is read and compiled.
  if (!earlyQueued) {
    earlyQueued = true;
    queueMicrotask(startEarly);
  }
}

function startEarly() {
  earlyQueued = false;
  const engine = engines.full ?? engines.jsonata;
  // Already loading (init() was called during the import) or loaded: nothing to start. A
  // browser engine (the full one, with the drop-in's Node host also in the program) neither.
  if (engine.early === false || loading || core !== notReady || early?.engine === engine) return;
  early = { engine, parts: startLoad(engine, undefined) };
  // Nobody may ever call init(): the failure is kept for it, never reported as unhandled.
  early.parts.catch(() => {});
}

// The version and the sizes the core enforces (host_limits.hpp), read once at load so no
// module here keeps its own copy of them.
let limits = null;

/**
 * {version, maxResponseBytes, maxConversationBytes, testCallTimeoutMs} from the engine;
 * throws NOT_INITIALISED before init().
 */
export function hostLimits() {
  if (limits) return limits;
  if (core !== notReady) throw jsonataOnly();
  return core.limits;  // the stand-in throws NOT_INITIALISED
}

// What the Node entries supply: how to read a file: URL.
const host = { readFile: null };
export function setHost(entry) { Object.assign(host, entry); }

/**
 * compileWasm with this host's way of reading files: for the pictures module (pictures.mjs),
 * which loads apart from the engine. `option` names what takes its location, for messages.
 */
export function compileFromHost(given, file, option) {
  return compileWasm(given, host, file, option);
}

const readyHooks = [];
/** Runs `fn(core, initOptions)` once the engine is loaded (at once if it already is). */
export function onReady(fn) {
  readyHooks.push(fn);
  if (core !== notReady) fn(core, {});
}

let loading = null;

// The two halves of a load that need not wait for each other: the compiled module (V8
// compiles on background threads) and the glue's factory (the Node entries import the glue
// only now, so its parsing overlaps the compilation instead of preceding it).
// `given`: init()'s `wasm` option; null or undefined for the entry's default. Async, so that
// whatever fails (even finding the default location) is a rejection, never a throw.
async function startLoad(engine, given) {
  return Promise.all([compileWasm(given ?? engine.defaultWasm(), host, engine.file), engine.glue()]);
}

async function load(options) {
  const engine = engines.full ?? engines.jsonata;
  if (!engine) throw new TicketbridgeError({ code: 'NOT_INITIALISED', message: 'no engine was offered: import the package through one of its entries' });
  // The load started at import, when it is of this engine and of its default .wasm; taken
  // once, so a later init() after a failure starts afresh.
  const started = options.wasm == null && early?.engine === engine ? early.parts : null;
  early = null;
  const [module, create] = await (started ?? startLoad(engine, options.wasm));
  // Emscripten 3.1.6 would fetch or read the .wasm itself (and with Node 20's global fetch
  // it tries fetch() on a file path); handing it the compiled module leaves it nothing to find.
  const instance = await new Promise((resolve, reject) => {
    create({
      locateFile: (name) => name,  // never used to load anything; keeps the glue from resolving a URL
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(module, imports).then((inst) => receive(inst, module)).catch(reject);
        return {};  // exports arrive through receive()
      },
    }).then(resolve, reject);
  });
  if (engine.full) limits = unwrap(recordText(instance, instance._tb_limits()));
  loadedFull = !!engine.full;
  core = instance;
  for (const fn of readyHooks) fn(core, options);
  return core;
}

/**
 * Loads the engine; resolves when the package is usable. Safe to call many times (later
 * calls share the first load). options.wasm: the .wasm as bytes, a URL or string, a fetch
 * Response (or a promise of one) or a compiled WebAssembly.Module; by default the file beside
 * this module. options.warmUp (default true): run one small evaluation before resolving, so
 * the engine's code is compiled then rather than on the host's first call. A failed load
 * rejects with a TicketbridgeError (WASM_*) naming what was tried, and a later init() may try
 * again.
 */
export function init(options = {}) {
  if (core !== notReady) return Promise.resolve();
  if (!loading) {
    loading = load(options ?? {}).then(() => undefined, (err) => {
      loading = null;
      throw err instanceof TicketbridgeError ? err
        : new TicketbridgeError({ code: 'WASM_INSTANTIATE_FAILED', message: `the engine could not start: ${err?.message ?? err}` });
    });
  }
  return loading;
}

/** Whether init() has completed. */
export function isInitialised() { return core !== notReady; }

// The main entry imported after `ticketbridge/jsonata` had loaded the JSONata-only engine:
// its objects live in that engine's memory, so it cannot be swapped for the full one.
function jsonataOnly() {
  return new TicketbridgeError({
    code: 'WASM_JSONATA_ONLY',
    message: 'the JSONata-only engine (ticketbridge-jsonata.wasm) is loaded because ticketbridge/jsonata was used '
      + 'before the main entry was imported; import \'ticketbridge\' before the first evaluation (statically, or '
      + 'dynamically before it) so the one engine loaded is the full one',
  });
}

/**
 * The main entry's init(): loads the engine like init(), and rejects with WASM_JSONATA_ONLY
 * when the engine that is loaded is the JSONata-only one.
 */
export function initFull(options = {}) {
  const settled = init(options);
  // Calls made while one load is under way share one promise, as init()'s do.
  if (settled !== fullFrom) {
    fullFrom = settled;
    full = settled.then(() => { if (!loadedFull) throw jsonataOnly(); });
  }
  return full;
}
let fullFrom = null;
let full = null;

/**
 * Whether the loaded engine is the full one (false before init() and with the JSONata-only
 * one): the main entry's isInitialised().
 */
export function isFullyInitialised() { return loadedFull; }

// Native objects (native-jsonata.mjs's and native-core.mjs's) live in the WASM heap; free them
// when their JS wrapper is collected.
const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((native) => { try { native.delete(); } catch { /* already freed */ } })
  : null;

/** Ties a native object's lifetime to `owner`. */
export function own(owner, native) {
  registry?.register(owner, native, owner);
  return native;
}

/** Frees a native object now (and forgets it), for loops that must not wait for the GC. */
export function free(owner, native) {
  registry?.unregister(owner);
  try { native.delete(); } catch { /* already freed */ }
}

/**
 * Decodes a reply of the engine, the one shape every call across the boundary answers with
 * (ticketbridge/reply.hpp): {"ok":true,"value":...} gives the value; {"ok":false,"error":{code,
 * message, ...}} is thrown as `makeError(error)` (by default the Error subclass of its code's
 * family).
 */
export function unwrap(text, makeError = errorFromCore) {
  const reply = JSON.parse(text);
  if (reply.ok === true) return reply.value;
  throw makeError(reply.error);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Writes `text` (a string, UTF-8 encoded, or bytes) into the WASM heap at `at`, where `room`
 * bytes are free (3 per UTF-16 unit suffice); returns the length in bytes.
 */
export function writeText(text, at, room) {
  if (typeof text === 'string') {
    // Short ASCII text is copied in a loop: encodeInto, and the subarray it needs, cost more.
    if (text.length <= 64) {
      const heap = core.HEAPU8;
      let i = 0;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        heap[at + i] = c;
      }
      if (i === text.length) return i;
    }
    return encoder.encodeInto(text, core.HEAPU8.subarray(at, at + room)).written;
  }
  core.HEAPU8.set(text, at);
  return text.length;
}

/** The UTF-8 text at (ptr, len) in the WASM heap as a string. */
export function readText(ptr, len) {
  return textIn(core.HEAPU8, ptr, len);
}

function textIn(heap, ptr, len) {
  // Short answers decode faster in a loop than through TextDecoder, whose fixed cost per call
  // is larger than the work.
  if (len > 64) return decoder.decode(heap.subarray(ptr, ptr + len));
  let s = '';
  for (let i = ptr, end = ptr + len; i < end; i++) {
    const b = heap[i];
    if (b >= 0x80) return decoder.decode(heap.subarray(ptr, ptr + len));
    s += String.fromCharCode(b);
  }
  return s;
}

// The text of a {pointer, length} record a module left in its heap (wasm/src/heap_io.hpp).
function recordText(module, record) {
  const words = module.HEAPU32;
  const at = record >>> 2;
  return textIn(module.HEAPU8, words[at], words[at + 1]);
}

/**
 * The text of the {pointer, length} record at `record`, where every plain export that answers
 * with text leaves it (wasm/src/heap_io.hpp): read whole by TextDecoder, where Embind's string
 * return copied a reply byte by byte in JavaScript (a rendered request is 6 KB, an import
 * report 15 KB for 1,000 rows).
 */
export function heapReply(record) {
  return recordText(core, record);
}

/** The coded error for an input the module has no memory for. */
export function outOfMemory(bytes) {
  return errorFromCore({ code: 'JSONATA_MEMORY_LIMIT', message: `the engine has no room for an input of ${bytes} bytes` });
}

/**
 * Calls fn(pointer, length) with `input` (a string, UTF-8 encoded, or bytes) copied into the
 * WASM heap, and frees it afterwards.
 */
export function withInput(input, fn) {
  const room = typeof input === 'string' ? input.length * 3 : input.length;
  const ptr = core._malloc(room + 1);
  // 0 is the module saying no: writing there would overwrite the heap's first bytes.
  if (!ptr) throw outOfMemory(room + 1);
  try {
    return fn(ptr, writeText(input, ptr, room));
  } finally {
    core._free(ptr);
  }
}

const isText = (arg) => typeof arg === 'string' || arg instanceof Uint8Array;

/**
 * Calls the plain export `fn` with `args`, each text among them (a string, UTF-8 encoded, or
 * bytes) replaced by its (pointer, length) in the heap, all in one allocation freed
 * afterwards; other arguments (addresses, numbers) are passed as they are. Answers the text of
 * the reply record `fn` returns (heapReply).
 */
export function callWithTexts(fn, ...args) {
  return heapReply(callWithTextsAt(fn, ...args));
}

/** callWithTexts for an export that answers an address of its own kind: what `fn` returns. */
export function callWithTextsAt(fn, ...args) {
  let room = 1;
  for (const arg of args) if (isText(arg)) room += typeof arg === 'string' ? arg.length * 3 : arg.length;
  const ptr = core._malloc(room);
  // 0 is the module saying no: writing there would overwrite the heap's first bytes.
  if (!ptr) throw outOfMemory(room);
  try {
    const flat = [];
    let at = ptr;
    for (const arg of args) {
      if (isText(arg)) {
        const length = writeText(arg, at, ptr + room - at);
        flat.push(at, length);
        at += length;
      } else {
        flat.push(arg);
      }
    }
    return fn(...flat);
  } finally {
    core._free(ptr);
  }
}
