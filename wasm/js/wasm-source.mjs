// Turns what init() was given (bytes, a URL or string, a Response, a compiled Module, or
// nothing: the entry point's default) into a compiled WebAssembly.Module. Every failure is a
// TicketbridgeError whose message names what was tried and how to fix it, because the usual
// cause is a bundler that left the .wasm behind, and Emscripten's own message for that
// ("both async and sync fetching of the wasm failed") names neither.
import { TicketbridgeError } from './errors.mjs';

// The fix, naming the file the entry in use loads: ticketbridge-core.wasm for the main entry,
// ticketbridge-jsonata.wasm for `ticketbridge/jsonata`.
const hintFor = (file) => `copy ${file} (ticketbridge/${file}) beside your bundle, `
  + 'or pass its URL, bytes or a compiled WebAssembly.Module as init({ wasm })';
let HINT = '';

const fail = (code, message, tried) => new TicketbridgeError({ code, message, ...(tried ? { path: tried } : {}) });

const isBytes = (v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v);
const isResponse = (v) => typeof Response === 'function' ? v instanceof Response
  : !!v && typeof v.arrayBuffer === 'function' && typeof v.status === 'number';
// "https://…", "file:…", "data:…", "blob:…": a URL. A one-letter scheme is a Windows drive.
const hasScheme = (s) => /^[a-z][a-z0-9+.-]+:/i.test(s);

async function compileBytes(bytes, what) {
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    throw fail('WASM_INVALID', `${what} is not a usable WebAssembly module (${err.message}); ${HINT}`, what);
  }
}

async function compileResponse(response, what) {
  if (!response.ok) {
    throw fail('WASM_LOAD_FAILED', `fetching ${what} answered HTTP ${response.status}; ${HINT}`, what);
  }
  if (response.bodyUsed) throw fail('WASM_LOAD_FAILED', `the Response for ${what} was already read`, what);
  // Streaming compilation (while the bytes arrive) needs the application/wasm type; a server
  // that sends another gets the fallback, compiling from the bytes. Decided from the header
  // rather than by trying: a failed attempt would need a clone of the body, and an abandoned
  // clone keeps its connection (and Node 18) alive.
  const type = response.headers?.get?.('content-type') ?? '';
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\s*(;|$)/i.test(type)) {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (err) {
      throw fail('WASM_INVALID', `${what} is not a usable WebAssembly module (${err.message}); ${HINT}`, what);
    }
  }
  let bytes;
  try {
    bytes = await response.arrayBuffer();
  } catch (err) {
    throw fail('WASM_LOAD_FAILED', `reading ${what} failed: ${err.message}`, what);
  }
  return compileBytes(bytes, what);
}

async function compileUrl(url, host) {
  const where = url.href;
  if (url.protocol === 'file:' && host.readFile) {
    let bytes;
    try {
      bytes = await host.readFile(url);
    } catch (err) {
      throw fail('WASM_NOT_FOUND', `could not read ${host.describeFile?.(url) ?? where} (${err.code ?? err.message}); ${HINT}`, where);
    }
    return compileBytes(bytes, where);
  }
  if (typeof globalThis.fetch !== 'function') {
    throw fail('WASM_LOAD_FAILED', `this host has no fetch() to load ${where}; ${HINT}`, where);
  }
  let response;
  try {
    response = await globalThis.fetch(where);
  } catch (err) {
    throw fail('WASM_LOAD_FAILED', `could not fetch ${where} (${err.message}); ${HINT}`, where);
  }
  return compileResponse(response, where);
}

function toUrl(source, host) {
  if (source instanceof URL) return source;
  if (hasScheme(source)) return new URL(source);
  // A path: a file on hosts that read files, else relative to the page.
  if (host.pathToUrl) return host.pathToUrl(source);
  return new URL(source, globalThis.location?.href ?? globalThis.document?.baseURI);
}

/**
 * The compiled engine module from init()'s `wasm` option (or the entry point's default);
 * `file` is the .wasm the entry loads, named in the messages.
 */
export async function compileWasm(given, host, file) {
  HINT = hintFor(file);
  let source = given;
  if (source && typeof source.then === 'function') source = await source;  // a fetch() promise
  if (source === undefined || source === null) {
    throw fail('WASM_NOT_FOUND', `no location for ${file} is known on this host; ${HINT}`);
  }
  if (source instanceof WebAssembly.Module) return source;
  if (isBytes(source)) return compileBytes(source, 'the bytes passed to init()');
  // URLs and paths first: on Node, touching the global Response loads undici (compiling its
  // HTTP parser), a cost the default path, a file beside the module, has no need of.
  if (typeof source === 'string' || source instanceof URL) {
    let url;
    try {
      url = toUrl(source, host);
    } catch {
      throw fail('INIT_OPTIONS_INVALID', `init({ wasm }) was given "${String(source)}", which is neither a URL nor a path`);
    }
    return compileUrl(url, host);
  }
  if (isResponse(source)) return compileResponse(source, source.url || 'the Response passed to init()');
  throw fail('INIT_OPTIONS_INVALID',
    'init({ wasm }) takes bytes (ArrayBuffer, Uint8Array), a URL or string, a Response or a WebAssembly.Module');
}
