// ticketbridge: hand an assistant conversation to the service desk as an ITSM ticket.
// The engine is C++ compiled to WebAssembly; this module is its typed, thin façade.
import { core } from './core.mjs';

export { loadConfig, render, Config } from './config.mjs';
export { JsonDocument, jsonata, parseJson } from './jsonata.mjs';
export { Categories, CategoryError, importCategories } from './categories.mjs';
export { escalate, Escalation } from './escalation.mjs';
export { testCall } from './test-call.mjs';
export { redactText } from './redaction.mjs';
export { perform } from './http.mjs';
export { memoryStore, localStorageStore, fileStore } from './stores.mjs';
export { TicketbridgeError, ConfigError, JsonataError, RenderError, EscalationError, StoreError } from './errors.mjs';

/** Version of the engine. */
export const version = core.version();

/** The idempotency key written into the ticket for a conversation id. */
export function escalationKey(conversationId) {
  return core.escalationKey(String(conversationId));
}
