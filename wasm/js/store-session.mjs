// One escalate() call's dealings with the host's store: claim the conversation (waiting while
// another instance holds it), keep the lease alive, save each snapshot under the claim, keep
// the final one for the retention the host chose, release. When the store fails (down, full)
// the session degrades: the escalation goes on without it, and the machine is told, so it
// looks the ticket up before creating instead of trusting a history it cannot see.
import { StoreError } from './errors.mjs';

const HOUR = 60 * 60 * 1000;

export const STORE_DEFAULTS = {
  leaseMs: 30000,            // a crashed instance's claim lapses after this
  retentionMs: 24 * HOUR,    // a final snapshot answers repeated deliveries this long
  pollMs: 100,               // how often a waiting instance looks at the claim
  waitLimitMs: 11 * 60000,   // longest deadline (10 min) + a lease: nobody legitimately holds longer
};

function describe(e) {
  const code = typeof e?.code === 'string' && e.code.startsWith('STORE_') ? e.code : 'STORE_UNAVAILABLE';
  return { code, message: String(e?.message ?? e).slice(0, 300) };
}

export class StoreSession {
  /** @param store the host's store, or undefined; key the conversation's key ('' = none) */
  constructor(store, key, options) {
    this.store = store && key ? store : undefined;
    this.key = key;
    this.o = { ...STORE_DEFAULTS, ...options };
    this.token = null;
    this.waited = false;   // another instance held the claim when this call arrived
    this.lost = false;     // the lease lapsed and the claim may be someone else's now
    this.degraded = null;  // {code, message} once the store failed
    this.stale = null;     // a token this call held and lost
    this.timer = null;
  }

  get claims() { return typeof this.store?.claim === 'function'; }

  /** Claims the key (waiting while it is held) and resolves with the saved snapshot text, if any. */
  async open() {
    if (!this.store || this.degraded) return undefined;
    this.lost = false;
    try {
      if (this.claims) await this.#acquire();
      return (await this.store.get(this.key)) ?? undefined;
    } catch (e) {
      this.#degrade(e);
      return undefined;
    }
  }

  async #acquire() {
    const started = Date.now();  // not the host's clock: tests make theirs throw to kill a host
    if (this.stale !== null) {
      // A claim this call lost may have been refreshed by a renewal already on its way: free
      // it, or the wait below would be for ourselves until it lapses.
      const stale = this.stale;
      this.stale = null;
      try { await this.store.release(this.key, stale); } catch { /* it lapses by itself */ }
    }
    let failures = 0;
    for (;;) {
      let claim;
      try {
        claim = await this.store.claim(this.key, this.o.leaseMs);
        failures = 0;
      } catch (e) {
        // Going on without the store risks racing an instance that holds the claim: a
        // store that hiccups (a slow answer, a failover) gets two more tries first.
        if (++failures >= 3) throw e;
        await this.o.sleep(Math.round(this.o.pollMs * (1 + Math.random())));
        continue;
      }
      if (claim) {
        this.token = claim.token;
        this.#renewEvery(Math.max(10, Math.floor(this.o.leaseMs / 3)));
        return;
      }
      this.waited = true;
      if (Date.now() - started > this.o.waitLimitMs) {
        throw new StoreError({ code: 'STORE_CLAIM_TIMEOUT', message: `the conversation stayed claimed for more than ${this.o.waitLimitMs} ms` });
      }
      await this.o.sleep(Math.round(this.o.pollMs * (0.5 + Math.random())));
    }
  }

  #renewEvery(ms) {
    this.#stopRenewing();
    const token = this.token;
    let busy = false;  // one renewal at a time: a slow one must not refresh a claim already given up
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      // A sync store may throw here: inside then() that is a rejection, not a crash.
      Promise.resolve().then(() => this.store.renew(this.key, token, this.o.leaseMs))
        .then((ok) => { if (!ok && this.token === token) this.#lose(); })
        .catch(() => { /* the next save finds out whether the store is there */ })
        .finally(() => { busy = false; });
    }, ms);
    this.timer.unref?.();
  }

  #stopRenewing() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  #degrade(e) {
    this.degraded = describe(e);
    this.#stopRenewing();
  }

  /**
   * Saves `text` before the driver acts on it; `final` for an outcome (kept for the retention,
   * or deleted when it is 0). False when the claim was lost: the caller must not act.
   */
  async save(text, final) {
    if (!this.store || this.degraded) return true;
    if (this.lost) return false;
    const ttlMs = final ? this.o.retentionMs : Math.max(this.o.retentionMs, HOUR);
    try {
      if (final && this.o.retentionMs <= 0) {
        if (this.token !== null && !(await this.store.renew(this.key, this.token, this.o.leaseMs))) return this.#lose();
        await this.store.delete(this.key);
        return true;
      }
      if (this.token === null) {
        await this.store.set(this.key, text, { ttlMs });
        return true;
      }
      const ok = await this.store.save(this.key, this.token, text, { ttlMs, leaseMs: this.o.leaseMs });
      return ok ? true : this.#lose();
    } catch (e) {
      this.#degrade(e);
      return true;
    }
  }

  #lose() {
    this.lost = true;
    this.waited = true;  // from here on the conversation is another instance's: its outcome is ours
    this.#stopRenewing();
    this.stale = this.token;
    this.token = null;
    return false;
  }

  /** Releases the claim (when still held); never throws. */
  async close() {
    this.#stopRenewing();
    const token = this.token;
    this.token = null;
    if (token === null || !this.store) return;
    try { await this.store.release(this.key, token); } catch { /* it lapses by itself */ }
  }
}
