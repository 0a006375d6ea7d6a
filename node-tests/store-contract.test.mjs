// One contract, every store: what the escalation driver relies on when it saves snapshots and
// when instances of a fleet claim a conversation. Memory, file and localStorage stores run on
// an injected clock; the Redis store runs against a real redis-server (skipped, with the
// reason, when the Debian package is not installed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test, { after } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import { dist, tb, tempDir } from './support.mjs';
import { fakeStorage } from './store-support.mjs';
import { REDIS_MISSING, startRedis } from '../tests/support/redis-server.mjs';

const { redisStore } = await import('ticketbridge/redis-store');  // beside support.mjs's tb: one StoreError

function fakeClock() {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: async (ms) => { t += ms; } };
}

const redis = await startRedis();
after(() => redis?.stop());
const opened = [];
after(() => Promise.all(opened.map((s) => s.close())));

// Each kind: make() -> {store, advance(ms)}; `atomic` = claims are safe against parallel callers.
const KINDS = [
  { name: 'memoryStore', atomic: true, make: async () => { const c = fakeClock(); return { store: tb.memoryStore({ now: c.now }), advance: c.advance }; } },
  { name: 'fileStore', atomic: true, make: async () => { const c = fakeClock(); return { store: await tb.fileStore(tempDir(), { now: c.now }), advance: c.advance }; } },
  { name: 'localStorageStore', atomic: false, make: async () => { const c = fakeClock(); return { store: tb.localStorageStore(fakeStorage(), 'tb:', { now: c.now }), advance: c.advance }; } },
  {
    name: 'redisStore', atomic: true, skip: redis ? false : REDIS_MISSING,
    make: async () => {
      const store = await redisStore(redis.url, { prefix: `t${Math.random().toString(36).slice(2)}:` });
      opened.push(store);
      return { store, advance: (ms) => delay(ms + 30) };  // real server time
    },
  },
];

const LEASE = 200;

for (const kind of KINDS) {
  test(`${kind.name}: get, set and delete keep what was written`, { skip: kind.skip }, async () => {
    const { store } = await kind.make();
    assert.equal(await store.get('conv-1'), undefined);
    await store.set('conv-1', '{"phase":"escalated"}');
    await store.set('a "quoted" key/with:odd chars', 'x\ny');
    assert.equal(await store.get('conv-1'), '{"phase":"escalated"}');
    assert.equal(await store.get('a "quoted" key/with:odd chars'), 'x\ny');
    await store.delete('conv-1');
    assert.equal(await store.get('conv-1'), undefined);
  });

  test(`${kind.name}: a snapshot written with a ttl is gone after it`, { skip: kind.skip }, async () => {
    const { store, advance } = await kind.make();
    await store.set('short', 'kept for a while', { ttlMs: LEASE });
    await store.set('forever', 'no ttl');
    assert.equal(await store.get('short'), 'kept for a while');
    await advance(LEASE + 1);
    assert.equal(await store.get('short'), undefined);
    assert.equal(await store.get('forever'), 'no ttl');
  });

  test(`${kind.name}: one holder at a time, and only the holder saves or releases`, { skip: kind.skip }, async () => {
    const { store } = await kind.make();
    const a = await store.claim('k', 60000);
    assert.ok(a && typeof a.token === 'string');
    assert.equal(await store.claim('k', 60000), null, 'a held key cannot be claimed');
    assert.equal(await store.save('k', 'not-the-token', 'intruder'), false);
    assert.equal(await store.get('k'), undefined);
    assert.equal(await store.save('k', a.token, 'snapshot 1', { ttlMs: 60000 }), true);
    assert.equal(await store.get('k'), 'snapshot 1');
    assert.equal(await store.release('k', 'not-the-token'), false);
    assert.equal(await store.claim('k', 60000), null, 'a wrong release frees nothing');
    assert.equal(await store.release('k', a.token), true);
    const b = await store.claim('k', 60000);
    assert.ok(b, 'released: claimable again');
    assert.notEqual(b.token, a.token, 'every claim gets its own token');
    assert.equal(await store.get('k'), 'snapshot 1', 'releasing keeps the snapshot');
    await store.release('k', b.token);
  });

  test(`${kind.name}: a lapsed claim passes on, and the old holder is fenced off`, { skip: kind.skip }, async () => {
    const { store, advance } = await kind.make();
    const a = await store.claim('k', LEASE);
    await store.save('k', a.token, 'from a');
    await advance(LEASE / 2);
    assert.equal(await store.renew('k', a.token, LEASE), true, 'renewed in time');
    await advance(LEASE / 2 + 20);
    assert.equal(await store.claim('k', LEASE), null, 'the renewal kept it');
    await advance(LEASE + 1);
    const b = await store.claim('k', 60000);
    assert.ok(b, 'lapsed: another instance takes over');
    assert.equal(await store.get('k'), 'from a', 'and finds the last snapshot');
    assert.equal(await store.save('k', a.token, 'late write from a'), false);
    assert.equal(await store.renew('k', a.token, LEASE), false);
    assert.equal(await store.release('k', a.token), false);
    assert.equal(await store.get('k'), 'from a');
    assert.equal(await store.save('k', b.token, 'from b'), true);
    assert.equal(await store.get('k'), 'from b');
  });

  test(`${kind.name}: parallel claims and parallel takeovers have one winner`, { skip: kind.skip || (!kind.atomic && 'localStorage has no compare-and-set (documented)') }, async () => {
    const { store, advance } = await kind.make();
    const first = await Promise.all(Array.from({ length: 16 }, () => store.claim('race', LEASE)));
    assert.equal(first.filter(Boolean).length, 1);
    for (let round = 0; round < 4; round++) {
      await advance(LEASE + 1);
      const next = await Promise.all(Array.from({ length: 24 }, () => store.claim('race', LEASE)));
      assert.equal(next.filter(Boolean).length, 1, `round ${round}: exactly one takes a lapsed claim over`);
    }
  });
}

test('fileStore writes snapshots the owner alone can read, in a folder only the owner can enter', { skip: process.platform === 'win32' }, async () => {
  const dir = path.join(tempDir(), 'escalations');
  const store = await tb.fileStore(dir);
  await store.set('conv', 'personal data');
  const c = await store.claim('conv', 60000);
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  for (const name of fs.readdirSync(dir)) assert.equal(fs.statSync(path.join(dir, name)).mode & 0o077, 0, name);
  await store.release('conv', c.token);
});

test('fileStore refuses a URL instead of creating a folder named after it', async () => {
  const cwd = process.cwd();
  const scratch = tempDir();
  process.chdir(scratch);
  try {
    for (const location of ['redis://127.0.0.1:6379', 'file:/tmp/x', 'file:relative', 'https://example.com/']) {
      await assert.rejects(tb.fileStore(location), (e) => e instanceof tb.StoreError && e.code === 'STORE_INVALID_LOCATION', location);
    }
    assert.deepEqual(fs.readdirSync(scratch), []);
  } finally {
    process.chdir(cwd);
  }
});

test('fileStore sweep deletes expired snapshots and lapsed claims, keeps live ones', async () => {
  const clock = fakeClock();
  const dir = tempDir();
  const store = await tb.fileStore(dir, { now: clock.now, sweepEveryMs: 0 });
  await store.set('old', 'x', { ttlMs: 1000 });
  await store.set('young', 'y', { ttlMs: 60000 });
  await store.claim('lapsing', 500);
  await store.claim('held', 60000);
  await clock.advance(2000);
  assert.equal(await store.sweep(), 2);
  assert.equal(fs.readdirSync(dir).length, 2);
  assert.equal(await store.get('young'), 'y');
});

test('memoryStore forgets expired snapshots (it stays small)', () => {
  const clock = fakeClock();
  const store = tb.memoryStore({ now: clock.now });
  for (let i = 0; i < 1000; i++) store.set(`c${i}`, 'x'.repeat(100), { ttlMs: 1000 });
  assert.equal(store.size, 1000);
  clock.advance(1001);
  assert.equal(store.size, 0);
});

test('localStorageStore reports a full storage as STORE_FULL and keeps what was stored', () => {
  const storage = fakeStorage(400);
  const store = tb.localStorageStore(storage);
  store.set('small', 'ok');
  assert.throws(() => store.set('big', 'x'.repeat(1000)), (e) => e instanceof tb.StoreError && e.code === 'STORE_FULL');
  assert.equal(store.get('small'), 'ok');
});

test('redisStore answers STORE_UNAVAILABLE quickly when Redis is down', { skip: redis ? false : REDIS_MISSING }, async () => {
  const down = await startRedis();
  const url = down.url;
  await down.stop();
  const store = await redisStore(url, { connectTimeoutMs: 300, commandTimeoutMs: 300 });
  opened.push(store);
  const t0 = Date.now();
  await assert.rejects(store.claim('k', 1000), (e) => e.code === 'STORE_UNAVAILABLE' && !String(e.message).includes('redis://'));
  await assert.rejects(store.get('k'), (e) => e.code === 'STORE_UNAVAILABLE');
  assert.ok(Date.now() - t0 < 5000, 'fails fast, does not queue');
});
