// Where the JS driver keeps escalation snapshots between steps, so a host that restarts
// resumes instead of starting over. A store is any object with get(key) and set(key, value)
// (sync or async); these are the three every host needs.

/** In memory: survives nothing, useful in tests and long-lived processes. */
export function memoryStore() {
  const map = new Map();
  return {
    get: (key) => map.get(key),
    set: (key, value) => { map.set(key, value); },
    delete: (key) => { map.delete(key); },
  };
}

/** Browser localStorage (or any Storage). */
export function localStorageStore(storage = globalThis.localStorage, prefix = 'ticketbridge:') {
  return {
    get: (key) => storage.getItem(prefix + key) ?? undefined,
    set: (key, value) => storage.setItem(prefix + key, value),
    delete: (key) => storage.removeItem(prefix + key),
  };
}

/** Node: one JSON file per conversation in `dir`, written atomically (temp file + rename). */
export async function fileStore(dir) {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const { createHash } = await import('node:crypto');
  await fs.mkdir(dir, { recursive: true });
  const file = (key) => path.join(dir, createHash('sha256').update(key).digest('hex').slice(0, 32) + '.json');
  return {
    async get(key) {
      try { return await fs.readFile(file(key), 'utf8'); } catch (e) { if (e.code === 'ENOENT') return undefined; throw e; }
    },
    async set(key, value) {
      const target = file(key);
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(tmp, value);
      await fs.rename(tmp, target);
    },
    async delete(key) { await fs.rm(file(key), { force: true }); },
  };
}
