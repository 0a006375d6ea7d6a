// The escalation state machine (sans-I/O, in the core) and the small async driver that
// loops it with the host's fetch, confirmation prompt and clock.
import { free, hostLimits, own, unwrap } from './core.mjs';
import { loadConfig, picturesFor, requirePictures } from './config.mjs';
import { NativeEscalation } from './native-core.mjs';
import { perform } from './http.mjs';
import { StoreSession } from './store-session.mjs';

function toAction(reply) {
  const value = unwrap(reply);
  if (value.wire) {
    // The wire form carries the credential's secrets: usable, but never enumerated,
    // logged or serialised with the action.
    const wire = value.wire;
    delete value.wire;
    Object.defineProperty(value, 'wire', { value: wire, enumerable: false });
  }
  return value;
}

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
    if (input.length <= hostLimits().maxConversationBytes) {
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
    // The machine evaluates the outputs synchronously: the pictures they use must be loaded already.
    requirePictures(cfg);
    this.#native = own(this, new NativeEscalation(cfg.native));
  }

  /** Rebuilds a machine from snapshot() output (string or object). */
  static restore(config, snapshot) {
    const e = new Escalation(config);
    unwrap(e.#native.restore(text(snapshot)));
    return e;
  }

  /** The category list the next start() resolves proposals against and classifies with. */
  setCategories(categories) {
    unwrap(this.#native.setCategories(categories.native));
  }

  start(conversation, reason, nowMs, options = {}) {
    const input = text(conversation) ?? '';
    // Longer than the core's limit in any encoding: refused without copying it in.
    const { maxConversationBytes } = hostLimits();
    if (input.length > maxConversationBytes) {
      return this.reject({ code: 'CONVERSATION_TOO_LARGE', message: `document is over ${maxConversationBytes} bytes` }, reason, nowMs);
    }
    return toAction(this.#native.start(input, String(reason ?? ''), nowMs, JSON.stringify(options)));
  }
  /** Ends in a Failed action (fallback URL, summary) for a conversation that cannot be read. */
  reject(problem, reason, nowMs) {
    return toAction(this.#native.reject(String(problem.code), String(problem.message ?? ''), String(reason ?? ''), nowMs));
  }
  confirm(yes, nowMs) { return toAction(this.#native.confirm(!!yes, nowMs)); }
  receive(response, nowMs) { return toAction(this.#native.receive(text(response), nowMs)); }
  tick(nowMs) { return toAction(this.#native.tick(nowMs)); }
  resume(nowMs) { return toAction(this.#native.resume(nowMs)); }
  get phase() { return unwrap(this.#native.phase()); }
  /** The cockpit record: status, ticket, failure, audit trail (secrets masked). */
  record() { return unwrap(this.#native.record()); }
  /** The whole state as JSON text (no secrets, no tokens). */
  snapshot() { return unwrap(this.#native.snapshot()); }
  /** Frees the WebAssembly side now rather than when the GC gets to it; the object is unusable after. */
  dispose() { free(this, this.#native); }
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
const OUTCOMES = new Set(['Escalated', 'Declined', 'Failed']);

function outcome(action, machine, session) {
  const record = machine.record();
  const store = session.degraded ? { storeError: session.degraded } : {};
  if (action.type === 'Escalated') {
    return {
      status: 'escalated', ticketNumber: action.ticketNumber, ticketId: action.ticketId,
      existing: action.existing, employeeMessage: action.employeeMessage, record, ...store,
    };
  }
  if (action.type === 'Declined') return { status: 'declined', employeeMessage: action.message, record, ...store };
  return {
    status: 'failed', code: action.code, reason: action.reason, employeeMessage: action.employeeMessage,
    fallbackUrl: action.fallbackUrl, summary: action.summary, record, ...store,
  };
}

/**
 * Escalates `conversation` end to end and resolves with the outcome
 * ({status: 'escalated'|'failed'|'declined', ticketNumber, ticketId, employeeMessage,
 * code, fallbackUrl, record, storeError?}). Options: fetch (standard Fetch API),
 * confirm(message) -> boolean, now() -> ms, reason, seed, sleep(ms), onAction(action),
 * category/subCategory (a pair proposed by the host) and categories (a Categories list:
 * proposals are checked against it, and when there is none the classifier fills the pair in
 * if it is confident). With a `store` (see stores.mjs) it resumes after a restart, and when
 * the store can claim, instances that share it escalate a conversation once between them:
 * leaseMs (30 s), retentionMs (how long a final snapshot is kept, 24 h; 0 deletes it),
 * pollMs and waitLimitMs tune that. A store that fails is reported in `storeError` and the
 * escalation goes on without it.
 */
export async function escalate(config, conversation, options = {}) {
  const { sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)), store } = options;
  const cfg = loadConfig(config);
  await picturesFor(cfg);
  const { input, key } = conversationInput(conversation);
  const pick = ({ leaseMs, retentionMs, pollMs, waitLimitMs }) =>
    Object.fromEntries(Object.entries({ leaseMs, retentionMs, pollMs, waitLimitMs }).filter(([, v]) => v !== undefined));
  const session = new StoreSession(store, key, { ...pick(options), sleep });
  try {
    for (;;) {
      const result = await attempt(cfg, input, options, session);
      if (result) return result;
      // The claim lapsed while this call worked and another instance may be acting on the
      // conversation: stop, and wait for that instance's outcome like any second delivery.
    }
  } finally {
    await session.close();
  }
}

async function attempt(cfg, input, options, session) {
  const {
    fetch: fetchImpl = globalThis.fetch,
    confirm = async () => true,
    now = () => Date.now(),
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    reason = 'The assistant could not resolve the issue',
    seed = randomSeed(),
    onAction,
    category,
    subCategory,
    categories,
  } = options;
  let saved = await session.open();
  const startOptions = { seed };
  if (category) Object.assign(startOptions, { category, subCategory: subCategory ?? '' });
  if (session.degraded) startOptions.storeUnavailable = true;
  let machine;
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
  try {
    if (categories) machine.setCategories(categories);
    let action;
    if (saved && session.waited && (machine.phase === 'failed' || machine.phase === 'declined')) {
      // Another instance finished this conversation while we waited: its answer is ours.
      action = machine.tick(now());
    } else if (!saved || TERMINAL.has(machine.phase)) {
      action = machine.start(input, reason, now(), startOptions);
    } else {
      action = machine.resume(now());
    }
    for (;;) {
      // Saved before acting: if the host dies while a request is out, the restored machine
      // knows a ticket may exist and looks it up before creating another.
      if (!(await session.save(machine.snapshot(), OUTCOMES.has(action.type))) && action.type !== 'Escalated') return null;
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
          return outcome(action, machine, session);
      }
    }
  } finally {
    machine.dispose();
  }
}
