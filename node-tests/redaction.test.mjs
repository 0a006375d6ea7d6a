// Transcript redaction over the WASM build, on the fixture set the native suite uses
// (tests/fixtures/redaction/cases.json), and inside an escalation.
import assert from 'node:assert/strict';
import test from 'node:test';

import { exampleConversation, incidents, readJson, tb, withSimulator } from './support.mjs';

const fixtures = readJson('tests/fixtures/redaction/cases.json');
const expand = (parts) => parts.map(([text, n]) => text.repeat(n)).join('');
const counts = (c) => ({ email: 0, phone: 0, card: 0, secret: 0, term: 0, ...(c ?? {}) });

test('every text case', () => {
  assert.ok(fixtures.cases.length >= 80);
  for (const c of fixtures.cases) {
    const r = tb.redactText(c.text, c.options);
    assert.equal(r.text, c.expect, c.name);
    assert.deepEqual(r.counts, counts(c.counts), c.name);
  }
});

test('long adversarial inputs come out right', () => {
  for (const c of fixtures.longInputs) {
    const r = tb.redactText(expand(c.parts), c.options);
    assert.ok(r.text === expand(c.expectParts), c.name);
    assert.deepEqual(r.counts, counts(c.counts), c.name);
  }
});

test('invalid options are coded errors', () => {
  for (const c of fixtures.optionErrors) {
    assert.throws(() => tb.redactText('x', c.options), (err) => err.code === c.error.code && (err.path ?? '') === c.error.path, c.name);
  }
});

test('with redaction on, the ticket carries the masked transcript and the audit says what was masked', async (t) => {
  const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.redaction = { terms: ['Project Falcon'] }; } });
  const conv = exampleConversation();
  conv.messages.push({ role: 'employee', text: 'Reach me at +41 44 668 18 00 or abel.private@gmail.com; my PIN is 4711. Card 4111 1111 1111 1111. Re: Project Falcon.' });
  const outcome = await tb.escalate(config, conv, { seed: 1 });
  assert.equal(outcome.status, 'escalated');
  const [inc] = await incidents(sim);
  for (const leaked of ['+41 44 668 18 00', 'abel.private@gmail.com', '4711', '4111 1111 1111 1111', 'Project Falcon']) {
    assert.ok(!JSON.stringify(inc).includes(leaked), `sent to the ITSM: ${leaked}`);
  }
  assert.ok(inc.description.includes('[email]') && inc.description.includes('[card]'));
  assert.equal(inc.caller_id?.value ?? inc.caller_id, conv.employee.id, 'identity fields are not masked');
  assert.ok(outcome.record.audit.some((e) => /redaction masked .*email/.test(e.detail)));
});
