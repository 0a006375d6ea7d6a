// The product core's objects as the façade holds them: the plain WASM exports of
// wasm/src/*_exports.cpp (no Embind), wrapped in objects whose methods answer the reply text
// of their call (ticketbridge/reply.hpp, decoded by core.mjs's unwrap). Texts go in as JS
// strings or bytes and cross in the heap (core.mjs, callWithTexts); numbers cross as they
// are. Each argument is made what its export expects first (t(), Number), so no value a host
// passes can shift a text into a number's place. delete() frees the native object, once; a
// call after it is a coded error, never a call on freed memory.
import { callWithTexts, callWithTextsAt, core, heapReply, outOfMemory, readText } from './core.mjs';
import { errorFromCore } from './errors.mjs';

// A text argument: bytes as they are, anything else as its string.
const t = (value) => (value instanceof Uint8Array ? value : String(value));

class NativeObject {
  #at;
  #free;

  constructor(at, free) {
    if (!at) throw outOfMemory(64);
    this.#at = at;
    this.#free = free;
  }

  /** The native object's address; throws OBJECT_FREED once delete() has run. */
  get at() {
    if (!this.#at) {
      throw errorFromCore({ code: 'OBJECT_FREED', message: `this ${this.constructor.name.slice(6)} was disposed of and can no longer be used` });
    }
    return this.#at;
  }

  delete() {
    if (this.#at) this.#free(this.#at);
    this.#at = 0;
  }
}

/** A configuration (tb_config_*). */
export class NativeConfig extends NativeObject {
  constructor() { super(core._tb_config_new(), core._tb_config_delete); }

  load(text) { return callWithTexts(core._tb_config_load, this.at, t(text)); }
  render(callName, params, accessToken) { return callWithTexts(core._tb_config_render, this.at, t(callName), t(params), t(accessToken)); }
  /** Not a reply: {tag, text} of the {tag, pointer, length} record the export answers (config_binding.hpp). */
  renderPayload(callName, params) {
    const at = callWithTextsAt(core._tb_config_render_payload, this.at, t(callName), t(params)) >>> 2;
    const words = core.HEAPU32;
    return { tag: words[at], text: readText(words[at + 1], words[at + 2]) };
  }
  tokenRequest(callName) { return callWithTexts(core._tb_config_token_request, this.at, t(callName)); }
  outputs(callName, body) { return callWithTexts(core._tb_config_outputs, this.at, t(callName), t(body)); }
  redact(text, extra) { return callWithTexts(core._tb_config_redact, this.at, t(text), t(extra)); }
}

/** A category list (tb_categories_*). */
export class NativeCategories extends NativeObject {
  constructor() { super(core._tb_categories_new(), core._tb_categories_delete); }

  replaceFromCsv(csv, options) { return callWithTexts(core._tb_categories_replace_from_csv, this.at, t(csv), t(options)); }
  list() { return heapReply(core._tb_categories_list(this.at)); }
  classify(conversation, options) { return callWithTexts(core._tb_categories_classify, this.at, t(conversation), t(options)); }
  resolve(category, subCategory) { return callWithTexts(core._tb_categories_resolve, this.at, t(category), t(subCategory)); }
}

/** One escalation machine over a configuration (tb_escalation_*); `config`: a NativeConfig. */
export class NativeEscalation extends NativeObject {
  constructor(config) { super(core._tb_escalation_new(config.at), core._tb_escalation_delete); }

  /** `categories`: a NativeCategories, whose list is copied. */
  setCategories(categories) { return heapReply(core._tb_escalation_set_categories(this.at, categories.at)); }
  start(conversation, reason, nowMs, options) {
    return callWithTexts(core._tb_escalation_start, this.at, t(conversation), t(reason), Number(nowMs), t(options));
  }
  reject(code, message, reason, nowMs) { return callWithTexts(core._tb_escalation_reject, this.at, t(code), t(message), t(reason), Number(nowMs)); }
  confirm(yes, nowMs) { return heapReply(core._tb_escalation_confirm(this.at, yes ? 1 : 0, Number(nowMs))); }
  receive(response, nowMs) { return callWithTexts(core._tb_escalation_receive, this.at, t(response), Number(nowMs)); }
  tick(nowMs) { return heapReply(core._tb_escalation_tick(this.at, Number(nowMs))); }
  resume(nowMs) { return heapReply(core._tb_escalation_resume(this.at, Number(nowMs))); }
  record() { return heapReply(core._tb_escalation_record(this.at)); }
  snapshot() { return heapReply(core._tb_escalation_snapshot(this.at)); }
  phase() { return heapReply(core._tb_escalation_phase(this.at)); }
  restore(snapshot) { return callWithTexts(core._tb_escalation_restore, this.at, t(snapshot)); }
}

/** The Test panel's flow over a configuration (tb_test_call_*); `config`: a NativeConfig. */
export class NativeTestCall extends NativeObject {
  constructor(config) { super(core._tb_test_call_new(config.at), core._tb_test_call_delete); }

  start(callName, params, nowMs) { return callWithTexts(core._tb_test_call_start, this.at, t(callName), t(params), Number(nowMs)); }
  receive(response, nowMs) { return callWithTexts(core._tb_test_call_receive, this.at, t(response), Number(nowMs)); }
}

/** {version, maxResponseBytes, ...} (host_limits.hpp) as a reply. */
export const limits = () => heapReply(core._tb_limits());

/** The idempotency key of a conversation id, as a reply. */
export const escalationKey = (conversationId) => callWithTexts(core._tb_escalation_key, t(conversationId));

/** Transcript redaction (`options`: JSON text, '' for the defaults), as a reply. */
export const redactText = (text, options) => callWithTexts(core._tb_redact_text, t(text), t(options));

/** A category CSV's import report, keeping nothing, as a reply. */
export const importCategories = (csv, options) => callWithTexts(core._tb_import_categories, t(csv), t(options));
