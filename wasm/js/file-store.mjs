// Node: one file per conversation in a folder, for hosts on one machine (or processes sharing
// a local disk). Snapshots are written atomically (temp file + rename) and readable by the
// owner only (0600, the folder 0700): they hold the employee's words. A claim is a lock file
// created with O_EXCL; a lapsed one is replaced under a guard file (also O_EXCL), so of
// several instances that find it lapsed only one wins. Save checks the lock before the
// rename, which is not one atomic step: the window is documented in docs/deploying.md.
import { StoreError } from './errors.mjs';
import { checkLease, expired, expiryOf, newToken, unwrapEntry, wrapEntry } from './stores.mjs';

const SWEEP_EVERY_MS = 10 * 60 * 1000;
const STALE_TEMP_MS = 60 * 60 * 1000;
const STALE_GUARD_MS = 10 * 1000;

/** A location that names a URL (redis://..., file:...) rather than a folder. */
function refuseUrl(dir) {
  if (typeof dir !== 'string' || dir === '') {
    throw new StoreError({ code: 'STORE_INVALID_LOCATION', message: 'fileStore needs a folder path' });
  }
  // Two letters or more before the colon: "C:\\data" stays a Windows path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(dir);
  if (scheme) {
    throw new StoreError({
      code: 'STORE_INVALID_LOCATION',
      message: `fileStore takes a folder path, not a "${scheme[1]}:" URL (use redisStore for redis://, the CLI's --store for file:DIR)`,
    });
  }
}

/**
 * Options: now() for tests, sweepEveryMs (how often writes trigger a sweep of expired
 * files; 0 = only when sweep() is called).
 */
export async function fileStore(dir, { now = () => Date.now(), sweepEveryMs = SWEEP_EVERY_MS } = {}) {
  refuseUrl(dir);
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const { createHash } = await import('node:crypto');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const base = (key) => path.join(dir, createHash('sha256').update(String(key)).digest('hex').slice(0, 32));
  const snapFile = (key) => `${base(key)}.json`;
  const claimFile = (key) => `${base(key)}.claim`;
  const tempName = (target) => `${target}.${process.pid}.${newToken()}.tmp`;
  let lastSweep = now();

  const readOrUndefined = async (file) => {
    try { return await fs.readFile(file, 'utf8'); } catch (e) { if (e.code === 'ENOENT') return undefined; throw e; }
  };
  const writeAtomically = async (target, text) => {
    const tmp = tempName(target);
    try {
      await fs.writeFile(tmp, text, { mode: 0o600 });
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      if (e.code === 'ENOSPC' || e.code === 'EDQUOT') throw new StoreError({ code: 'STORE_FULL', message: `the disk holding the store is full (${e.code})` });
      throw e;
    }
  };
  const parseClaim = (text) => {
    if (text === undefined) return undefined;
    const [token, at] = text.split(' ');
    return { token, expiresAt: Number(at), text };
  };
  const readClaim = async (key) => parseClaim(await readOrUndefined(claimFile(key)));
  const holds = async (key, token) => {
    const c = await readClaim(key);
    return !!c && c.token === token && !expired(c.expiresAt, now());
  };
  const maybeSweep = () => {
    if (sweepEveryMs > 0 && now() - lastSweep >= sweepEveryMs) {
      lastSweep = now();
      store.sweep().catch(() => { /* housekeeping: the next sweep tries again */ });
    }
  };

  const store = {
    async get(key) {
      const text = await readOrUndefined(snapFile(key));
      if (text === undefined) return undefined;
      const { value, expiresAt } = unwrapEntry(text);
      if (expired(expiresAt, now())) {
        await fs.rm(snapFile(key), { force: true });
        return undefined;
      }
      return value;
    },
    async set(key, value, { ttlMs = 0 } = {}) {
      await writeAtomically(snapFile(key), wrapEntry(value, expiryOf(ttlMs, now())));
      maybeSweep();
    },
    async delete(key) { await fs.rm(snapFile(key), { force: true }); },
    async claim(key, leaseMs) {
      checkLease(leaseMs);
      const file = claimFile(key);
      const token = newToken();
      for (let round = 0; round < 2; round++) {
        try {
          await fs.writeFile(file, `${token} ${now() + leaseMs}`, { flag: 'wx', mode: 0o600 });
          return { token };
        } catch (e) {
          if (e.code !== 'EEXIST') throw e;
        }
        const current = await readClaim(key);
        if (!current) continue;  // released in between: try to create it again
        if (!expired(current.expiresAt, now())) return null;
        return (await takeOver(file, current.text, `${token} ${now() + leaseMs}`)) ? { token } : null;
      }
      return null;
    },
    async renew(key, token, leaseMs) {
      if (!(await holds(key, token))) return false;
      await writeAtomically(claimFile(key), `${token} ${now() + leaseMs}`);
      return true;
    },
    async save(key, token, value, options) {
      if (!(await holds(key, token))) return false;
      await store.set(key, value, options);
      return true;
    },
    async release(key, token) {
      if (!(await holds(key, token))) return false;
      await fs.rm(claimFile(key), { force: true });
      return true;
    },
    /** Deletes expired snapshots and claims and abandoned temp files; resolves with the count. */
    async sweep() {
      let removed = 0;
      for (const name of await fs.readdir(dir)) {
        const file = path.join(dir, name);
        let gone = false;
        if (name.endsWith('.tmp')) {
          const st = await fs.stat(file).catch(() => null);
          gone = !!st && now() - st.mtimeMs > STALE_TEMP_MS;
        } else if (name.endsWith('.json')) {
          gone = expired(unwrapEntry(await headOf(file)).expiresAt, now());
        } else if (name.endsWith('.claim')) {
          const c = parseClaim(await readOrUndefined(file));
          gone = !!c && expired(c.expiresAt, now());
        }
        if (gone) {
          await fs.rm(file, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };

  // Replaces a lapsed lock. A guard file created with O_EXCL lets one instance at a time do
  // it; that one checks the lock is still the lapsed one it read, then renames its own over
  // it. A guard left by a crashed instance is cleared once it is clearly stale.
  async function takeOver(file, seen, mine) {
    const guard = `${file}.takeover`;
    try {
      await fs.writeFile(guard, '', { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const st = await fs.stat(guard).catch(() => null);
      if (st && Date.now() - st.mtimeMs > STALE_GUARD_MS) await fs.rm(guard, { force: true });
      return false;
    }
    try {
      if ((await readOrUndefined(file)) !== seen) return false;
      await writeAtomically(file, mine);
      return true;
    } finally {
      await fs.rm(guard, { force: true });
    }
  }

  async function headOf(file) {
    const handle = await fs.open(file, 'r').catch(() => null);
    if (!handle) return '';
    try {
      const buf = Buffer.alloc(64);
      const { bytesRead } = await handle.read(buf, 0, 64, 0);
      return buf.toString('utf8', 0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  return store;
}
