// The store a fleet shares: Redis, as every cloud manages it. A claim is `SET NX PX` holding a
// fencing token from one counter that only grows, so a token is never reused; renew, save
// and release are small scripts that act only while the claim still holds that token, so an
// instance whose lease lapsed can no longer overwrite the new holder's snapshot. Snapshots
// carry an expiry. Imported on its own (ticketbridge/redis-store) so browser bundles never
// see the Redis client.
import { createHash } from 'node:crypto';

import Redis from 'ioredis';

import { StoreError } from './errors.mjs';
import { checkLease } from './stores.mjs';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
// Saving also extends the lease: the holder is evidently alive.
const SAVE = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) else redis.call('SET', KEYS[2], ARGV[2]) end
return 1`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

const hashed = (key) => createHash('sha256').update(String(key)).digest('hex').slice(0, 32);

// Client errors name hosts and ports, never the URL's password; still, only the message
// travels, wrapped in a stable code.
function unavailable(e) {
  if (e instanceof StoreError) return e;
  return new StoreError({ code: 'STORE_UNAVAILABLE', message: `Redis: ${String(e?.message ?? e).slice(0, 200)}` });
}

/**
 * A store on Redis. `target` is a redis:// or rediss:// URL or an ioredis client of the
 * host's (then close() leaves it open). Options: prefix (key namespace, default "tb:"),
 * connectTimeoutMs and commandTimeoutMs (default 2000 each: a Redis that does not answer
 * fails fast, and the driver takes its degraded path instead of hanging).
 * Resolves even when Redis is down: every call then rejects with STORE_UNAVAILABLE while the
 * client keeps reconnecting in the background.
 */
export async function redisStore(target, { prefix = 'tb:', connectTimeoutMs = 2000, commandTimeoutMs = 2000 } = {}) {
  let client = target;
  const owned = typeof target === 'string';
  if (owned) {
    if (!/^rediss?:\/\//i.test(target)) {
      throw new StoreError({ code: 'STORE_INVALID_LOCATION', message: 'redisStore needs a redis:// or rediss:// URL' });
    }
    client = new Redis(target, {
      lazyConnect: true,
      enableOfflineQueue: false,    // a command while disconnected fails now, it does not queue
      maxRetriesPerRequest: 1,
      connectTimeout: connectTimeoutMs,
      commandTimeout: commandTimeoutMs,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    });
    client.on('error', () => { /* reported through the calls that fail */ });
    try {
      await client.connect();
    } catch {
      // Down at start: the calls report it, and the client keeps trying to reconnect.
    }
  }
  client.defineCommand('tbRenew', { numberOfKeys: 1, lua: RENEW });
  client.defineCommand('tbSave', { numberOfKeys: 2, lua: SAVE });
  client.defineCommand('tbRelease', { numberOfKeys: 1, lua: RELEASE });
  const snap = (key) => `${prefix}snap:${hashed(key)}`;
  const claim = (key) => `${prefix}claim:${hashed(key)}`;
  const fence = `${prefix}fence`;
  const call = async (fn) => {
    try { return await fn(); } catch (e) { throw unavailable(e); }
  };

  return {
    get: (key) => call(async () => (await client.get(snap(key))) ?? undefined),
    set: (key, value, { ttlMs = 0 } = {}) => call(() => (ttlMs > 0 ? client.set(snap(key), value, 'PX', Math.ceil(ttlMs)) : client.set(snap(key), value))),
    delete: (key) => call(() => client.del(snap(key))),
    claim: (key, leaseMs) => call(async () => {
      checkLease(leaseMs);
      // Cheap test first: a waiting instance polls, and should not burn fencing tokens.
      if (await client.exists(claim(key))) return null;
      const token = String(await client.incr(fence));
      const ok = await client.set(claim(key), token, 'PX', Math.ceil(leaseMs), 'NX');
      return ok === 'OK' ? { token } : null;
    }),
    renew: (key, token, leaseMs) => call(async () => (await client.tbRenew(claim(key), token, Math.ceil(leaseMs))) === 1),
    // leaseMs, when given, extends the claim in the same step.
    save: (key, token, value, { ttlMs = 0, leaseMs = 0 } = {}) => call(async () =>
      (await client.tbSave(claim(key), snap(key), token, value, Math.ceil(ttlMs), Math.ceil(leaseMs))) === 1),
    release: (key, token) => call(async () => (await client.tbRelease(claim(key), token)) === 1),
    /** Closes the connection this store opened (a client the host passed in stays open). */
    async close() {
      if (owned) client.disconnect();
    },
  };
}
