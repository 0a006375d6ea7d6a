// The escalation state machine (sans-I/O, in the core) and the small async driver that
// loops it with the host's fetch, confirmation prompt and clock.
import { core, own, withInput } from './core.mjs';
import { loadConfig } from './config.mjs';
import { errorFromCore } from './errors.mjs';
import { perform } from './http.mjs';

function toAction(text) {
  const value = JSON.parse(text);
  if (value.error) throw errorFromCore(value.error);
  if (value.wire) {
    // The wire form carries the credential's secrets: usable, but never enumerated,
    // logged or serialised with the action.
    const wire = value.wire;
    delete value.wire;
    Object.defineProperty(value, 'wire', { value: wire, enumerable: false });
  }
  return value;
}

const MAX_CONVERSATION_BYTES = 1024 * 1024;  // kMaxConversationBytes

function text(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// The conversation as JSON text, and the id that keys its snapshot ('' when unreadable).
// Whatever the host passes, escalate() must end in an outcome, so nothing here throws.
function conversationInput(conversation) {
  let input = '';
  let doc;
  if (typeof conversation === 'string') {
    input = conversation;
    if (input.length <= MAX_CONVERSATION_BYTES) {
      try { doc = JSON.parse(input); } catch { /* reported by the core */ }
    }
  } else {
    try {
      input = JSON.stringify(conversation) ?? '';
      doc = conversation;
    } catch { /* a cycle, a BigInt: reported by the core as not JSON */ }
  }
  const key = doc && typeof doc === 'object' && doc.id !== undefined && doc.id !== null ? String(doc.id) : '';
  return { input, key };
}

// setTimeout fires at once for delays past 2^31 - 1 ms: a far-away wait would spin.
const MAX_SLEEP_MS = 2 ** 31 - 1;

/** One conversation's escalation: feed events in, get the next action out. */
export class Escalation {
  #native;

  constructor(config) {
    const cfg = loadConfig(config);
    this.#native = own(this, new core.Escalation(cfg.native));
  }

  /** Rebuilds a machine from snapshot() output (string or object). */
  static restore(config, snapshot) {
    const e = new Escalation(config);
    const err = e.#native.restore(text(snapshot));
    if (err) throw errorFromCore(JSON.parse(err).error);
    return e;
  }

  /** The category list the next start() resolves proposals against and classifies with. */
  setCategories(categories) {
    this.#native.setCategories(categories.native);
  }

  start(conversation, reason, nowMs, options = {}) {
    const input = text(conversation) ?? '';
    // Longer than the core's limit in any encoding: refused without copying it in.
    if (input.length > MAX_CONVERSATION_BYTES) {
      return this.reject({ code: 'CONVERSATION_TOO_LARGE', message: `document is over ${MAX_CONVERSATION_BYTES} bytes` }, reason, nowMs);
    }
    return toAction(withInput(input, (p, n) => this.#native.start(p, n, String(reason ?? ''), nowMs, JSON.stringify(options))));
  }
  /** Ends in a Failed action (fallback URL, summary) for a conversation that cannot be read. */
  reject(problem, reason, nowMs) {
    return toAction(this.#native.reject(String(problem.code), String(problem.message ?? ''), String(reason ?? ''), nowMs));
  }
  confirm(yes, nowMs) { return toAction(this.#native.confirm(!!yes, nowMs)); }
  receive(response, nowMs) { return toAction(withInput(text(response), (p, n) => this.#native.receive(p, n, nowMs))); }
  tick(nowMs) { return toAction(this.#native.tick(nowMs)); }
  resume(nowMs) { return toAction(this.#native.resume(nowMs)); }
  get phase() { return this.#native.phase(); }
  /** The cockpit record: status, ticket, failure, audit trail (secrets masked). */
  record() { return JSON.parse(this.#native.record()); }
  /** The whole state as JSON text (no secrets, no tokens). */
  snapshot() { return this.#native.snapshot(); }
}

// The seed only spreads retry jitter between hosts; nobody gains by guessing it. Web Crypto
// where the host has it (browsers, workers, Node 19+); Node 18, which Debian 12 ships, has no
// global `crypto`, and Math.random (seeded from the OS by V8) serves as well there.
function randomSeed() {
  const words = new Uint32Array(2);
  if (typeof globalThis.crypto?.getRandomValues === 'function') globalThis.crypto.getRandomValues(words);
  else for (let i = 0; i < words.length; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
  return words[0] * 2 ** 21 + (words[1] >>> 11);  // 53 random bits, exact in a double
}

const TERMINAL = new Set(['escalated', 'failed', 'declined', 'idle']);

function outcome(action, machine) {
  const record = machine.record();
  if (action.type === 'Escalated') {
    return {
      status: 'escalated', ticketNumber: action.ticketNumber, ticketId: action.ticketId,
      existing: action.existing, employeeMessage: action.employeeMessage, record,
    };
  }
  if (action.type === 'Declined') return { status: 'declined', employeeMessage: action.message, record };
  return {
    status: 'failed', code: action.code, reason: action.reason, employeeMessage: action.employeeMessage,
    fallbackUrl: action.fallbackUrl, summary: action.summary, record,
  };
}

/**
 * Escalates `conversation` end to end and resolves with the outcome
 * ({status: 'escalated'|'failed'|'declined', ticketNumber, ticketId, employeeMessage,
 * code, fallbackUrl, record}). Options: fetch (standard Fetch API), confirm(message) ->
 * boolean, now() -> ms, reason, seed, store ({get, set}: resume after a restart),
 * sleep(ms), onAction(action), category/subCategory (a pair proposed by the host) and
 * categories (a Categories list: proposals are checked against it, and when there is none
 * the classifier fills the pair in if it is confident).
 */
export async function escalate(config, conversation, options = {}) {
  const {
    fetch: fetchImpl = globalThis.fetch,
    confirm = async () => true,
    now = () => Date.now(),
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    reason = 'The assistant could not resolve the issue',
    seed = randomSeed(),
    store,
    onAction,
    category,
    subCategory,
    categories,
  } = options;
  const cfg = loadConfig(config);
  const { input, key } = conversationInput(conversation);
  const startOptions = { seed };
  if (category) Object.assign(startOptions, { category, subCategory: subCategory ?? '' });

  let machine;
  let action;
  let saved = store && key ? await store.get(key) : undefined;
  if (saved) {
    try {
      machine = Escalation.restore(cfg, saved);
    } catch (err) {
      if (!String(err?.code).startsWith('SNAPSHOT_')) throw err;
      // A corrupt or tampered entry must not block this conversation for good: set it aside
      // (the next save replaces it), say so in the audit trail, and look the ticket up
      // before creating one, as after any lost answer.
      startOptions.setAside = `${err.code}${err.path ? ' at ' + err.path : ''}`;
      saved = undefined;
    }
  }
  machine ??= new Escalation(cfg);
  if (categories) machine.setCategories(categories);
  action = !saved || TERMINAL.has(machine.phase) ? machine.start(input, reason, now(), startOptions) : machine.resume(now());
  for (;;) {
    // Saved before acting: if the host dies while a request is out, the restored machine
    // knows a ticket may exist and looks it up before creating another.
    if (store && key) await store.set(key, machine.snapshot());
    onAction?.(action);
    switch (action.type) {
      case 'AskConfirmation':
        action = machine.confirm(await confirm(action.message), now());
        break;
      case 'HttpRequest':
        action = machine.receive(await perform(action.wire, fetchImpl), now());
        break;
      case 'Wait':
        await sleep(Math.min(MAX_SLEEP_MS, Math.max(0, action.untilMs - now())));
        action = machine.tick(now());
        break;
      default:
        return outcome(action, machine);
    }
  }
}
