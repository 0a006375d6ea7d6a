// The fixture set shared with the native suite (tests/unit/test_shared_fixtures.cpp):
// rendering and output extraction give these exact results in WASM too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { readJson, root, tb } from './support.mjs';

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
