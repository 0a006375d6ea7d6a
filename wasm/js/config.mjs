// The admin's configuration, loaded and validated by the core once.
import { core, own, unwrap, withInput } from './core.mjs';
import { ConfigError, errorFromCore } from './errors.mjs';

function toText(value, what) {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return JSON.stringify(value);
  throw new TypeError(`${what} must be a JSON string or an object`);
}

function withBody(request) {
  // Show the payload as JSON when it is JSON: that is how admins read it.
  if (typeof request.body === 'string') {
    try { request.bodyJson = JSON.parse(request.body); } catch { /* form bodies stay text */ }
  }
  return request;
}

/** A loaded configuration. Create with loadConfig(). */
export class Config {
  #native;

  constructor(native) {
    this.#native = own(this, native);
    Object.defineProperty(this, 'summary', { value: JSON.parse(native.summary()), enumerable: true });
  }

  /** @internal the Embind object */
  get native() { return this.#native; }

  /**
   * The request `callName` would send for `params` (secrets masked as "***").
   * Throws RenderError when a required parameter has no value.
   */
  render(callName, params = {}, { accessToken = '' } = {}) {
    const out = unwrap(this.#native.render(callName, toText(params, 'params'), accessToken), errorFromCore);
    const request = withBody(out.request);
    Object.defineProperty(request, 'wire', { value: out.wire, enumerable: false });
    return request;
  }

  /** The OAuth2 token request for the call's credential, or null when it uses another auth type. */
  tokenRequest(callName) {
    const out = unwrap(this.#native.tokenRequest(callName), errorFromCore);
    if (out.none) return null;
    const request = out.request;
    Object.defineProperty(request, 'wire', { value: out.wire, enumerable: false });
    return request;
  }

  /** Runs the call's Output tab over a response body: [{name, defined, value?, error?}]. */
  outputs(callName, body) {
    const text = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    return unwrap(withInput(text, (p, n) => this.#native.outputs(callName, p, n)), errorFromCore).outputs;
  }

  /** Masks every configured secret (and `extra`) in a text. */
  redact(text, extra = '') {
    return this.#native.redact(String(text), extra);
  }
}

/**
 * Loads and validates a configuration (object or JSON text).
 * Throws ConfigError {code, message, path, errors} listing every problem.
 */
export function loadConfig(config) {
  if (config instanceof Config) return config;
  const native = new core.Config(toText(config, 'config'));
  const error = native.error();
  if (error) {
    native.delete();
    throw new ConfigError(JSON.parse(error).error);
  }
  return new Config(native);
}

/** Convenience: loadConfig(config).render(callName, params). */
export function render(config, callName, params = {}, options = {}) {
  return loadConfig(config).render(callName, params, options);
}
