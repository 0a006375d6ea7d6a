// Stores clean up and stay small: a final snapshot lives for the retention the host sets (0
// deletes it at once), snapshots keep only what a resume needs (not three copies of the
// transcript), and a store that is full is a degraded path that still ends in an outcome.
import assert from 'node:assert/strict';
import test from 'node:test';

import { exampleConversation, incidents, tb, withSimulator } from './support.mjs';
import { fakeStorage } from './store-support.mjs';

const noConfirm = (c) => { c.escalation.requireConfirmation = false; };

function bigConversation(id, bytes) {
  const conv = { ...exampleConversation(), id };
  const line = 'The docking station drops the external monitor after the update, every few minutes. ';
  conv.messages = [];
  for (let n = 0; n < bytes; n += line.length * 4) {
    conv.messages.push({ role: 'employee', text: line.repeat(4) });
  }
  return conv;
}

const transcriptBytes = (conv) => conv.messages.reduce((n, m) => n + Buffer.byteLength(m.text), 0);

test('a final snapshot is kept for the retention, then gone; retention 0 deletes it at once', async (t) => {
  const { config } = await withSimulator(t, { tweak: noConfirm });
  // Real time plus a jump: a frozen clock would stall any backoff the machine needs.
  let jump = 0;
  const now = () => Date.now() + jump;
  const store = tb.memoryStore({ now });
  const kept = await tb.escalate(config, { ...exampleConversation(), id: 'kept' }, { store, now, retentionMs: 60000 });
  assert.equal(kept.status, 'escalated');
  assert.equal(JSON.parse(store.get('kept')).phase, 'escalated');
  // A repeated delivery within the retention is answered from the store: no request at all.
  let requests = 0;
  const again = await tb.escalate(config, { ...exampleConversation(), id: 'kept' }, {
    store, now, retentionMs: 60000, fetch: (...a) => { requests += 1; return fetch(...a); },
  });
  assert.equal(again.ticketNumber, kept.ticketNumber);
  assert.equal(requests, 0);
  jump += 60001;
  assert.equal(store.get('kept'), undefined);
  assert.equal(store.size, 0);

  const gone = await tb.escalate(config, { ...exampleConversation(), id: 'gone' }, { store, now, retentionMs: 0 });
  assert.equal(gone.status, 'escalated');
  assert.equal(store.get('gone'), undefined, 'deleted on the final outcome');
});

test('after the retention a repeated delivery still finds the ticket (by the lookup), not a new one', async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: noConfirm });
  const store = tb.memoryStore();
  const c = { ...exampleConversation(), id: 'after-retention' };
  const first = await tb.escalate(config, c, { store, retentionMs: 0 });
  const second = await tb.escalate(config, c, { store, retentionMs: 0 });
  assert.equal(second.ticketNumber, first.ticketNumber);
  assert.equal(second.existing, true);
  assert.equal((await incidents(sim)).length, 1);
});

test('snapshots keep one copy of the transcript, not three', async (t) => {
  const { config } = await withSimulator(t, { tweak: (c) => { noConfirm(c); c.escalation.timeoutMs = 5000; } });
  const conv = bigConversation('big-transcript', 200_000);
  let largest = 0;
  const store = tb.memoryStore();
  let saves = 0;
  const watching = {
    ...store,
    get: store.get,
    save: (k, token, v, o) => { saves += 1; largest = Math.max(largest, Buffer.byteLength(v)); return store.save(k, token, v, o); },
  };
  const outcome = await tb.escalate(config, conv, { store: watching });
  assert.equal(outcome.status, 'escalated');
  assert.ok(saves >= 3, `${saves} snapshots saved`);
  const ratio = largest / transcriptBytes(conv);
  assert.ok(ratio < 1.3, `largest snapshot is ${ratio.toFixed(2)}x the transcript`);
  // What the messages need is kept: the employee still hears the ticket number on a repeat.
  const again = await tb.escalate(config, conv, { store });
  assert.ok(again.employeeMessage.includes(outcome.ticketNumber));
});

test('a full browser storage is a degraded path: the escalation still ends in an outcome', async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: noConfirm });
  const storage = fakeStorage(2000);  // far less than one snapshot
  const outcome = await tb.escalate(config, { ...exampleConversation(), id: 'quota' }, { store: tb.localStorageStore(storage) });
  assert.equal(outcome.status, 'escalated');
  assert.equal(outcome.storeError.code, 'STORE_FULL');
  assert.equal((await incidents(sim)).length, 1);
  assert.match(outcome.record.audit.map((a) => a.detail).join('\n'), /store is unavailable|no history/);
});
