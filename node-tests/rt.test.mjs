// Escalation into a real Request Tracker 5 (Debian's packages, tests/rt/rt-server.mjs), over the
// WASM build with examples/rt/config.json: the ticket is there afterwards with the transcript as
// sent, byte for byte, and the category fields; one ticket per conversation when the answer to
// the create is lost and when the conversation is escalated twice; RT's own refusals end as
// Failed with the fallback and RT's words. One RT serves every case (it takes seconds to start).
//
// CTest runs this file directly (not under --test) so that, without RT, its first line is
// "skipped: <why>" and the run is reported as skipped (tests/CMakeLists.txt).
import assert from 'node:assert/strict';
import net from 'node:net';
import test, { after } from 'node:test';

import { readJson, tb } from './support.mjs';
import { rtHeaders, startRt } from '../tests/rt/rt-server.mjs';

const began = Date.now();
const notes = [];  // printed after the verdict, so a skip's first line is "skipped: ..."
const rt = await startRt({ log: (m) => notes.push(`rt: ${m}`) });
if (rt.skipped) {
  console.log(`skipped: ${rt.skipped}`);
  for (const n of notes) console.log(n);
} else {
  for (const n of notes) console.error(n);
  after(() => rt.stop());
  console.error(`rt: RT 5 ready in ${((Date.now() - began) / 1000).toFixed(1)} s (database ${rt.setupMs} ms, server pid ${rt.pid})`);
  defineTests();
}

function rtConfig(tweak) {
  const config = readJson('examples/rt/config.json');
  config.credentials.rt.baseUrl = rt.baseUrl;
  config.escalation.requireConfirmation = false;
  config.escalation.timeoutMs = 10000;  // RT on a loaded 2-core machine can take seconds per create
  config.escalation.retry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200, deadlineMs: 30000 };
  tweak?.(config);
  return config;
}

// Quotes, backslashes, line breaks, tabs, markup, template and TicketSQL syntax, non-ASCII:
// everything that breaks a payload built by hand.
function conversation(id) {
  return {
    id,
    employee: { id: 'emp-7', name: 'Zoë "Z" O\'Neil', email: `zoe.${id}@example.com` },
    device: { name: 'LT-ZOE-01' },
    messages: [
      { role: 'employee', text: 'VPN says: "auth failed" \\ code 0x80\nsecond line\twith a tab', at: '2026-12-05T09:00:00Z' },
      { role: 'assistant', text: "I tried <b>reset</b> & {{transcript}} and '; DROP TABLE Tickets; -- ✓ 😀", at: '2026-12-05T09:00:05Z' },
      { role: 'employee', text: 'CF.{Ticketbridge Key} = \'x\' OR 1=1 — still broken', at: '2026-12-05T09:00:09Z' },
    ],
    diagnostics: [{ name: 'VPN client', result: 'version 5.1, certificate valid' }],
    summary: `VPN authentication fails (${id})`,
    category: 'Network',
    subCategory: 'VPN',
  };
}

async function rtJson(route) {
  const res = await fetch(new URL(route, rt.baseUrl), { headers: rtHeaders(rt) });
  const body = await res.json();
  assert.equal(res.status, 200, `${route}: ${JSON.stringify(body)}`);
  return body;
}

async function ticketsWithKey(key) {
  const query = encodeURIComponent(`'CF.{Ticketbridge Key}' = '${key}'`);
  const found = await rtJson(`REST/2.0/tickets?query=${query}`);
  return found.items.map((i) => i.id);
}

const cf = (ticket, name) => ticket.CustomFields.find((f) => f.name === name)?.values ?? [];

// The body of the ticket's Create transaction: what RT shows as the first message.
async function firstMessage(id) {
  const history = await rtJson(`REST/2.0/ticket/${id}/history?fields=Type`);
  const create = history.items.find((tx) => tx.Type === 'Create');
  assert.ok(create, `no Create transaction in ${JSON.stringify(history.items)}`);
  const attachments = await rtJson(`REST/2.0/transaction/${create.id}/attachments?fields=Content,ContentType`);
  const text = attachments.items.find((a) => a.ContentType === 'text/plain' && a.Content);
  assert.ok(text, `no text/plain attachment in ${JSON.stringify(attachments.items)}`);
  return text.Content;  // REST 2 returns a text part's content as text
}

// Records what the engine sent, so the test compares RT's copy with the bytes that left.
function recordingFetch(sent) {
  return async (url, init) => {
    if (init?.method === 'POST') sent.push(JSON.parse(init.body));
    return fetch(url, init);
  };
}

/** A 127.0.0.1 proxy to RT that, once, passes a POST on but drops the connection when RT answers. */
async function droppingProxy(target) {
  let armed = true;
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.hostname, port: Number(target.port) });
    sockets.add(client).add(upstream);
    let postPending = false;
    client.on('data', (d) => {
      if (armed && d.subarray(0, 5).toString('latin1') === 'POST ') postPending = true;
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (postPending && armed) {
        armed = false;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(d);
    });
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      a.on('error', () => b.destroy());
      a.on('close', () => { b.destroy(); sockets.delete(a); });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}/`,
    get dropped() { return !armed; },
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(resolve); }),
  };
}

const audit = (outcome) => outcome.record.audit.map((a) => a.detail).join('\n');

function defineTests() {
  test('an escalation creates an RT ticket holding the transcript byte for byte, with the category fields', async () => {
    const conv = conversation('rt-content');
    const sent = [];
    const outcome = await tb.escalate(rtConfig(), conv, { fetch: recordingFetch(sent) });
    assert.equal(outcome.status, 'escalated', outcome.reason);
    assert.match(outcome.ticketNumber, /^\d+$/);
    assert.equal(outcome.ticketId, outcome.ticketNumber, 'RT has no separate number');
    assert.equal(sent.length, 1);

    const ticket = await rtJson(`REST/2.0/ticket/${outcome.ticketId}`);
    assert.equal(ticket.Subject, conv.summary);
    assert.equal(cf(ticket, 'Ticketbridge Key')[0], tb.escalationKey(conv.id));
    assert.deepEqual(cf(ticket, 'Category'), ['Network']);
    assert.deepEqual(cf(ticket, 'Subcategory'), ['VPN']);

    const expected = conv.messages.map((m) => `${m.role === 'employee' ? conv.employee.name : 'Assistant'} (${m.at}): ${m.text}`).join('\n');
    assert.equal(sent[0].Content, expected, 'the engine sent the transcript unchanged');
    const stored = await firstMessage(outcome.ticketId);
    assert.equal(Buffer.compare(Buffer.from(stored.replace(/\n$/, '')), Buffer.from(expected)), 0,
                 `RT holds a different transcript:\n${JSON.stringify(stored)}\n${JSON.stringify(expected)}`);
    assert.deepEqual(await ticketsWithKey(tb.escalationKey(conv.id)), [outcome.ticketId]);
  });

  test('the same conversation escalated twice is one ticket: the lookup by the key finds it', async () => {
    const conv = conversation('rt-twice');
    const first = await tb.escalate(rtConfig(), conv);
    const second = await tb.escalate(rtConfig(), conv);
    assert.equal(first.status, 'escalated', first.reason);
    assert.equal(second.status, 'escalated', second.reason);
    // (The first may itself report an existing ticket: when its create answers after the
    // timeout, the lookup finds the ticket that create made.)
    assert.equal(second.existing, true);
    assert.equal(second.ticketNumber, first.ticketNumber);
    assert.deepEqual(await ticketsWithKey(tb.escalationKey(conv.id)), [first.ticketId]);
  });

  test('a connection killed after RT created the ticket: the lookup finds it, no second ticket', async () => {
    const proxy = await droppingProxy(new URL(rt.baseUrl));
    try {
      const conv = conversation('rt-dropped');
      const outcome = await tb.escalate(rtConfig((c) => { c.credentials.rt.baseUrl = proxy.baseUrl; }), conv);
      assert.ok(proxy.dropped, 'the proxy dropped the answer to the create');
      assert.equal(outcome.status, 'escalated', outcome.reason);
      assert.equal(outcome.existing, true, 'found by the lookup, not created again');
      assert.match(audit(outcome), /connection to the ITSM was lost during the create request/);
      assert.deepEqual(await ticketsWithKey(tb.escalationKey(conv.id)), [outcome.ticketId]);
    } finally {
      await proxy.close();
    }
  });

  test('token auth (Authorization: token <t>) creates the ticket too', async () => {
    const conv = conversation('rt-token');
    const config = rtConfig((c) => { c.credentials.rt.auth = { type: 'bearer', scheme: 'token', token: rt.token }; });
    const outcome = await tb.escalate(config, conv);
    assert.equal(outcome.status, 'escalated', outcome.reason);
    assert.deepEqual(await ticketsWithKey(tb.escalationKey(conv.id)), [outcome.ticketId]);
  });

  const refusals = [
    ['bad credentials: 401', (c) => { c.credentials.rt.auth.password = 'not-the-rt-password'; },
      'ITSM_UNAUTHORIZED', /rejected the credentials \(HTTP 401: Unauthorized\)/],
    ['an unknown queue: 403', (c) => { c.apiCalls.createTicket.parameters[0].default = 'No Such Queue'; },
      'ITSM_FORBIDDEN', /HTTP 403: No permission to create tickets in the queue 'No Such Queue'/],
    ['a body that is not an object: 400', (c) => { c.apiCalls.createTicket.payload = `[${c.apiCalls.createTicket.payload}]`; },
      'ITSM_BAD_REQUEST', /HTTP 400: JSON object must be a HASH/],
  ];
  for (const [name, tweak, code, reason] of refusals) {
    test(`RT refuses (${name}): Failed with the fallback URL and RT's reason, no ticket`, async () => {
      const config = rtConfig(tweak);
      const conv = conversation(`rt-refused-${code}`);
      const outcome = await tb.escalate(config, conv);
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.code, code);
      assert.match(outcome.reason, reason);
      assert.equal(outcome.fallbackUrl, config.escalation.fallbackUrl);
      assert.ok(outcome.employeeMessage.includes(config.escalation.fallbackUrl));
      assert.ok(!JSON.stringify(outcome).includes(rt.password), 'the password never shows');
      assert.deepEqual(await ticketsWithKey(tb.escalationKey(conv.id)), []);
    });
  }
}
