// The admin's configuration, loaded and validated by the core once.
import { own, unwrap } from './core.mjs';
import { ConfigError } from './errors.mjs';
import { NativeConfig } from './native-core.mjs';
import { loadPictures, needsPictures, picturesLoaded } from './pictures.mjs';

// renderPayload's answers (wasm/src/config_binding.hpp): the payload, or none.
const PAYLOAD = 0x70;  // 'p'
const NO_PAYLOAD = 0x6e;  // 'n'

function toText(value, what) {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return JSON.stringify(value);
  throw new TypeError(`${what} must be a JSON string or an object`);
}

/** A loaded configuration. Create with loadConfig(). */
export class Config {
  #native;

  constructor(native, summary, pictures) {
    this.#native = own(this, native);
    Object.defineProperty(this, 'summary', { value: summary, enumerable: true });
    // Whether its expressions name a picture function (pictures.mjs): an Escalation needs the
    // pictures module loaded first.
    Object.defineProperty(this, 'needsPictures', { value: pictures });
  }

  /** @internal the native object (native-core.mjs) */
  get native() { return this.#native; }

  /**
   * The request `callName` would send for `params` (secrets masked as "***").
   * Throws RenderError when a required parameter has no value.
   */
  render(callName, params = {}, { accessToken = '' } = {}) {
    const text = toText(params, 'params');
    const out = unwrap(this.#native.render(String(callName), text, String(accessToken)));
    const request = out.request;  // with bodyJson when the payload is JSON: how admins read it
    Object.defineProperty(request, 'wire', { value: out.wire, enumerable: false });
    return request;
  }

  /**
   * Only the body render(callName, params) would send (the wire form: secrets in values are not
   * masked), or null when the call has no payload; throws what render() throws. No reply to
   * parse and no display form: the path of a host that sends the request itself.
   */
  renderPayload(callName, params = {}) {
    const { tag, text } = this.#native.renderPayload(String(callName), toText(params, 'params'));
    if (tag === PAYLOAD) return text;
    if (tag === NO_PAYLOAD) return null;
    return unwrap(text);  // an error reply: throws it
  }

  /** The OAuth2 token request for the call's credential, or null when it uses another auth type. */
  tokenRequest(callName) {
    const out = unwrap(this.#native.tokenRequest(String(callName)));
    if (out === null) return null;
    const request = out.request;
    Object.defineProperty(request, 'wire', { value: out.wire, enumerable: false });
    return request;
  }

  /** Runs the call's Output tab over a response body: [{name, defined, value?, error?}]. */
  outputs(callName, body) {
    const text = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    return unwrap(this.#native.outputs(String(callName), text)).outputs;
  }

  /** Masks every configured secret (and `extra`) in a text. */
  redact(text, extra = '') {
    return unwrap(this.#native.redact(String(text), String(extra)));
  }
}

// Whether the configuration's expressions may call a picture function. A name written with
// JSON escapes ("\u0024now") is seen in the parsed value's text; text that is not JSON is
// the core's to refuse.
function configNeedsPictures(text) {
  if (needsPictures(text)) return true;
  if (!text.includes('\\u')) return false;
  try {
    return needsPictures(JSON.stringify(JSON.parse(text)));
  } catch {
    return false;
  }
}

/** Throws PICTURES_NOT_LOADED unless what `config` evaluates can run now (Escalation, escalate()). */
export function requirePictures(config) {
  if (!config.needsPictures || picturesLoaded()) return;
  throw new ConfigError({
    code: 'PICTURES_NOT_LOADED',
    message: 'the configuration\'s expressions use picture formatting ($formatNumber, $formatInteger, $parseInteger, '
      + '$fromMillis, $toMillis or $now), whose module is not loaded: await loadPictures() (or init({ pictures: true })) '
      + 'first, or use escalate(), which loads it',
  });
}

/** Loads the pictures module when the configuration's expressions need it (the asynchronous paths). */
export async function picturesFor(config) {
  if (config.needsPictures && !picturesLoaded()) await loadPictures();
}

/**
 * Loads and validates a configuration (object or JSON text).
 * Throws ConfigError {code, message, path, errors} listing every problem.
 */
export function loadConfig(config) {
  if (config instanceof Config) return config;
  const text = toText(config, 'config');
  const native = new NativeConfig();
  let summary;
  try {
    summary = unwrap(native.load(text), (detail) => new ConfigError(detail));
  } catch (err) {
    native.delete();
    throw err;
  }
  return new Config(native, summary, configNeedsPictures(text));
}

/** Convenience: loadConfig(config).render(callName, params). */
export function render(config, callName, params = {}, options = {}) {
  return loadConfig(config).render(callName, params, options);
}
