// The request's time limit holds whatever the host's fetch does with its abort signal: Debian
// 12's Node 18 (undici 5.15) could leave a fetch pending after the abort when the ITSM never
// answered, and escalations then hung instead of retrying (found on a fresh bookworm machine).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tb } from './support.mjs';

const wire = { id: 'create-1', method: 'POST', url: 'https://itsm.example.com/api', headers: {}, body: '{}', timeoutMs: 50 };

test('perform(): a fetch that ignores its signal still ends in "timeout" at the limit', async () => {
  let aborted = false;
  const deaf = (url, init) => {
    init.signal.addEventListener('abort', () => { aborted = true; });
    return new Promise(() => {});  // never settles, abort or not
  };
  const res = await tb.perform(wire, deaf);
  assert.deepEqual(res, { requestId: 'create-1', status: 0, error: 'timeout' });
  assert.equal(aborted, true, 'the signal is still aborted, for fetches that honour it');
});

test('perform(): a body that never finishes ends in "timeout" too', async () => {
  const stalled = async () => new Response(new ReadableStream({ start() {} }), { status: 201 });
  const res = await tb.perform(wire, stalled);
  assert.equal(res.error, 'timeout');
});

test('perform(): an answer within the limit is returned as it came', async () => {
  const quick = async () => new Response('{"ok":true}', { status: 201, headers: { 'content-type': 'application/json' } });
  const res = await tb.perform(wire, quick);
  assert.equal(res.status, 201);
  assert.equal(res.body, '{"ok":true}');
});
