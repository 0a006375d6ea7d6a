// The version is written once, in wasm/package.json: CMake reads it from there into the C++
// libraries (ticketbridge/version.hpp), so the engine reports it, and the developer tools'
// package must name the same one as its own and as the runtime it pairs with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readJson, tb } from './support.mjs';

test('the engine, the npm package and the developer tools carry one version', () => {
  const { version } = readJson('wasm/package.json');
  assert.equal(tb.version, version);
  const devtools = readJson('wasm/devtools/package.json');
  assert.equal(devtools.version, version);
  assert.equal(devtools.peerDependencies.ticketbridge, version);
});
