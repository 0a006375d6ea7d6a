// Where the JS driver keeps escalation snapshots between steps, so a host that restarts
// resumes instead of starting over, and where instances of a fleet claim an escalation so
// only one of them acts on it. The contract (docs/deploying.md, "The store contract"):
//   get(key) -> text | undefined          the latest snapshot
//   set(key, text, {ttlMs}) / delete(key)  unconditional writes (a single host)
//   claim(key, leaseMs) -> {token} | null  compare-and-set with an expiry: one holder at a time
//   renew(key, token, leaseMs) -> bool     false: the claim lapsed and may be someone else's
//   save(key, token, text, {ttlMs}) -> bool   written only while `token` holds the claim
//   release(key, token) -> bool
// Every method may be sync or async. A plain {get, set} object still works, without claims.
import { StoreError } from './errors.mjs';

// fileStore (Node only) lives in file-store.mjs, exported by the Node entry alone, so browser
// builds import nothing from node:.

let serial = 0;

/** A claim token unique across processes (the memory and browser stores' fencing token). */
export function newToken() {
  serial = (serial + 1) % 1e9;
  const pid = typeof process === 'object' && process.pid ? process.pid : 0;
  return `${Date.now().toString(36)}.${pid.toString(36)}.${serial.toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

// Stored texts carry their expiry in a header line, so stores without native expiry can
// drop what outlived its retention. A text without the header (older versions) never expires.
const HEADER = 'tb-store 1 ';

export function wrapEntry(value, expiresAt) {
  return `${HEADER}${expiresAt > 0 ? Math.floor(expiresAt) : 0}\n${value}`;
}

/** {value, expiresAt} (expiresAt 0 = never) from a stored text. */
export function unwrapEntry(text) {
  if (typeof text !== 'string' || !text.startsWith(HEADER)) return { value: text, expiresAt: 0 };
  const eol = text.indexOf('\n');
  const expiresAt = Number(text.slice(HEADER.length, eol));
  return { value: text.slice(eol + 1), expiresAt: Number.isFinite(expiresAt) ? expiresAt : 0 };
}

export const expiryOf = (ttlMs, now) => (ttlMs > 0 ? now + ttlMs : 0);
export const expired = (expiresAt, now) => expiresAt > 0 && expiresAt <= now;

export function checkLease(leaseMs) {
  if (!(Number.isFinite(leaseMs) && leaseMs >= 1)) {
    throw new StoreError({ code: 'STORE_INVALID_LEASE', message: `a lease must be a positive number of milliseconds, got ${leaseMs}` });
  }
}

/**
 * In memory: survives nothing, shared only by the escalations of one process (where it keeps
 * the whole contract, claims included). Options: now() for tests.
 */
export function memoryStore({ now = () => Date.now() } = {}) {
  const entries = new Map();  // key -> {value, expiresAt}
  const claims = new Map();   // key -> {token, expiresAt}
  let fence = 0;
  let writes = 0;
  const live = (map, key) => {
    const e = map.get(key);
    if (e && expired(e.expiresAt, now())) { map.delete(key); return undefined; }
    return e;
  };
  const holds = (key, token) => live(claims, key)?.token === token;
  const store = {
    get: (key) => live(entries, key)?.value,
    set(key, value, { ttlMs = 0 } = {}) {
      entries.set(key, { value, expiresAt: expiryOf(ttlMs, now()) });
      if (++writes % 256 === 0) store.sweep();
    },
    delete: (key) => { entries.delete(key); },
    claim(key, leaseMs) {
      checkLease(leaseMs);
      if (live(claims, key)) return null;
      const token = String(++fence);
      claims.set(key, { token, expiresAt: now() + leaseMs });
      return { token };
    },
    renew(key, token, leaseMs) {
      if (!holds(key, token)) return false;
      claims.get(key).expiresAt = now() + leaseMs;
      return true;
    },
    save(key, token, value, options = {}) {
      if (!holds(key, token)) return false;
      if (options.leaseMs > 0) claims.get(key).expiresAt = now() + options.leaseMs;
      store.set(key, value, options);
      return true;
    },
    release(key, token) {
      if (!holds(key, token)) return false;
      claims.delete(key);
      return true;
    },
    /** Drops expired snapshots and claims (also done every 256 writes). */
    sweep() {
      for (const map of [entries, claims]) for (const key of [...map.keys()]) live(map, key);
    },
    /** Snapshots held, expired ones not counted. */
    get size() { store.sweep(); return entries.size; },
  };
  return store;
}

function isQuotaError(e) {
  return e && (e.name === 'QuotaExceededError' || e.code === 22 || e.code === 1014);
}

/**
 * Browser localStorage (or any Storage). Tabs of one profile share it, but Storage has no
 * compare-and-set: a claim is written and read back, which keeps two tabs apart unless they
 * race within the same instant (the remaining window is documented). A full storage throws
 * STORE_FULL, which the driver treats as a store that is down.
 */
export function localStorageStore(storage = globalThis.localStorage, prefix = 'ticketbridge:', { now = () => Date.now() } = {}) {
  const snapKey = (key) => prefix + key;
  const claimKey = (key) => `${prefix}claim:${key}`;
  const write = (k, text) => {
    try {
      storage.setItem(k, text);
    } catch (e) {
      if (isQuotaError(e)) throw new StoreError({ code: 'STORE_FULL', message: 'the browser storage quota is exhausted' });
      throw e;
    }
  };
  const readClaim = (key) => {
    const text = storage.getItem(claimKey(key));
    if (text == null) return undefined;
    const [token, at] = text.split(' ');
    const expiresAt = Number(at);
    if (expired(expiresAt, now())) { storage.removeItem(claimKey(key)); return undefined; }
    return { token, expiresAt };
  };
  const holds = (key, token) => readClaim(key)?.token === token;
  let lastSweep = -Infinity;
  const store = {
    get(key) {
      const text = storage.getItem(snapKey(key));
      if (text == null) return undefined;
      const { value, expiresAt } = unwrapEntry(text);
      if (expired(expiresAt, now())) { storage.removeItem(snapKey(key)); return undefined; }
      return value;
    },
    set(key, value, { ttlMs = 0 } = {}) {
      write(snapKey(key), wrapEntry(value, expiryOf(ttlMs, now())));
      if (now() - lastSweep >= 60000) { lastSweep = now(); store.sweep(); }
    },
    delete: (key) => storage.removeItem(snapKey(key)),
    claim(key, leaseMs) {
      checkLease(leaseMs);
      if (readClaim(key)) return null;
      const token = newToken();
      write(claimKey(key), `${token} ${now() + leaseMs}`);
      return holds(key, token) ? { token } : null;
    },
    renew(key, token, leaseMs) {
      if (!holds(key, token)) return false;
      write(claimKey(key), `${token} ${now() + leaseMs}`);
      return true;
    },
    save(key, token, value, options) {
      if (!holds(key, token)) return false;
      store.set(key, value, options);
      return true;
    },
    release(key, token) {
      if (!holds(key, token)) return false;
      storage.removeItem(claimKey(key));
      return true;
    },
    /** Removes this prefix's expired snapshots and claims (the driver calls it after an outcome). */
    sweep() {
      const keys = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k != null && k.startsWith(prefix)) keys.push(k);
      }
      for (const k of keys) {
        if (k.startsWith(`${prefix}claim:`)) readClaim(k.slice(prefix.length + 6));
        else store.get(k.slice(prefix.length));
      }
    },
  };
  return store;
}
