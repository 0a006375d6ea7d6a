// JSONata through the project's C++ engine, shaped like jsonata-js: jsonata(expr) compiles
// once; evaluate() is synchronous. Values cross the boundary as JSON text written into and
// read out of the module's heap, one copy each way per call. The compiled expressions and
// documents live in the module (native-jsonata.mjs holds them); an evaluation is one direct
// call of a plain WASM export with their addresses and numbers.
import { readValue } from './answer.mjs';
import { core, onReady, own, readText, unwrap, withInput, writeText } from './core.mjs';
import { JsonataError } from './errors.mjs';
import { needsPictures } from './pictures.mjs';
import { NativeDocument, NativeExpression } from './native-jsonata.mjs';
import {
  bindingsLength, readsKeys, releaseIfLarge, reserve, scratch, writeObjectInput, writerPlan, writeTextInput,
} from './input-buffer.mjs';

const jsonataError = (detail) => new JsonataError(detail);

// An engine reply (core.mjs, unwrap): the value, or its error thrown as a JsonataError.
const engineReply = (text) => unwrap(text, jsonataError);

// Emscripten's exports start as wrappers that replace themselves on their first call; one
// call with a null expression (which the engine answers with 0) leaves the raw exports.
// Until init() has loaded the engine they are the stand-in's NOT_INITIALISED error.
let runExpression = (...args) => core._tb_expression_run(...args);
let runExpressionDocument = (...args) => core._tb_expression_run_document(...args);
onReady((loaded, options) => {
  loaded._tb_expression_run(0, 0, 0, 0, 0, -1, 0);
  loaded._tb_expression_run_document(0, 0, 0, 0, -1, 0);
  runExpression = loaded._tb_expression_run;
  runExpressionDocument = loaded._tb_expression_run_document;
  loaded.tbHostCall = (index, argsJson) => hostCalls[hostCalls.length - 1](index, argsJson);
  if (options?.warmUp !== false) warmUp();
});

// Browsers and Node compile WebAssembly lazily, a function at its first call, so the first
// evaluation paid for compiling the lexer, parser, evaluator and JSON reader and writer
// (tens of milliseconds; docs/benchmarks.md, "Cold start"). One small evaluation that
// reaches them moves that cost into init(), which hosts run before anyone waits.
function warmUp() {
  const expression = jsonata('$sum(a.(b * c)) & e[0].f');
  expression.evaluateJson('{"a": [{"b": 1, "c": 2.5}], "e": [{"f": "x"}], "g": null}');
  expression.evaluate({ a: [{ b: 2, c: 3 }], e: [{ f: 'y' }] });
}

// The JavaScript functions lent to the evaluations in progress (innermost last): the engine
// calls back through Module.tbHostCall, answered by the innermost table.
const hostCalls = [];

// The engine's depth and time limits from evaluate()'s options (-1 / 0 keep the defaults).
function maxDepthOf(options) {
  const depth = options?.maxDepth;
  return typeof depth === 'number' && depth === depth ? Math.max(0, Math.min(0x7fffffff, Math.trunc(depth))) : -1;
}
const timeLimitOf = (options) => (typeof options?.timeLimitMs === 'number' && options.timeLimitMs > 0 ? options.timeLimitMs : 0);

// Reads the {tag, pointer, length} reply the engine left in its heap.
function answer(reply) {
  const words = core.HEAPU32;
  const at = reply >>> 2;
  const tag = words[at];
  // 'v'; a function has no JSON text (length 0) and comes back as JSON.stringify treats one.
  if (tag === 0x76) return words[at + 2] ? readValue(core.HEAPU8, words[at + 1], words[at + 2]) : undefined;
  if (tag === 0x75) return undefined;  // 'u'
  return engineReply(readText(words[at + 1], words[at + 2]));  // 'e': an error reply, thrown
}

// The bindings as JSON text, '' for none. An empty plain object (what many hosts pass when
// they have nothing to bind) binds nothing, as no bindings do, and is neither serialised nor
// parsed: that was the larger part of a small evaluation.
function bindingsTextOf(bindings) {
  if (!bindings) return '';
  if (Object.getPrototypeOf(bindings) === Object.prototype && bindings.toJSON === undefined) {
    for (const key in bindings) return JSON.stringify(bindings);  // any key: not empty
    return '';
  }
  return JSON.stringify(bindings);
}

function run(address, input, bindings, options) {
  if (!bindings && options === undefined && typeof input === 'string') {
    // The common call, a text and nothing else: one encodeInto into the kept buffer.
    const length = writeTextInput(input);  // before reading `scratch`: it may move the buffer
    const reply = runExpression(address, scratch, length, 0, 0, -1, 0);
    releaseIfLarge();
    return answer(reply);
  }
  const bindingsText = bindingsTextOf(bindings);
  const inRoom = typeof input === 'string' ? input.length * 3 : input.length;
  const room = inRoom + bindingsText.length * 3 + 1;
  const at = reserve(room);
  const inLen = writeText(input, at, inRoom);
  const bindingsLen = bindingsText ? writeText(bindingsText, at + inLen, room - inLen) : 0;
  const reply = options === undefined
    ? runExpression(address, at, inLen, at + inLen, bindingsLen, -1, 0)
    : runExpression(address, at, inLen, at + inLen, bindingsLen, maxDepthOf(options), timeLimitOf(options));
  releaseIfLarge();
  return answer(reply);
}

// An object or array input written under `members` (writerPlan), then its bindings. A plan
// that reads keys only holds while `$keys` is the built-in, which bindings may shadow: with
// bindings it is written whole, as the engine then reads it.
function runObject(address, input, members, keysPlan, bindings, options) {
  const bindingsText = bindingsTextOf(bindings);
  const inLen = writeObjectInput(input, keysPlan && bindingsText !== '' ? true : members, bindingsText);
  const reply = options === undefined
    ? runExpression(address, scratch, inLen, scratch + inLen, bindingsLength, -1, 0)
    : runExpression(address, scratch, inLen, scratch + inLen, bindingsLength, maxDepthOf(options), timeLimitOf(options));
  releaseIfLarge();
  return answer(reply);
}

function runDocument(address, document, bindings, options) {
  const bindingsText = bindingsTextOf(bindings);
  const at = bindingsText ? reserve(bindingsText.length * 3 + 1) : 0;
  const bindingsLen = bindingsText ? writeText(bindingsText, at, bindingsText.length * 3) : 0;
  const reply = options === undefined
    ? runExpressionDocument(address, document, at, bindingsLen, -1, 0)
    : runExpressionDocument(address, document, at, bindingsLen, maxDepthOf(options), timeLimitOf(options));
  releaseIfLarge();
  return answer(reply);
}

/**
 * @internal for the jsonata-js drop-in: evaluates `compiled` over JSON text with host
 * functions. `hosts` describes them ([{name, signature, arity}]); `call(index, argsJson)`
 * answers each call with 'v' + JSON, 'u' or 'e' + message (host_calls.cpp).
 */
export function runWithHostFunctions(compiled, inputText, bindings, hosts, call, options) {
  const bindingsText = bindingsTextOf(bindings);
  const hostsText = JSON.stringify(hosts);
  const inRoom = inputText.length * 3;
  const room = inRoom + (bindingsText.length + hostsText.length) * 3 + 2;
  const at = core._malloc(room);
  if (!at) throw new RangeError('out of memory for the JSONata input');
  hostCalls.push(call);
  try {
    const inLen = writeText(inputText, at, inRoom);
    const bindingsLen = bindingsText ? writeText(bindingsText, at + inLen, room - inLen) : 0;
    const hostsAt = at + inLen + bindingsLen;
    const hostsLen = writeText(hostsText, hostsAt, room - inLen - bindingsLen);
    return answer(core._tb_expression_run_hosted(compiled[HANDLE].address, at, inLen, at + inLen, bindingsLen,
      hostsAt, hostsLen, maxDepthOf(options), timeLimitOf(options)));
  } finally {
    hostCalls.pop();
    core._free(at);
  }
}

/**
 * @internal for the jsonata-js drop-in: the parsed tree of `compiled` in jsonata-js's ast()
 * shape, as plain values (a regex's value is {pattern, flags}; the drop-in makes the RegExp).
 */
export function astOf(compiled) {
  return answer(core._tb_expression_ast(compiled[HANDLE].address));
}

const HANDLE = Symbol('native expression');
const NATIVE = Symbol('native document');
const ADDRESS = Symbol('native document address');

/**
 * JSON text parsed once inside the engine, for evaluating several expressions (the outputs
 * of one response) or one expression many times over it without copying and parsing the
 * text again: pass it as `evaluate()`'s input. Throws JsonataError on invalid JSON.
 */
export class JsonDocument {
  constructor(jsonText) {
    const text = typeof jsonText === 'string' || jsonText instanceof Uint8Array ? jsonText : String(jsonText ?? '');
    const native = new NativeDocument();
    // The document's address, or 0 with the error's reply kept by the native object.
    const address = withInput(text, (p, n) => native.parse(p, n));
    if (!address) {
      const reply = native.error();
      native.delete();
      engineReply(reply);
    }
    // The wrapper keeps the native object alive (and the GC frees it with the wrapper);
    // evaluations pass its address, a number.
    this[NATIVE] = own(this, native);
    this[ADDRESS] = address;
  }
}

/** Parses JSON text inside the engine (see JsonDocument). */
export function parseJson(jsonText) {
  return new JsonDocument(jsonText);
}

// JavaScript strings may hold lone surrogates, which UTF-8 cannot carry; the engine reads
// WTF-8 (a lone surrogate as its own three-byte sequence), so such a source crosses as those
// bytes: positions after it and a backtick name holding it stay what jsonata-js sees.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wtf8(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}

const sourceOf = (text) => (LONE_SURROGATE.test(text) ? wtf8(text) : text);

/**
 * Compiles `expression`. Throws JsonataError (code, position, token) on a syntax error.
 * @returns {{evaluate(input?: any | JsonDocument, bindings?: object, options?: object): any,
 *            evaluateJson(jsonText: string, bindings?: object, options?: object): any}}
 */
export function jsonata(expression) {
  const source = sourceOf(String(expression));
  const native = new NativeExpression();
  // The expression's address, or 0 with the error's reply kept by the native object.
  const address = native.compile(source);
  if (!address) {
    const reply = native.error();
    native.delete();
    engineReply(reply);
  }
  // The methods pass the native expression's address, so they hold `handle`, and the native
  // object is freed only when the GC collects that (a method kept apart from `compiled` keeps
  // it alive).
  const handle = { address };
  own(handle, native);
  // What of a JavaScript input the expression can reach: asked for at the first object input
  // (most hosts pass JSON text or a JsonDocument, and compiling is on the measured path).
  // null: the whole input.
  let plan;
  let keysPlan = false;
  const planOf = () => {
    if (plan === undefined) {
      const reply = engineReply(native.plan());
      plan = reply === null ? null : writerPlan(reply);
      keysPlan = plan !== null && readsKeys(plan);
    }
    return plan;
  };
  const compiled = {
    /**
     * Evaluates over a JS value (serialised to JSON, only the members the expression can
     * reach) or a JsonDocument; returns undefined for no result.
     */
    evaluate(input, bindings, options) {
      if (typeof input === 'object' && input !== null) {
        if (input instanceof JsonDocument) return runDocument(handle.address, input[ADDRESS], bindings, options);
        const members = plan === undefined ? planOf() : plan;
        // undefined when a toJSON() answers undefined: no input, as JSON.stringify leaves none.
        if (members === null) return run(handle.address, JSON.stringify(input) ?? '', bindings, options);
        return runObject(handle.address, input, members, keysPlan, bindings, options);
      }
      return run(handle.address, input === undefined ? '' : JSON.stringify(input) ?? '', bindings, options);
    },
    /** Evaluates over JSON text, parsed inside the engine (no JS parse of the input). */
    evaluateJson(jsonText, bindings, options) {
      const text = typeof jsonText === 'string' || jsonText instanceof Uint8Array ? jsonText : String(jsonText ?? '');
      return run(handle.address, text, bindings, options);
    },
  };
  Object.defineProperty(compiled, HANDLE, { value: handle });
  // Whether an evaluation may call the pictures module (pictures.mjs), so a host knows what to
  // await; asked for only by those that want it.
  Object.defineProperty(compiled, 'needsPictures', { get: () => needsPictures(String(expression)), enumerable: false });
  return compiled;
}
