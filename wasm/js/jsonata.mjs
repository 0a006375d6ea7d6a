// JSONata through the project's C++ engine, shaped like jsonata-js: jsonata(expr) compiles
// once; evaluate() is synchronous. Values cross the boundary as JSON text, one string each
// way, so the cost is paid once per call.
import { core, own, withInput } from './core.mjs';
import { JsonataError } from './errors.mjs';

function fail(text) {
  throw new JsonataError(JSON.parse(text).error);
}

function optionsText(options) {
  if (!options) return '';
  const o = {};
  if (options.maxDepth !== undefined) o.maxDepth = options.maxDepth;
  if (options.timeLimitMs !== undefined) o.timeLimitMs = options.timeLimitMs;
  return JSON.stringify(o);
}

function decode(tagged) {
  const tag = tagged[0];
  if (tag === 'v') return JSON.parse(tagged.slice(1));
  if (tag === 'u') return undefined;
  return fail(tagged.slice(1));
}

/**
 * Compiles `expression`. Throws JsonataError (code, position, token) on a syntax error.
 * @returns {{evaluate(input?: any, bindings?: object, options?: object): any,
 *            evaluateJson(jsonText: string, bindings?: object, options?: object): any}}
 */
// JavaScript strings may hold lone surrogates, which UTF-8 cannot carry across the boundary;
// written as \uXXXX escapes they mean the same inside JSONata string and regex literals.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escapeLoneSurrogates = (text) => text.replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

export function jsonata(expression) {
  const native = new core.Expression(escapeLoneSurrogates(String(expression)));
  const error = native.error();
  if (error) {
    native.delete();
    fail(error);
  }
  const compiled = {
    /** Evaluates over a JS value (serialised to JSON); returns undefined for no result. */
    evaluate(input, bindings, options) {
      const inputText = input === undefined ? '' : JSON.stringify(input);
      const bindingsText = bindings ? JSON.stringify(bindings) : '';
      return decode(withInput(inputText ?? '', (p, n) => native.evaluate(p, n, bindingsText, optionsText(options))));
    },
    /** Evaluates over JSON text, parsed inside the engine (no JS parse of the input). */
    evaluateJson(jsonText, bindings, options) {
      const bindingsText = bindings ? JSON.stringify(bindings) : '';
      return decode(withInput(typeof jsonText === 'string' || jsonText instanceof Uint8Array ? jsonText : String(jsonText ?? ''),
        (p, n) => native.evaluate(p, n, bindingsText, optionsText(options))));
    },
  };
  own(compiled, native);
  return compiled;
}
