// The ITSM presets (wasm/js/presets/*.json) over the WASM build, with no live system: each
// loads as a configuration, the CLI lists and prints them, the payload each renders for an
// adversarial conversation is valid JSON holding the transcript intact (HTML-escaped where the
// field is HTML), and recorded responses (tests/fixtures/presets/cases.json, shared with
// tests/unit/test_presets.cpp) give the same ticketId/ticketNumber and failure codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { dist, readJson, tb } from './support.mjs';

const NAMES = ['freshservice', 'jira', 'jira-service-management', 'rt', 'servicenow', 'topdesk', 'zendesk'];
const fixtures = readJson('tests/fixtures/presets/cases.json');
const preset = (name) => readJson(`wasm/js/presets/${name}.json`);
const cli = (...args) => spawnSync(process.execPath, [path.join(dist, 'cli.mjs'), ...args], { encoding: 'utf8' });

// The transcript as the engine writes it: "Name (time): text" per message.
function transcriptOf(conv) {
  return conv.messages.map((m) => `${m.role === 'employee' ? conv.employee.name : 'Assistant'} (${m.at}): ${m.text}`).join('\n');
}

// HTML text back to plain text: only the markup the presets wrap around values is allowed.
function htmlToText(html) {
  const tags = html.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) assert.ok(['<p>', '</p>', '<div>', '</div>', '<br>'].includes(tag), `markup got through: ${tag}`);
  return html.replace(/<br>\n/g, '\n').replace(/<\/?(p|div)>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const at = (obj, dotted) => dotted.split('.').reduce((v, k) => v?.[k], obj);

/** Escalates with the preset's config against a script of recorded replies; virtual clock. */
async function runCase(name, c) {
  const config = structuredClone(preset(name).config);
  config.escalation.requireConfirmation = false;
  config.escalation.lookupBeforeCreate = c.lookupFirst ? 'always' : 'never';
  config.escalation.retry = { maxAttempts: c.maxAttempts ?? 2, baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 60000 };
  const replies = { create: [], lookup: [] };
  for (const r of c.script) replies[r.call].push(r);
  let clock = 1_700_000_000_000;
  let purpose;
  const waits = [];
  const sent = [];
  const outcome = await tb.escalate(config, fixtures.conversation, {
    seed: 7,
    now: () => clock,
    sleep: async (ms) => { waits.push(ms); clock += ms; },
    onAction: (a) => { if (a.type === 'HttpRequest') purpose = a.request.purpose; },
    fetch: async (url, init) => {
      clock += 50;
      sent.push({ purpose, url, init });
      const r = replies[purpose].shift();
      assert.ok(r, `no recorded ${purpose} reply left`);
      return new Response(r.body === '' ? null : r.body, { status: r.status, headers: r.headers });
    },
  });
  return { outcome, waits, sent, config };
}

test('every preset is a configuration the engine loads as is, with create, lookup and fallback', () => {
  assert.deepEqual(fs.readdirSync(path.join(dist, 'presets')).map((f) => f.replace(/\.json$/, '')).sort(), NAMES);
  for (const name of NAMES) {
    const p = preset(name);
    assert.equal(p.name, name);
    for (const field of ['system', 'ticketNumber', 'ticketId', 'auth', 'needs']) assert.ok(p[field], `${name}: ${field}`);
    assert.ok(p.notes.length > 0);
    const loaded = tb.loadConfig(p.config);
    assert.ok(loaded, name);
    const esc = p.config.escalation;
    assert.ok(esc.lookup, `${name} has a lookup call`);
    assert.match(esc.fallbackUrl, /^https:\/\//);
    for (const call of [esc.apiCall, esc.lookup.apiCall]) {
      assert.ok(p.config.apiCalls[call].outputs.ticketId && p.config.apiCalls[call].outputs.ticketNumber, `${name}.${call}`);
    }
  }
});

test('ticketbridge preset list names the seven; preset <name> prints a config that loads; an unknown name fails clearly', () => {
  const list = cli('preset', 'list');
  assert.equal(list.status, 0, list.stderr);
  assert.deepEqual(list.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]), NAMES);
  const one = cli('preset', 'zendesk');
  assert.equal(one.status, 0, one.stderr);
  assert.deepEqual(JSON.parse(one.stdout), preset('zendesk').config);
  assert.match(one.stderr, /Idempotency-Key/);
  const bad = cli('preset', 'glpi');
  assert.equal(bad.status, 1);
  const err = JSON.parse(bad.stderr.slice(0, bad.stderr.lastIndexOf('}') + 1)).error;
  assert.equal(err.code, 'PRESET_UNKNOWN');
  assert.match(err.message, /servicenow/);
});

for (const [name, spec] of Object.entries(fixtures.presets)) {
  test(`${name}: the payload for an adversarial conversation is valid JSON with the transcript intact`, async () => {
    const created = spec.responses.find((c) => c.name === 'created');
    const { sent } = await runCase(name, created);
    const create = sent.find((s) => s.purpose === 'create');
    const body = JSON.parse(create.init.body);  // throws if the payload is not JSON
    const transcript = transcriptOf(fixtures.conversation);
    for (const field of spec.transcriptFields) {
      const value = at(body, field.path);
      assert.equal(typeof value, 'string', `${field.path} is a string`);
      const text = field.html ? htmlToText(value) : value;
      assert.ok(text.includes(transcript), `${name}: ${field.path} lost the transcript:\n${value}`);
      if (field.html) assert.ok(!value.includes('<script'), 'no markup from the conversation');
    }
    if (spec.idempotencyHeader) {
      const headers = new Headers(create.init.headers);
      assert.equal(headers.get(spec.idempotencyHeader), tb.escalationKey(fixtures.conversation.id));
    }
  });

  for (const c of spec.responses) {
    test(`${name}: ${c.name}`, async () => {
      const { outcome, waits } = await runCase(name, c);
      const e = c.expect;
      assert.equal(outcome.status, e.status, `${outcome.code}: ${outcome.reason}`);
      if (e.status === 'escalated') {
        assert.equal(outcome.ticketId, e.ticketId);
        assert.equal(outcome.ticketNumber, e.ticketNumber);
        if (e.existing !== undefined) assert.equal(outcome.existing, e.existing);
      } else {
        assert.equal(outcome.code, e.code);
        assert.ok(outcome.reason.includes(e.reasonIncludes), `reason: ${outcome.reason}`);
        assert.match(outcome.fallbackUrl, /^https:\/\//);
      }
      if (e.waitAtLeastMs) assert.ok(Math.max(0, ...waits) >= e.waitAtLeastMs, `waits ${waits}: Retry-After honoured`);
    });
  }
}

// What the TOPdesk notes say about the unverified empty lookup: if TOPdesk answers 204 instead
// of [], the escalation fails (not JSON) and creates nothing. Keeps the note true.
test('topdesk: a lookup answered 204 No Content (unverified whether TOPdesk does) fails the escalation without a create', async () => {
  const config = structuredClone(preset('topdesk').config);
  config.escalation.requireConfirmation = false;
  config.escalation.retry = { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 5000 };
  let clock = 1_700_000_000_000;
  let purpose;
  const sent = [];
  const outcome = await tb.escalate(config, fixtures.conversation, {
    seed: 7,
    now: () => clock,
    sleep: async (ms) => { clock += ms; },
    onAction: (a) => { if (a.type === 'HttpRequest') purpose = a.request.purpose; },
    fetch: async () => {
      clock += 50;
      sent.push(purpose);
      return purpose === 'lookup' ? new Response(null, { status: 204 }) : new Response('{"id": "u-1", "number": "I 2412 001"}', { status: 201 });
    },
  });
  assert.equal(outcome.status, 'failed');
  assert.equal(outcome.code, 'ITSM_RESPONSE_NOT_JSON');
  assert.ok(sent.length > 1 && sent.every((p) => p === 'lookup'), `requests: ${sent}`);
  assert.ok(preset('topdesk').notes.some((n) => /204 No Content is \[unverified\].*ITSM_RESPONSE_NOT_JSON/.test(n)));
});
