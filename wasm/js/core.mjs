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

/** Frees a native object now (and forgets it), for loops that must not wait for the GC. */
export function free(owner, native) {
  registry?.unregister(owner);
  try { native.delete(); } catch { /* already freed */ }
}

/** Parses a core result (JSON text); throws the error it carries. */
export function unwrap(text, makeError) {
  const value = JSON.parse(text);
  if (value && typeof value === 'object' && value.error) throw makeError(value.error);
  return value;
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
  const heap = core.HEAPU8;
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

/**
 * Calls fn(pointer, length) with `input` (a string, UTF-8 encoded, or bytes) copied into the
 * WASM heap, and frees it afterwards. Large texts cross the boundary this way because
 * Embind's own string conversion copies byte by byte in JavaScript.
 */
export function withInput(input, fn) {
  const room = typeof input === 'string' ? input.length * 3 : input.length;
  const ptr = core._malloc(room + 1);
  try {
    return fn(ptr, writeText(input, ptr, room));
  } finally {
    core._free(ptr);
  }
}
