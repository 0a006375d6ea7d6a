// The shared picture fixtures through `ticketbridge/jsonata` used alone: the JSONata-only
// engine (ticketbridge-jsonata.wasm) with the pictures module its first evaluate of a picture
// loads. This file imports nothing else, so the drop-in loads the small engine (checked by the
// bytes compiled) and the pictures module, as a drop-in-only page or function does.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { checkPictureFixtures } from './picture-fixtures.mjs';
import { dist } from './paths.mjs';

const compiled = [];
const compile = WebAssembly.compile;
WebAssembly.compile = (bytes) => { compiled.push(bytes.byteLength); return compile(bytes); };
const { default: jsonata } = await import(path.join(dist, 'dropin.node.mjs'));

test('the shared picture fixtures answer as jsonata-js does through the drop-in, the JSONata-only engine and the pictures module', async () => {
  const { ran, wrong } = await checkPictureFixtures((expr, bindings) => jsonata(expr).evaluate(null, bindings));
  assert.ok(ran > 6000, `${ran} rows`);
  assert.deepEqual(wrong, []);
  const size = (file) => fs.statSync(path.join(dist, file)).size;
  // The drop-in reads both files at once and compiles each as its bytes arrive, in either order.
  const big = compiled.filter((n) => n > 100000).sort((a, b) => a - b);
  assert.deepEqual(big, [size('ticketbridge-jsonata.wasm'), size('ticketbridge-pictures.wasm')].sort((a, b) => a - b));
});
