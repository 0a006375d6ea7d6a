// The escalation scenarios shared with the native suite (tests/unit/test_escalation_fixtures.cpp):
// each tests/fixtures/escalation/*.json runs through the package's escalate() over the WASM
// build, with a scripted fetch and a virtual clock, and must end exactly as written there.
// Format: tests/fixtures/escalation/README.md.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { readJson, root, tb } from './support.mjs';

const START_MS = 1_700_000_000_000;
const LATENCY_MS = 50;
const CONFIRM_MS = 1000;
const DEFAULT_TIMEOUT_MS = 10000;

const dir = path.join(root, 'tests/fixtures/escalation');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

// RFC 7386, as nlohmann's merge_patch applies it on the native side.
function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function documentOf(spec, key) {
  const doc = typeof spec[key] === 'string' ? readJson(spec[key]) : spec[key];
  return spec[`${key}Patch`] ? mergePatch(doc, spec[`${key}Patch`]) : doc;
}

// The failures Node's fetch reports, as perform() in wasm/js/http.mjs reads them.
function transportFailure(kind) {
  const code = { connect: 'ECONNREFUSED', reset: 'ECONNRESET' }[kind];
  if (!code) throw new Error(`the scripted fetch cannot play transport error "${kind}"`);
  return Object.assign(new TypeError('fetch failed'), { cause: { code } });
}

async function play(spec) {
  const config = documentOf(spec, 'config');
  const timeoutMs = config.escalation?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const problems = [];
  const actions = [];
  const waitsMs = [];
  const script = spec.script;
  let next = 0;
  let now = START_MS;
  let pending;  // the purpose of the request the machine just asked for
  const fetch = async (url, init) => {
    if (next >= script.length) throw new Error(`the script has no answer for ${init.method} ${url}`);
    const step = script[next];
    if (!step.repeat) next += 1;
    if (step.for !== pending) problems.push(`request for ${pending} is not for ${step.for}`);
    if (step.error === 'timeout') {
      // perform() ends the request at its time limit; the virtual clock moves as far.
      now += timeoutMs;
      return new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    now += LATENCY_MS;
    if (step.error) throw transportFailure(step.error);
    const body = step.body ?? (step.bodyJson !== undefined ? JSON.stringify(step.bodyJson) : '');
    return new Response(body, { status: step.status, headers: step.headers ?? {} });
  };
  const outcome = await tb.escalate(config, documentOf(spec, 'conversation'), {
    fetch,
    now: () => now,
    sleep: async (ms) => { now += ms; },
    confirm: async () => { now += CONFIRM_MS; return spec.confirm ?? true; },
    seed: spec.seed ?? 0,
    reason: spec.reason ?? 'needs a technician',
    onAction: (a) => {
      actions.push(JSON.parse(JSON.stringify(a)));
      if (a.type === 'HttpRequest') pending = a.request.purpose;
      if (a.type === 'Wait') waitsMs.push(a.untilMs - now);
    },
  });
  if (next < script.length && !script[next].repeat) problems.push(`the script has unused answers from step ${next}`);
  return { outcome, actions, waitsMs, problems };
}

function actionKind(a) {
  return a.type === 'HttpRequest' ? `HttpRequest:${a.request.purpose}` : a.type;
}

function checkMembers(expected, actual, what) {
  for (const [key, want] of Object.entries(expected)) {
    const m = /^(.*)(Includes|Excludes)$/.exec(key);
    if (m) {
      const text = String(actual[m[1]] ?? '');
      for (const part of want) assert.equal(text.includes(part), m[2] === 'Includes', `${what}.${m[1]} ${m[2] === 'Includes' ? 'lacks' : 'has'} "${part}": ${text}`);
    } else {
      assert.deepEqual(actual[key], want, `${what}.${key}`);
    }
  }
}

test('the escalation fixtures are there', () => {
  assert.ok(files.length >= 20, `${files.length} fixtures`);
});

for (const file of files) {
  test(`escalation fixture ${file}`, async () => {
    const spec = readJson(path.join('tests/fixtures/escalation', file));
    const { outcome, actions, waitsMs, problems } = await play(spec);
    assert.deepEqual(problems, []);
    const expect = spec.expect;
    checkMembers(expect.outcome, actions.at(-1), 'outcome');
    const kinds = actions.map(actionKind);
    if (expect.actions) assert.deepEqual(kinds, expect.actions);
    for (const [purpose, n] of Object.entries(expect.requests ?? {})) {
      assert.equal(kinds.filter((k) => k === `HttpRequest:${purpose}`).length, n, `${purpose} requests`);
    }
    if (expect.audit) {
      assert.deepEqual(outcome.record.audit.map((e) => `${e.event}:${e.from}>${e.to}`), expect.audit);
    }
    if (expect.attempts !== undefined) assert.equal(outcome.record.attempts, expect.attempts);
    if (expect.status !== undefined) assert.equal(outcome.record.status, expect.status);
    if (expect.waitsMs) assert.deepEqual(waitsMs, expect.waitsMs);
    const requests = actions.filter((a) => a.type === 'HttpRequest').map((a) => a.request);
    for (const c of expect.requestChecks ?? []) {
      assert.ok(c.index < requests.length, `no request ${c.index}`);
      checkMembers(c.request, requests[c.index], `request ${c.index}`);
    }
    for (const [a, b] of expect.sameBody ?? []) assert.equal(requests[a].body, requests[b].body, `requests ${a} and ${b}`);
  });
}
