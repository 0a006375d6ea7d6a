// Everything the package exports on every host. The entry points (index.mjs for Node,
// index.web.mjs for browsers and workers) add where the .wasm lives and the host's extras.
import { hostLimits, isFullyInitialised, onReady, unwrap } from './core.mjs';
import { escalationKey as keyReply } from './native-core.mjs';

// The main entry needs the full engine (core.mjs: the drop-in alone may load a smaller one).
export { initFull as init, isFullyInitialised as isInitialised } from './core.mjs';

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
