// Reads the engine's answers: compact JSON text in the module's heap, turned into the JS value
// JSON.parse would give. Most answers are short (a number, a word, a small array), and for
// those building the text as a string and handing it to JSON.parse costs more than the
// evaluation did, so they are read straight from the bytes. Anything else (objects, escapes,
// non-ASCII text, long or deep answers) goes to JSON.parse whole, so a value never depends on
// which path read it. Objects stay with JSON.parse: a host evaluating many expressions sees
// many object shapes, and property stores over many shapes are slower than its parser.
import { readText } from './core.mjs';

const kShort = 128;  // longer answers: JSON.parse's own scanner is faster than a JS loop
const kDepth = 16;

let heap = null;
let at = 0;
let end = 0;
const GIVE_UP = Symbol('not a short answer');

// Strings up to 64 bytes; longer ones are faster through TextDecoder and JSON.parse than
// built a byte at a time, so they send the whole answer there.
function string() {
  const start = at + 1;
  const stop = Math.min(end, start + 65);
  let i = start;
  for (; i < stop; i++) {
    const b = heap[i];
    if (b === 0x22) break;  // '"'
    if (b >= 0x80 || b === 0x5c || b < 0x20) return GIVE_UP;  // non-ASCII, '\', control
  }
  if (i === stop) return GIVE_UP;
  let s = '';
  for (let k = start; k < i; k++) s += String.fromCharCode(heap[k]);
  at = i + 1;
  return s;
}

const isNumberByte = (b) => (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x45 || b === 0x65;

function number() {
  const start = at;
  const negative = heap[at] === 0x2d;
  let i = negative ? at + 1 : at;
  let v = 0;
  for (; i < end; i++) {
    const d = heap[i] - 0x30;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  const digits = i - (negative ? at + 1 : at);
  if (digits === 0) return GIVE_UP;
  if (i < end && isNumberByte(heap[i])) {
    // A fraction or exponent: what JSON.parse reads from a JSON number, Number() reads too.
    while (i < end && isNumberByte(heap[i])) i++;
    at = i;
    return +readText(start, i - start);
  }
  if (digits > 15) {  // beyond 2^53 the digits must be rounded as a whole
    at = i;
    return +readText(start, i - start);
  }
  at = i;
  return negative ? -v : v;
}

function literal(text, value) {
  for (let k = 0; k < text.length; k++) if (heap[at + k] !== text.charCodeAt(k)) return GIVE_UP;
  at += text.length;
  return value;
}

function value(depth) {
  const c = heap[at];
  if (c === 0x22) return string();
  if (c === 0x5b) return depth < kDepth ? array(depth + 1) : GIVE_UP;
  if (c === 0x74) return literal('true', true);
  if (c === 0x66) return literal('false', false);
  if (c === 0x6e) return literal('null', null);
  return number();
}

function array(depth) {
  const out = [];
  at++;
  if (heap[at] === 0x5d) {  // ']'
    at++;
    return out;
  }
  for (;;) {
    const v = value(depth);
    if (v === GIVE_UP) return v;
    out.push(v);
    const c = heap[at++];
    if (c === 0x5d) return out;
    if (c !== 0x2c) return GIVE_UP;  // ','
  }
}

// A whole answer that is one string: one pass, as most answers are.
function topString(ptr, len) {
  let s = '';
  for (let i = ptr + 1, stop = ptr + len - 1; i < stop; i++) {
    const b = heap[i];
    if (b >= 0x80 || b === 0x5c || b < 0x20) return GIVE_UP;
    s += String.fromCharCode(b);
  }
  return s;
}

/** The JS value of the JSON text at (ptr, len) in `bytes` (the module's heap). */
export function readValue(bytes, ptr, len) {
  const c = bytes[ptr];
  if (len > 0 && len <= kShort && c !== 0x7b) {  // '{': JSON.parse
    if (c === 0x74) return true;  // the writer's only texts that start with 't', 'f' or 'n'
    if (c === 0x66) return false;
    if (c === 0x6e) return null;
    heap = bytes;
    at = ptr;
    end = ptr + len;
    const v = c === 0x22 ? (len <= 66 ? topString(ptr, len) : GIVE_UP) : value(0);
    heap = null;
    if (v !== GIVE_UP && (c === 0x22 || at === end)) return v;
  }
  return JSON.parse(readText(ptr, len));
}
