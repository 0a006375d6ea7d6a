// Loads the WebAssembly engine once per process / page. Emscripten 3.1.6's own Node loader
// uses __dirname and require(), which ES modules lack, and Node 20's global fetch makes it
// try fetch() on a file path; so in Node we read the .wasm bytes ourselves and hand them
// over. Browsers fetch and stream-compile the .wasm next to this file.
import createCore from './ticketbridge-core.mjs';

const isNode = typeof process === 'object' && typeof process.versions === 'object' && !!process.versions.node;

async function instantiate() {
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    const wasmBinary = await readFile(new URL('./ticketbridge-core.wasm', import.meta.url));
    return createCore({ wasmBinary });
  }
  return createCore({});
}

/** The Embind module: Config, Escalation, Expression classes and a few functions. */
export const core = await instantiate();

// Embind objects live in the WASM heap; free them when their JS wrapper is collected.
const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((native) => { try { native.delete(); } catch { /* already freed */ } })
  : null;

/** Ties a native object's lifetime to `owner`. */
export function own(owner, native) {
  registry?.register(owner, native, owner);
  return native;
}

/** Parses a core result (JSON text); throws the error it carries. */
export function unwrap(text, makeError) {
  const value = JSON.parse(text);
  if (value && typeof value === 'object' && value.error) throw makeError(value.error);
  return value;
}

const encoder = new TextEncoder();

/**
 * Calls fn(pointer, length) with `input` (a string, UTF-8 encoded, or bytes) copied into the
 * WASM heap, and frees it afterwards. Large texts cross the boundary this way because
 * Embind's own string conversion copies byte by byte in JavaScript.
 */
export function withInput(input, fn) {
  let ptr;
  let len;
  if (typeof input === 'string') {
    const max = input.length * 3;
    ptr = core._malloc(max + 1);
    len = encoder.encodeInto(input, core.HEAPU8.subarray(ptr, ptr + max)).written;
  } else {
    len = input.length;
    ptr = core._malloc(len + 1);
    core.HEAPU8.set(input, ptr);
  }
  try {
    return fn(ptr, len);
  } finally {
    core._free(ptr);
  }
}
