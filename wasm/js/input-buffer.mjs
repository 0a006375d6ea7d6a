// The heap buffer every evaluation's input and bindings are written into, and the writer of a
// JavaScript-object input under the expression's projection plan. The writer puts JSON text
// straight into the module's heap, byte by byte, instead of building a string and encoding it:
// the concatenated string had to be flattened and encoded on every call, which cost as much as
// writing it (docs/jsonata.md, "Projections").
import { core, outOfMemory } from './core.mjs';

// Evaluations are synchronous and never nested, so the buffer is free again when one returns.
// Kept between calls up to kKeep bytes; a larger one (a big response body) is released after
// its call.
const kKeep = 1 << 20;
const kMin = 4096;

/** The buffer's address in the heap (0: none yet). */
export let scratch = 0;
let size = 0;
let view = null;

/** Makes the buffer at least `bytes` long (its contents are not kept) and returns its address. */
export function reserve(bytes) {
  if (bytes > size) {
    release();
    const want = Math.max(bytes, kMin);
    const ptr = core._malloc(want);
    if (!ptr) throw outOfMemory(want);
    scratch = ptr;
    size = want;
  }
  return scratch;
}

function release() {
  if (scratch) core._free(scratch);
  scratch = 0;
  size = 0;
  view = null;
}

/** Frees the buffer after a call that needed more than kKeep bytes. */
export function releaseIfLarge() {
  if (size > kKeep) release();
}

const encoder = new TextEncoder();

/**
 * Writes `text` at the start of the buffer (reserved with 3 bytes per UTF-16 unit) and returns
 * its length in bytes. The byte view is kept between calls (a subarray per call was a
 * measurable part of a small evaluation); the module's memory may grow during any call, which
 * detaches it (its length becomes 0).
 */
export function writeTextInput(text) {
  reserve(text.length * 3 + 1);
  if (view === null || view.length === 0) view = new Uint8Array(core.HEAPU8.buffer, scratch, size);
  return encoder.encodeInto(text, view).written;
}

// The plan (from the engine's projection planner: true = the whole value, an object = those
// of its members, [object] = every key and those members' values, arrays transparent) as the
// writer walks it: per object, its members in an array, each with the UTF-8 bytes of its
// `"name":` made once per expression; a keys level is {keys: those members}.
// The plan never changes; the input may between calls, so nothing of the input is kept.
export function writerPlan(plan) {
  if (plan === true) return true;
  const fields = Array.isArray(plan) ? plan[0] : plan;
  const members = [];
  for (const key of Object.keys(fields)) {
    members.push({ key, prefix: encoder.encode(JSON.stringify(key) + ':'), sub: writerPlan(fields[key]) });
  }
  return Array.isArray(plan) ? { keys: members } : members;
}

/** Whether a writerPlan() has a keys level: it holds only while `$keys` is the built-in. */
export function readsKeys(members) {
  if (members === true) return false;
  if (!Array.isArray(members)) return true;
  return members.some((m) => readsKeys(m.sub));
}

// The write in progress: its own buffer (taken from `scratch` for the write, so that an
// evaluation run by a getter of the input cannot reuse or free it), a view of the heap, the
// next byte's address and the buffer's end.
let buf = 0;
let bufSize = 0;
let heap = null;
let pos = 0;
let end = 0;

// Room for `n` more bytes; every write starts here. The input's own code (a getter, toJSON, a
// Proxy trap) may call into the module and grow its memory, which detaches the view (its
// length becomes 0; addresses stay valid), so it is renewed before anything is written. An
// input that outgrows the buffer moves to one twice as large, with what is written so far
// copied over (walking the object again would call its getters twice).
function room(n) {
  if (heap.length === 0) heap = core.HEAPU8;
  if (pos + n <= end) return;
  const used = pos - buf;
  const want = Math.max(2 * bufSize, used + n + kMin);
  const ptr = core._malloc(want);
  if (!ptr) throw outOfMemory(want);
  heap = core.HEAPU8;
  heap.copyWithin(ptr, buf, buf + used);
  core._free(buf);
  buf = ptr;
  bufSize = want;
  pos = ptr + used;
  end = ptr + want;
}

function ascii(text) {
  room(text.length);
  for (let i = 0; i < text.length; i++) heap[pos++] = text.charCodeAt(i);
}

// Text JSON.stringify wrote (escapes done, so no lone surrogate), as UTF-8.
function encoded(text) {
  room(text.length * 3);
  pos += encoder.encodeInto(text, heap.subarray(pos, end)).written;
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

// What JSON.stringify writes for a string. A short one is copied as it is scanned and handed
// to JSON.stringify only if it holds anything but printable ASCII; a long one is checked by
// one regular expression and encoded whole.
function string(s) {
  const n = s.length;
  if (n <= 64) {
    room(n + 2);
    const start = pos;
    heap[pos++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) {
        pos = start;
        return encoded(JSON.stringify(s));
      }
      heap[pos++] = c;
    }
    heap[pos++] = 0x22;
    return;
  }
  if (NEEDS_ESCAPE.test(s)) return encoded(JSON.stringify(s));
  room(3 * n + 2);
  heap[pos++] = 0x22;
  pos += encoder.encodeInto(s, heap.subarray(pos, end)).written;
  heap[pos++] = 0x22;
}

// A value written whole, as JSON.stringify writes it as the member `key` of its holder; false
// when it writes nothing (undefined, functions, symbols, a toJSON() answering undefined).
// Plain objects of many members are walked here (`depth` levels deep at most): V8's
// JSON.stringify leaves its fast path for those (a 166,000-key answer took 1.6 times as long
// as this walk). Smaller objects, arrays, other objects and anything deeper are
// JSON.stringify's, which is faster on them and also finds cycles.
function whole(v, depth, key) {
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    if (typeof v.toJSON === 'function') {
      v = v.toJSON(String(key));  // an array index is passed as a number
      if (typeof v === 'object' && v !== null) return stringified(v);
    } else if (typeof v === 'object' && depth < kWalkDepth && !Array.isArray(v)) {
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) return wholeObject(v, depth + 1);
    }
  }
  switch (typeof v) {
    case 'string':
      string(v);
      return true;
    case 'number':
      ascii(v === v && v !== Infinity && v !== -Infinity ? '' + v : 'null');
      return true;
    case 'boolean':
      ascii(v ? 'true' : 'false');
      return true;
    case 'undefined':
    case 'function':
    case 'symbol':
      return false;
    default:
      if (v === null) {
        ascii('null');
        return true;
      }
      return stringified(v);  // arrays and other objects; BigInts throw, as in JSON.stringify
  }
}

function stringified(v) {
  const text = JSON.stringify(v);
  if (text === undefined) return false;
  encoded(text);
  return true;
}

// Deeper than this, a value is handed to JSON.stringify: a cycle then throws its TypeError
// instead of exhausting the stack, and no input is walked deeper than a host would nest it.
const kWalkDepth = 24;
// Fewer members than this, and JSON.stringify is faster (a ServiceNow record of 80 members
// took 5 % longer walked).
const kWalkMembers = 1000;

// Object.keys is JSON.stringify's list: own enumerable string keys, integer-like ones first
// in ascending order.
function wholeObject(v, depth) {
  const keys = Object.keys(v);
  if (keys.length < kWalkMembers) return stringified(v);
  room(1);
  heap[pos++] = 0x7b;  // '{'
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const member = v[key];
    const start = pos - buf;
    if (!first) {
      room(1);
      heap[pos++] = 0x2c;
    }
    string(key);
    room(1);
    heap[pos++] = 0x3a;  // ':'
    if (whole(member, depth, key)) first = false;
    else pos = buf + start;
  }
  room(1);
  heap[pos++] = 0x7d;  // '}'
  return true;
}

const isOwnEnumerable = Object.prototype.propertyIsEnumerable;  // what JSON.stringify writes
const isPlain = (v) => {
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof v.toJSON !== 'function';
};

// `value` holding only the members the expression can reach (`members`, from writerPlan). What
// it writes is what JSON.stringify writes of those members, so the answer is the one over the
// whole input; false when it writes nothing.
function projected(value, members, key) {
  if (typeof value !== 'object' || value === null) return whole(value, 0, key);
  if (Array.isArray(value)) {
    room(1);
    heap[pos++] = 0x5b;  // '['
    for (let i = 0; i < value.length; i++) {
      if (i) {
        room(1);
        heap[pos++] = 0x2c;  // ','
      }
      if (!projected(value[i], members, i)) ascii('null');  // as JSON.stringify writes holes and undefined
    }
    room(1);
    heap[pos++] = 0x5d;  // ']'
    return true;
  }
  if (!isPlain(value)) return whole(value, 0, key);
  if (!Array.isArray(members)) return keysOf(value, members.keys);
  room(1);
  heap[pos++] = 0x7b;  // '{'
  let first = true;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    if (!isOwnEnumerable.call(value, m.key)) continue;
    const member = value[m.key];
    // An offset, not an address: the buffer may move while the member is written.
    const start = pos - buf;
    const prefix = m.prefix;
    room(prefix.length + 1);
    if (!first) heap[pos++] = 0x2c;
    for (let k = 0; k < prefix.length; k++) heap[pos++] = prefix[k];
    if (m.sub === true ? whole(member, 0, m.key) : projected(member, m.sub, m.key)) first = false;
    else pos = buf + start;  // undefined, functions and symbols are left out, as JSON.stringify does
  }
  room(1);
  heap[pos++] = 0x7d;  // '}'
  return true;
}

// Whether JSON.stringify writes the member `key` holding `v` (it leaves out undefined,
// functions, symbols and what a toJSON() turns into one of those), reading the member as it
// does: each getter and toJSON runs once, and a BigInt throws its TypeError.
function written(v, key) {
  switch (typeof v) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return false;
    case 'object':
      if (v === null || typeof v.toJSON !== 'function') return true;
      break;
    case 'bigint':
      if (typeof v.toJSON !== 'function') JSON.stringify(v);  // throws
      break;
    default:
      return true;
  }
  const r = v.toJSON(key);
  if (typeof r === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  return r !== undefined && typeof r !== 'function' && typeof r !== 'symbol';
}

// A plain object under a keys level (`$keys(result)`): every member JSON.stringify writes, in
// Object.keys order (its own), with "" for its value (the engine's reader takes a member of a
// short key and string in one scan) unless `named` (a few members, compared
// one by one: hashing each fresh key string for a Map cost more) names it. Values are read only
// to see whether they are written.
function keysOf(value, named) {
  const keys = Object.keys(value);
  // Room for most of it at once: a huge object otherwise moves the buffer a doubling at a time.
  room(keys.length * 8 + 2);
  heap[pos++] = 0x7b;  // '{'
  let comma = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const member = value[key];
    let m;
    for (let k = 0; k < named.length; k++) {
      if (named[k].key === key) {
        m = named[k];
        break;
      }
    }
    if (m === undefined) {
      const t = typeof member;
      if (t !== 'string' && t !== 'number' && t !== 'boolean' && member !== null && !written(member, key)) continue;
      // `"key":""`, the key copied as it is scanned unless it needs escaping.
      const n = key.length;
      room(n + 6);
      const start = pos;
      if (comma) heap[pos++] = 0x2c;
      heap[pos++] = 0x22;
      let j = 0;
      for (; j < n; j++) {
        const c = key.charCodeAt(j);
        if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) break;
        heap[pos++] = c;
      }
      if (j < n) {
        pos = start + (comma ? 1 : 0);
        string(key);
        room(3);
      } else {
        heap[pos++] = 0x22;
      }
      heap[pos++] = 0x3a;  // ':'
      heap[pos++] = 0x22;
      heap[pos++] = 0x22;
      comma = true;
      continue;
    }
    const start = pos - buf;  // an offset: the buffer may move while the member is written
    room(1);
    if (comma) heap[pos++] = 0x2c;
    const prefix = m.prefix;
    room(prefix.length);
    for (let k = 0; k < prefix.length; k++) heap[pos++] = prefix[k];
    if (m.sub === true ? whole(member, 0, key) : projected(member, m.sub, key)) comma = true;
    else pos = buf + start;
  }
  room(1);
  heap[pos++] = 0x7d;  // '}'
  return true;
}

/** The length in bytes of the bindings the last writeObjectInput() wrote. */
export let bindingsLength = 0;

/**
 * Writes the JSON text of the object or array `value` under `members` (true: all of it) at
 * the start of the buffer, then `bindingsText` ('' for none) after it. Returns the input's length in bytes
 * (0: nothing to write).
 */
export function writeObjectInput(value, members, bindingsText) {
  // A write already in progress (this one runs inside a getter of its input) is set aside and
  // resumed afterwards.
  const outer = heap === null ? null : { buf, bufSize, heap, used: pos - buf };
  buf = reserve(kMin);
  bufSize = size;
  scratch = 0;
  size = 0;
  view = null;
  heap = core.HEAPU8;
  pos = buf;
  end = buf + bufSize;
  try {
    if (!(members === true ? whole(value, 0, '') : projected(value, members, ''))) pos = buf;
    const inputLength = pos - buf;
    if (bindingsText) encoded(bindingsText);
    bindingsLength = pos - buf - inputLength;
    return inputLength;
  } finally {
    // The buffer is the scratch again (one an evaluation inside a getter made is dropped).
    if (scratch) core._free(scratch);
    scratch = buf;
    size = bufSize;
    view = null;
    heap = null;
    if (outer) {
      buf = outer.buf;
      bufSize = outer.bufSize;
      heap = outer.heap;  // renewed by room() if this write grew the memory
      pos = buf + outer.used;
      end = buf + bufSize;
    }
  }
}
