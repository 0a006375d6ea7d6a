// The fixture set shared with the native suite (tests/unit/test_shared_fixtures.cpp):
// rendering and output extraction give these exact results in WASM too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { readJson, rng, root, tb } from './support.mjs';

const renderCases = readJson('tests/fixtures/render/cases.json').cases;
const extractionCases = readJson('tests/fixtures/extraction/cases.json').cases;

test('render fixtures', () => {
  assert.ok(renderCases.length >= 20);
  for (const c of renderCases) {
    const config = typeof c.config === 'string' ? readJson(c.config) : c.config;
    const loaded = tb.loadConfig(config);
    if (c.expectError) {
      assert.throws(() => loaded.render(c.call, c.params), (err) => {
        assert.equal(err.code, c.expectError.code, c.name);
        if (c.expectError.path) assert.equal(err.path, c.expectError.path, c.name);
        return true;
      }, c.name);
      continue;
    }
    const shown = loaded.render(c.call, c.params);
    assert.equal(shown.method, c.expect.method, c.name);
    assert.equal(shown.url, c.expect.url, c.name);
    assert.deepEqual(shown.headers, c.expect.headers, c.name);
    assert.deepEqual(shown.body === null ? null : JSON.parse(shown.body), c.expect.body, c.name);
  }
});

// What a host that sends the request itself calls: the wire body alone, or the error render()
// throws for the same arguments (the native twin: tests/unit/test_render_payload.cpp).
test('renderPayload gives render()\'s wire body for every render fixture, or its error', () => {
  for (const c of renderCases) {
    const config = typeof c.config === 'string' ? readJson(c.config) : c.config;
    const loaded = tb.loadConfig(config);
    let expected;
    let failure;
    try {
      expected = loaded.render(c.call, c.params).wire.body;
    } catch (err) {
      failure = err;
    }
    for (const params of [c.params, JSON.stringify(c.params)]) {
      if (!failure) {
        assert.equal(loaded.renderPayload(c.call, params), expected, c.name);
        continue;
      }
      assert.throws(() => loaded.renderPayload(c.call, params), (err) => {
        assert.equal(err.constructor, failure.constructor, c.name);
        assert.deepEqual({ ...err, message: err.message }, { ...failure, message: failure.message }, c.name);
        return true;
      }, c.name);
    }
  }
});

test('renderPayload and render agree on values a JavaScript string can hold', () => {
  const loaded = tb.loadConfig(readJson('examples/servicenow/config.json'));
  const pieces = ['a', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', 'é', '\u2028',
    '\u2029', '€', '😀', '\ud800', '\udfff', '{{x}}', 'long plain text '];
  const random = rng(17);
  for (let round = 0; round < 300; round++) {
    let value = '';
    for (let k = Math.floor(random() * 30); k > 0; k--) value += pieces[Math.floor(random() * pieces.length)];
    const params = { caller_id: 'c', short_description: value, description: value + value, correlation_id: 'tb-1' };
    let expected;
    let failure;
    try {
      expected = loaded.render('createIncident', params).wire.body;
    } catch (err) {
      failure = err;
    }
    if (failure) {
      assert.throws(() => loaded.renderPayload('createIncident', params), (err) => err.code === failure.code && err.message === failure.message);
    } else {
      assert.equal(loaded.renderPayload('createIncident', params), expected, JSON.stringify(value));
      assert.deepEqual(JSON.parse(expected).short_description, value);
    }
  }
});

test('extraction fixtures', () => {
  assert.ok(extractionCases.length >= 10);
  for (const c of extractionCases) {
    const config = {
      credentials: { itsm: { baseUrl: 'https://itsm.example.com/', auth: { type: 'none' } } },
      apiCalls: { call: { credential: 'itsm', method: 'GET', resource: 'x', outputs: c.outputs } },
    };
    const body = c.bodyFile
      ? fs.readFileSync(path.join(root, 'tests/fixtures/extraction', c.bodyFile), 'utf8')
      : c.body;
    const loaded = tb.loadConfig(config);
    if (c.expectError) {
      assert.throws(() => loaded.outputs('call', body), (err) => err.code === c.expectError.code, c.name);
      continue;
    }
    assert.deepEqual(loaded.outputs('call', body), c.expect, c.name);
  }
});
