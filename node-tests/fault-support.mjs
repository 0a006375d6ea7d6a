// Helpers for the fault-injection suite: a seeded generator, random conversations with awkward
// text, fault schedules, and the ITSM-side checks every escalation outcome must pass.
import { randomInt } from 'node:crypto';
import { tb } from './support.mjs';

/** The suite's seed: TB_FAULT_SEED when set (an integer 0..2^32-1), else a random one. */
export function suiteSeed(env = process.env.TB_FAULT_SEED) {
  if (env === undefined || env === '') return randomInt(0, 2 ** 32);  // node:crypto: Node 18 has no global crypto
  const n = Number(env);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`TB_FAULT_SEED must be an integer 0..4294967295, got "${env}"`);
  return n;
}

function mix32(x) {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A deterministic generator for one stream of one seed (mulberry32 over a hashed state), so
 * escalation i gets the same schedule whichever worker runs it and in whatever order.
 */
export function rng(...parts) {
  let state = parts.reduce((h, p) => mix32(h ^ mix32((p >>> 0) + 0x9e3779b9)), 0x2545f491);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));  // inclusive
  return {
    next,
    int,
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** [[value, weight], ...] -> value */
    weighted(table) {
      const total = table.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of table) if ((r -= w) < 0) return value;
      return table[table.length - 1][0];
    },
    /** An integer the driver accepts as its jitter seed (53 bits, exact in a double). */
    seed53: () => int(0, 0x1fffff) * 2 ** 32 + int(0, 0xffffffff),
  };
}

// Message material: non-ASCII in several scripts, astral characters, combining marks, quotes,
// backslashes, template braces, markup and JSON look-alikes, tabs and both newline styles.
const FRAGMENTS = [
  'My laptop battery drains in an hour.',
  'The VPN drops every 10 minutes ("Error 809").',
  'Outlook says: \'Cannot connect to server\' again',
  'Der Drucker im 3. Stock druckt nur leere Seiten – schon wieder.',
  'Café Wi-Fi works, but the office one doesn’t. Naïve question?',
  '日本語のキーボード配列が勝手に変わります。',
  'Принтер не печатает, горит красная лампочка.',
  'המחשב לא נדלק אחרי העדכון',
  'Screen flickers 😵‍💫 when docked 🔌; battery icon shows 🔋 41%',
  'e\u0301 vs é, Å vs A\u030a: the file names look the same',
  'Path is C:\\Users\\jane\\AppData\\Local\\Temp\\x.log',
  'Literal braces {{summary}} and {{employee.name}} must stay as typed',
  '<b>bold</b> & <script>alert(1)</script> &amp; done',
  '{"error": "quota", "code": 42}',
  'Tabs\there\tand\tthere',
  'Line one\nLine two\nLine three',
  'Windows line\r\nending here',
  'Percent 100% ^ caret ^^ and a backtick `x`',
  'I tried "restart", \'reset\' and "factory reset" — nothing.',
  'Mañana no puedo entrar en SAP; contraseña caducada.',
  '中文输入法在 Teams 里无法使用',
  'Ελληνικά γράμματα στο όνομα αρχείου',
];

const NAMES = ['Abel Tuter', 'José Ñúñez', '李雷', 'Zoë O\'Brien', 'Ada "Countess" Lovelace', 'Ørjan Ødegård', 'Fatima Al-Zahra'];

function message(r) {
  const parts = [];
  const n = r.int(1, 3);
  for (let i = 0; i < n; ++i) parts.push(r.pick(FRAGMENTS));
  return parts.join(r.pick([' ', '\n', '\n\n', ' — ']));
}

/** A distinct conversation for stream/index; the id is unique within one seed. */
export function randomConversation(r, id) {
  const employee = r.pick(NAMES);
  const messages = [];
  const turns = r.int(1, 5);
  for (let i = 0; i < turns; ++i) {
    messages.push({ role: 'employee', text: message(r), at: `2026-11-26T09:${String(10 + 2 * i).padStart(2, '0')}:04Z` });
    if (i < turns - 1 || r.chance(0.5)) {
      messages.push({ role: 'assistant', text: message(r), at: `2026-11-26T09:${String(11 + 2 * i).padStart(2, '0')}:31Z` });
    }
  }
  const diagnostics = [];
  for (let i = r.int(0, 3); i > 0; --i) diagnostics.push({ name: `Check ${i} – ${r.pick(['Netzwerk', 'Battery', 'ディスク'])}`, result: message(r) });
  const conv = {
    id,
    employee: { id: r.int(1e6, 9e6).toString(16).padStart(32, '0'), name: employee, email: `user${r.int(1, 9999)}@example.com` },
    device: { name: `LT-${r.int(1000, 9999)}` },
    messages,
    diagnostics,
  };
  // The example configuration requires a summary (short_description).
  conv.summary = Array.from(message(r).replace(/\s+/g, ' ')).slice(0, 140).join('');
  if (r.chance(0.5)) Object.assign(conv, r.pick([{ category: 'Hardware', subCategory: 'Battery' }, { category: 'Network', subCategory: 'VPN' }]));
  return conv;
}

// Faults that leave no record behind and answer with a failure (or a short delay).
export const NON_STORING = [
  ['500', 1.5], ['502', 1], ['504', 1], ['503', 0.6], ['429:0', 1], ['429:1', 0.3],
  ['timeout', 1.5], ['reset', 1.5], ['html200', 1],
];
// Faults after which the record exists but the client cannot know it.
export const STORING = [['commit-then-timeout', 3], ['commit-then-reset', 3], ['badjson', 3]];
export const HANGS = new Set(['timeout', 'commit-then-timeout']);

/** A slow-but-answered fault, kept well under the request timeout. */
export const slowFault = (r, timeoutMs) => `slow:${r.int(5, Math.floor(timeoutMs / 3))}`;

/**
 * A fetch that remembers each request's abort signal, so a client-side timeout that no
 * injected fault explains (the machine was too busy) can be told apart from a planned one.
 */
export function observingFetch(seen, inner = globalThis.fetch) {
  return (url, init) => {
    seen.push(init?.signal);
    return inner(url, init);
  };
}

/** Requests the client abandoned although their fault (if any) answers promptly. */
export function unplannedTimeouts(signals, schedule) {
  let n = 0;
  signals.forEach((signal, i) => {
    if (signal?.aborted && !HANGS.has(schedule[i])) n += 1;
  });
  return n;
}

/** Incidents grouped by correlation_id. */
export function byKey(incidents) {
  const map = new Map();
  for (const inc of incidents) {
    const list = map.get(inc.correlation_id) ?? [];
    list.push(inc);
    map.set(inc.correlation_id, list);
  }
  return map;
}

/**
 * Checks one escalation against what the ITSM holds for it. Returns {duplicate, lost,
 * problems}: problems are human-readable violations (empty when all is well).
 */
export function checkOutcome({ conv, outcome, tickets, fallbackUrl }) {
  const problems = [];
  const duplicate = tickets.length > 1;
  if (duplicate) problems.push(`${tickets.length} tickets carry the key: ${tickets.map((t) => t.number).join(', ')}`);
  let lost = false;
  if (outcome.status === 'escalated') {
    const mine = tickets.filter((t) => t.number === outcome.ticketNumber && t.sys_id === outcome.ticketId);
    if (mine.length !== 1) problems.push(`reported ${outcome.ticketNumber} (${outcome.ticketId}) but the ITSM holds ${tickets.map((t) => `${t.number} (${t.sys_id})`).join(', ') || 'nothing'}`);
    if (!outcome.employeeMessage?.includes(outcome.ticketNumber)) problems.push('the employee message lacks the ticket number');
    for (const t of mine) {
      for (const m of conv.messages) if (!t.description.includes(m.text)) problems.push(`transcript lost: ${JSON.stringify(m.text)}`);
      for (const d of conv.diagnostics) if (!t.work_notes.includes(d.result)) problems.push(`diagnostic lost: ${JSON.stringify(d.result)}`);
    }
  } else if (outcome.status === 'failed') {
    lost = tickets.length > 0;
    if (lost) problems.push(`reported failed (${outcome.code}) while ${tickets.map((t) => t.number).join(', ')} exists`);
    if (outcome.fallbackUrl !== fallbackUrl) problems.push(`fallback URL ${outcome.fallbackUrl}`);
    if (!outcome.employeeMessage?.includes(fallbackUrl)) problems.push('the employee message lacks the fallback URL');
    if (!(typeof outcome.summary === 'string' && outcome.summary.length > 0)) problems.push('empty summary');
    if (String(outcome.code).startsWith('PROTOCOL_')) problems.push(`engine protocol error ${outcome.code}: ${outcome.reason}`);
  } else {
    problems.push(`unexpected status ${outcome.status}`);
  }
  return { duplicate, lost, problems };
}

/**
 * `promise`, or a rejection if it has not settled after `ms`: the engine bounds every
 * escalation by its deadline, so this turns a hang into a reported failure, not a stuck suite.
 */
export async function settleWithin(promise, ms) {
  let timer;
  const guard = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no outcome ${ms} ms after the start`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

// Restarts: ways a host can die mid-escalation, after which a new escalate() call resumes
// from the store.
//  - at-action: onAction throws at the step-th action (its snapshot is saved first; an
//    HttpRequest is then never sent).
//  - before-send: the same, counting only HttpRequest actions.
//  - after-answer: the step-th request got its answer (or failed), then now() throws before
//    the driver hands the answer to the engine.
//  - while-waiting: the step-th request went out and the ITSM finished with it, but the host
//    never sees the answer (the promise never settles) and a new host takes over.
export const DEATHS = ['at-action', 'before-send', 'after-answer', 'while-waiting'];

export class HostDied extends Error {}

function dyingHost(death, log) {
  let actions = 0;
  let sends = 0;
  let fetches = 0;
  let armed = false;
  let onDeath;
  const died = new Promise((resolve) => { onDeath = resolve; });
  const die = () => { onDeath(); throw new HostDied(); };
  const fetchImpl = async (url, init) => {
    const slot = log.signals.push(init?.signal) - 1;
    const nth = ++fetches;
    if (death?.mode === 'after-answer' && nth === death.step) {
      try { return await fetch(url, init); } finally { armed = true; }
    }
    if (death?.mode === 'while-waiting' && nth === death.step) {
      try { await (await fetch(url, init)).arrayBuffer(); } catch { /* a fault: the host is gone either way */ }
      log.signals[slot] = null;  // the dead host's timer aborts it later; that is no timeout
      onDeath();
      return new Promise(() => {});
    }
    return fetch(url, init);
  };
  const options = {
    fetch: fetchImpl,
    confirm: async () => true,
    now: () => {
      if (armed) { armed = false; die(); }
      return Date.now();
    },
    onAction: (a) => {
      log.actions.push(a.type);
      if (death?.mode === 'at-action' && ++actions === death.step) die();
      if (death?.mode === 'before-send' && a.type === 'HttpRequest' && ++sends === death.step) die();
    },
  };
  return { died, options };
}

/**
 * Escalates with hosts that die as `deaths` plans (one entry per host life; later lives
 * survive), each new host resuming from `store`. Resolves {outcome, error, deaths, log}.
 */
export async function escalateWithDeaths(config, conv, { store, seed, deaths: plan = [], hangAfterMs = 60000 }) {
  const log = { actions: [], signals: [] };
  let deaths = 0;
  for (let life = 0; ; ++life) {
    const host = dyingHost(plan[life], log);
    // A dead host's timers would go on renewing its claim in this process: its view of the
    // store dies with it, so the claim lapses (after a short lease) as a crashed process's does.
    let dead = false;
    host.died.then(() => { dead = true; });
    const lifeStore = store && Object.fromEntries(Object.entries(store).filter(([, v]) => typeof v === 'function')
      .map(([name, fn]) => [name, (...args) => { if (dead) throw new Error('the host is gone'); return fn.apply(store, args); }]));
    const result = await settleWithin(Promise.race([
      tb.escalate(config, conv, { ...host.options, store: lifeStore, seed, leaseMs: 1000, pollMs: 20 }).then((o) => ({ o }), (e) => ({ e })),
      host.died.then(() => ({ died: true })),
    ]), hangAfterMs).catch((e) => ({ e }));
    if (result.died || result.e instanceof HostDied) deaths += 1;
    else if (result.e) return { error: result.e, deaths, log };
    else return { outcome: result.o, deaths, log };
  }
}

/** How many HttpRequest actions an onAction log saw. */
export const requestCount = (actions) => actions.filter((a) => a.type === 'HttpRequest').length;

