// jsonata-js 2.x's API over this package's engine (`ticketbridge/jsonata`), so a project can
// switch by changing its import: jsonata(expr) compiles (throwing syntax errors at once when
// the engine is loaded), evaluate(input, bindings?, callback?) returns a Promise, assign()
// and registerFunction() bind values and JavaScript functions, ast() gives the parsed tree in
// jsonata-js's shape, and errors carry jsonata-js's codes, position and token. JavaScript
// functions are called from inside the engine: their arguments are checked against the
// signature, cross as JSON, and whatever they throw is rethrown as is. The package's
// synchronous jsonata() stays the fast path.
import { init, isInitialised } from './core.mjs';
import { loadPictures, needsPictures, picturesLoaded } from './pictures.mjs';
import { JsonataError } from './errors.mjs';
import { astOf, jsonata as compile, runWithHostFunctions } from './jsonata.mjs';

const NOTHING = Symbol('nothing thrown');

// The engine writes a regex literal's value as {pattern, flags} (JSON has no RegExp); jsonata-js
// holds a RegExp there. The tree is at most the parser's depth bound deep.
function withRegExps(node) {
  if (Array.isArray(node)) {
    for (const item of node) withRegExps(item);
  } else if (node !== null && typeof node === 'object') {
    if (node.type === 'regex' && node.value && typeof node.value.pattern === 'string') {
      node.value = new RegExp(node.value.pattern, node.value.flags);
    }
    for (const key of Object.keys(node)) if (typeof node[key] === 'object') withRegExps(node[key]);
  }
  return node;
}

// Everything bound for one evaluation, later sources shadowing earlier ones by name:
// registered functions, then assign(), then the evaluate() bindings.
function collect(registered, assigned, bindings) {
  const byName = new Map();
  for (const [name, entry] of registered) byName.set(name, entry);
  for (const source of [assigned, bindings]) {
    if (!source) continue;
    for (const name of Object.keys(source)) {
      const value = source[name];
      byName.set(name, typeof value === 'function' ? { fn: value, signature: '' } : { value });
    }
  }
  const data = {};
  const hosts = [];
  const fns = [];
  for (const [name, entry] of byName) {
    if (entry.fn) {
      hosts.push({ name, signature: entry.signature ?? '', arity: entry.fn.length });
      fns.push(entry.fn);
    } else {
      data[name] = entry.value;
    }
  }
  return { data, hosts, fns };
}

// Whether `source` binds nothing (collect() would take no name from it).
function bindsNothing(source) {
  if (!source) return true;
  for (const key in source) if (isOwnEnumerable.call(source, key)) return false;
  return true;
}
const isOwnEnumerable = Object.prototype.propertyIsEnumerable;

function evaluateNow(compiled, input, bound, limits) {
  const { data, hosts, fns } = bound;
  if (hosts.length === 0) return compiled.evaluate(input, data, limits);
  let thrown = NOTHING;
  const context = { input, environment: null };
  const call = (index, argsJson) => {
    try {
      const result = fns[index].apply(context, JSON.parse(argsJson));
      if (result && typeof result.then === 'function') {
        thrown = new JsonataError({
          code: 'JSONATA_ASYNC_FUNCTION',
          message: `$${hosts[index].name} returned a Promise; functions called from the engine must answer synchronously`,
        });
        return 'e' + thrown.message;
      }
      const text = result === undefined ? undefined : JSON.stringify(result);
      return text === undefined ? 'u' : 'v' + text;
    } catch (err) {
      thrown = err;
      return 'e' + String(err?.message ?? err);
    }
  };
  const inputText = input === undefined ? '' : JSON.stringify(input) ?? '';
  try {
    return runWithHostFunctions(compiled, inputText, data, hosts, call, limits);
  } catch (err) {
    if (thrown !== NOTHING) throw thrown;
    throw err;
  }
}

/**
 * Compiles `expression` like jsonata-js's jsonata(). `options` may also carry this engine's
 * guardrails for every evaluation: {timeLimitMs, maxDepth}.
 */
export default function jsonata(expression, options = {}) {
  const limits = options && (options.timeLimitMs !== undefined || options.maxDepth !== undefined)
    ? { timeLimitMs: options.timeLimitMs, maxDepth: options.maxDepth } : undefined;
  let compiled = isInitialised() ? compile(expression) : null;
  // Whether evaluate() must have the pictures module (pictures.mjs) loaded first.
  const pictures = needsPictures(String(expression));
  const compiledNow = () => (compiled ??= compile(expression));
  const assigned = Object.create(null);
  const registered = new Map();
  // Whether assign() or registerFunction() was ever called (neither can be undone): until
  // then a call binds only what its own bindings hold.
  let bindsAny = false;
  return {
    /** Resolves with the result (undefined for no match); loads the engine first if needed. */
    async evaluate(input, bindings, callback) {
      if (compiled === null) {
        // An evaluation follows at once, compiling what it needs: the warm-up would only add to it.
        // Both modules at once when this expression needs the pictures too.
        if (!isInitialised()) {
          await (pictures ? Promise.all([init({ warmUp: false }), loadPictures()]) : init({ warmUp: false }));
        }
        compiledNow();
      }
      if (pictures && !picturesLoaded()) await loadPictures();
      // Most calls bind nothing (no functions registered, nothing assigned, no or empty
      // bindings): they skip collecting, whose Map and objects cost as much as a small evaluation.
      const result = !bindsAny && bindsNothing(bindings)
        ? compiled.evaluate(input, undefined, limits)
        : evaluateNow(compiled, input, collect(registered, assigned, bindings), limits);
      if (typeof callback === 'function') callback(null, result);
      return result;
    },
    /**
     * The parsed tree as jsonata-js 2.x's ast() gives it (plain objects; a fresh copy on each
     * call). Synchronous like jsonata-js's, so the engine must be loaded (NOT_INITIALISED).
     */
    ast() {
      return withRegExps(astOf(compiledNow()));
    },
    /** Binds `$name` to a value or a JavaScript function for every later evaluation. */
    assign(name, value) {
      bindsAny = true;
      assigned[name] = value;
    },
    /** Binds `$name` to a JavaScript function, its arguments checked against `signature`. */
    registerFunction(name, implementation, signature) {
      if (typeof implementation !== 'function') throw new TypeError('registerFunction needs a function');
      bindsAny = true;
      delete assigned[name];
      registered.set(name, { fn: implementation, signature: signature ?? '' });
    },
  };
}
