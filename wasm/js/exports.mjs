// Everything the package exports on every host. The entry points (index.mjs for Node,
// index.web.mjs for browsers and workers) add where the .wasm lives and the host's extras.
import { hostLimits, initFull, isFullyInitialised, onReady, unwrap } from './core.mjs';
import { escalationKey as keyReply } from './native-core.mjs';
import { loadPictures } from './pictures.mjs';

export { isFullyInitialised as isInitialised } from './core.mjs';
export { loadPictures, picturesLoaded } from './pictures.mjs';

/**
 * Loads the full engine (core.mjs: the drop-in alone may load a smaller one), and with
 * `pictures: true` the picture strings' module beside it (pictures.mjs; `picturesWasm` is
 * where it lives when not beside the package), both at once, so synchronous evaluations of
 * $formatNumber, $fromMillis and friends work from the start.
 */
export function init(options = {}) {
  const engine = initFull(options);
  if (!options?.pictures) return engine;
  return Promise.all([engine, loadPictures({ wasm: options.picturesWasm })]).then(() => undefined);
}

export { loadConfig, render, Config } from './config.mjs';
export { JsonDocument, jsonata, parseJson } from './jsonata.mjs';
export { Categories, CategoryError, importCategories } from './categories.mjs';
export { escalate, Escalation } from './escalation.mjs';
export { testCall } from './test-call.mjs';
export { redactText } from './redaction.mjs';
export { perform } from './http.mjs';
export { memoryStore, localStorageStore } from './stores.mjs';
export { TicketbridgeError, ConfigError, JsonataError, RenderError, EscalationError, StoreError } from './errors.mjs';

/** Version of the engine ('' until init() has loaded it). */
export let version = '';
onReady(() => { if (isFullyInitialised()) version = hostLimits().version; });

/** The idempotency key written into the ticket for a conversation id. */
export function escalationKey(conversationId) {
  return unwrap(keyReply(String(conversationId)));
}
