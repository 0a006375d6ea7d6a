// The escalation state machine (sans-I/O, in the core) and the small async driver that
// loops it with the host's fetch, confirmation prompt and clock.
import { core, free, own, withInput } from './core.mjs';
import { loadConfig } from './config.mjs';
import { errorFromCore } from './errors.mjs';
import { perform } from './http.mjs';
import { StoreSession } from './store-session.mjs';

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

function text(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

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
    return toAction(withInput(text(conversation), (p, n) => this.#native.start(p, n, String(reason ?? ''), nowMs, JSON.stringify(options))));
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
  /** Frees the WebAssembly side now rather than when the GC gets to it; the object is unusable after. */
  dispose() { free(this, this.#native); }
}

function randomSeed() {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
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
  const conv = typeof conversation === 'string' ? JSON.parse(conversation) : conversation;
  const key = conv && conv.id !== undefined ? String(conv.id) : '';
  const pick = ({ leaseMs, retentionMs, pollMs, waitLimitMs }) =>
    Object.fromEntries(Object.entries({ leaseMs, retentionMs, pollMs, waitLimitMs }).filter(([, v]) => v !== undefined));
  const session = new StoreSession(store, key, { ...pick(options), sleep });
  try {
    for (;;) {
      const result = await attempt(cfg, conv, options, session);
      if (result) return result;
      // The claim lapsed while this call worked and another instance may be acting on the
      // conversation: stop, and wait for that instance's outcome like any second delivery.
    }
  } finally {
    await session.close();
  }
}

async function attempt(cfg, conv, options, session) {
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
  const saved = await session.open();
  const machine = saved ? Escalation.restore(cfg, saved) : new Escalation(cfg);
  try {
    if (categories) machine.setCategories(categories);
    let action;
    if (saved && session.waited && (machine.phase === 'failed' || machine.phase === 'declined')) {
      // Another instance finished this conversation while we waited: its answer is ours.
      action = machine.tick(now());
    } else if (!saved || TERMINAL.has(machine.phase)) {
      const startOptions = { seed };
      if (category) Object.assign(startOptions, { category, subCategory: subCategory ?? '' });
      if (session.degraded) startOptions.storeUnavailable = true;
      action = machine.start(conv, reason, now(), startOptions);
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
          await sleep(Math.max(0, action.untilMs - now()));
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
