// Turns what init() was given (bytes, a URL or string, a Response, a compiled Module, or
// nothing: the entry point's default) into a compiled WebAssembly.Module. Every failure is a
// TicketbridgeError whose message names what was tried and how to fix it, because the usual
// cause is a bundler that left the .wasm behind, and Emscripten's own message for that
// ("both async and sync fetching of the wasm failed") names neither.
import { TicketbridgeError } from './errors.mjs';

// The fix, naming the file the entry in use loads: ticketbridge-core.wasm for the main entry,
// ticketbridge-jsonata.wasm for `ticketbridge/jsonata`, ticketbridge-pictures.wasm for the
// pictures (pictures.mjs), and the option that takes it. Passed along, not kept: the pictures
// may load while an engine does.
const hintFor = (file, option) => `copy ${file} (ticketbridge/${file}) beside your bundle, `
  + `or pass its URL, bytes or a compiled WebAssembly.Module as ${option}`;

const fail = (code, message, tried) => new TicketbridgeError({ code, message, ...(tried ? { path: tried } : {}) });

const isBytes = (v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v);
const isResponse = (v) => typeof Response === 'function' ? v instanceof Response
  : !!v && typeof v.arrayBuffer === 'function' && typeof v.status === 'number';
// "https://…", "file:…", "data:…", "blob:…": a URL. A one-letter scheme is a Windows drive.
const hasScheme = (s) => /^[a-z][a-z0-9+.-]+:/i.test(s);

async function compileBytes(bytes, what, hint) {
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    throw fail('WASM_INVALID', `${what} is not a usable WebAssembly module (${err.message}); ${hint}`, what);
  }
}

async function compileResponse(response, what, hint) {
  if (!response.ok) {
    throw fail('WASM_LOAD_FAILED', `fetching ${what} answered HTTP ${response.status}; ${hint}`, what);
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
      throw fail('WASM_INVALID', `${what} is not a usable WebAssembly module (${err.message}); ${hint}`, what);
    }
  }
  let bytes;
  try {
    bytes = await response.arrayBuffer();
  } catch (err) {
    throw fail('WASM_LOAD_FAILED', `reading ${what} failed: ${err.message}`, what);
  }
  return compileBytes(bytes, what, hint);
}

async function compileUrl(url, host, hint) {
  const where = url.href;
  if (url.protocol === 'file:' && host.readFile) {
    let bytes;
    try {
      bytes = await host.readFile(url);
    } catch (err) {
      throw fail('WASM_NOT_FOUND', `could not read ${host.describeFile?.(url) ?? where} (${err.code ?? err.message}); ${hint}`, where);
    }
    return compileBytes(bytes, where, hint);
  }
  if (typeof globalThis.fetch !== 'function') {
    throw fail('WASM_LOAD_FAILED', `this host has no fetch() to load ${where}; ${hint}`, where);
  }
  let response;
  try {
    response = await globalThis.fetch(where);
  } catch (err) {
    throw fail('WASM_LOAD_FAILED', `could not fetch ${where} (${err.message}); ${hint}`, where);
  }
  return compileResponse(response, where, hint);
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
 * `file` is the .wasm the entry loads, named in the messages with `option`, what takes another.
 */
export async function compileWasm(given, host, file, option = 'init({ wasm })') {
  const hint = hintFor(file, option);
  const caller = option.replace(/\(\{.*\}\)$/, '()');  // init({ wasm }) -> init()
  let source = given;
  if (source && typeof source.then === 'function') source = await source;  // a fetch() promise
  if (source === undefined || source === null) {
    throw fail('WASM_NOT_FOUND', `no location for ${file} is known on this host; ${hint}`);
  }
  if (source instanceof WebAssembly.Module) return source;
  if (isBytes(source)) return compileBytes(source, `the bytes passed to ${caller}`, hint);
  // URLs and paths first: on Node, touching the global Response loads undici (compiling its
  // HTTP parser), a cost the default path, a file beside the module, has no need of.
  if (typeof source === 'string' || source instanceof URL) {
    let url;
    try {
      url = toUrl(source, host);
    } catch {
      throw fail('INIT_OPTIONS_INVALID', `${option} was given "${String(source)}", which is neither a URL nor a path`);
    }
    return compileUrl(url, host, hint);
  }
  if (isResponse(source)) return compileResponse(source, source.url || `the Response passed to ${caller}`, hint);
  throw fail('INIT_OPTIONS_INVALID',
    `${option} takes bytes (ArrayBuffer, Uint8Array), a URL or string, a Response or a WebAssembly.Module`);
}
