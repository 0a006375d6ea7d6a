// Node only: escalation snapshots as files (see stores.mjs for the store contract). Moved out
// of stores.mjs so the browser entry point imports nothing from node:.

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
