// Helpers for the store suites.

/** A Storage (the browser's localStorage interface) over a Map, with an optional quota. */
export function fakeStorage(quotaBytes = Infinity) {
  const map = new Map();
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem(k, v) {
      const before = map.get(k);
      map.set(k, String(v));
      if (used() > quotaBytes) {
        if (before === undefined) map.delete(k); else map.set(k, before);
        const e = new Error('The quota has been exceeded.');
        e.name = 'QuotaExceededError';
        throw e;
      }
    },
    removeItem: (k) => { map.delete(k); },
    map,
  };
}
