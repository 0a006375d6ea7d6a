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

// fileStore (Node only) lives in file-store.mjs, so browser builds import nothing from node:.
