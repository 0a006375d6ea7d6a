// A page's fetch() refusing a cross-origin request (no CORS headers) fails the escalation at
// once with ITSM_BLOCKED, instead of the retry policy's 44 s of "connection lost"; a network
// failure keeps its retries. The browser's behaviour is reproduced with a fetch that rejects
// with a bare TypeError, as browsers do; the real thing is driven in Chromium by the bundler
// test (tests/bundlers).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleConfig, exampleConversation, tb } from './support.mjs';

const ITSM = 'https://itsm.example.com/';
const PAGE = 'https://widget.example.org';

function configFor() {
  const config = exampleConfig();
  config.credentials.servicenow.baseUrl = ITSM;
  return config;
}

// A fake clock: sleep() advances it, so retries cost no real time but are counted.
function clock() {
  let t = 1_700_000_000_000;
  return { now: () => t, sleep: async (ms) => { t += ms; } };
}

// Rejects every request like a browser refusing it; answers no-cors probes when `reachable`.
function browserFetch({ reachable }) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, mode: init?.mode, method: init?.method });
    if (init?.mode === 'no-cors' && reachable) return new Response(null, { status: 200 });
    throw new TypeError('Failed to fetch');
  };
  return { fetch, calls };
}

test('perform(): a cross-origin TypeError with the server reachable is "blocked"', async () => {
  const { fetch, calls } = browserFetch({ reachable: true });
  const wire = { id: 'r1', method: 'POST', url: ITSM + 'api/now/table/incident', headers: {}, body: '{}', timeoutMs: 1000 };
  const res = await tb.perform(wire, fetch, { pageOrigin: PAGE });
  assert.equal(res.error, 'blocked');
  assert.deepEqual(calls.map((c) => c.mode), [undefined, 'no-cors']);
  assert.equal(calls[1].url, 'https://itsm.example.com/', 'the probe asks the origin, not the API');
});

test('perform(): unreachable, same-origin, or no page at all stays a network error', async () => {
  const wire = { id: 'r1', method: 'GET', url: ITSM + 'x', headers: {}, body: null, timeoutMs: 1000 };
  assert.equal((await tb.perform(wire, browserFetch({ reachable: false }).fetch, { pageOrigin: PAGE })).error, 'network');
  const sameOrigin = browserFetch({ reachable: true });
  assert.equal((await tb.perform(wire, sameOrigin.fetch, { pageOrigin: 'https://itsm.example.com' })).error, 'network');
  assert.equal(sameOrigin.calls.length, 1, 'no probe for a same-origin request');
  assert.equal((await tb.perform(wire, browserFetch({ reachable: true }).fetch, { pageOrigin: undefined })).error, 'network');
});

test('escalate() in a page: a CORS refusal fails at once with ITSM_BLOCKED and the fallback', async (t) => {
  globalThis.location = { origin: PAGE };
  t.after(() => { delete globalThis.location; });
  const { fetch, calls } = browserFetch({ reachable: true });
  const { now, sleep } = clock();
  const started = now();
  const outcome = await tb.escalate(configFor(), exampleConversation(), { fetch, now, sleep, seed: 7 });
  assert.equal(outcome.status, 'failed');
  assert.equal(outcome.code, 'ITSM_BLOCKED');
  assert.match(outcome.reason, /CORS/);
  assert.match(outcome.reason, /same-origin relay/);
  assert.equal(outcome.fallbackUrl, exampleConfig().escalation.fallbackUrl);
  assert.equal(calls.filter((c) => c.mode !== 'no-cors').length, 1, 'one attempt, no retries');
  assert.equal(now() - started, 0, 'no backoff waited');
});

test('escalate() in a page: a network failure is still retried', async (t) => {
  globalThis.location = { origin: PAGE };
  t.after(() => { delete globalThis.location; });
  const { fetch, calls } = browserFetch({ reachable: false });
  const { now, sleep } = clock();
  const outcome = await tb.escalate(configFor(), exampleConversation(), { fetch, now, sleep, seed: 7 });
  assert.equal(outcome.status, 'failed');
  assert.notEqual(outcome.code, 'ITSM_BLOCKED');
  assert.ok(calls.filter((c) => c.mode !== 'no-cors').length > 1, 'retried');
});
