// $uppercase / $lowercase in the WebAssembly modules call the host's toUpperCase() /
// toLowerCase() (wasm/src/host_case.cpp): the engine's text crosses as WTF-8, so lone
// surrogates, astral characters, expansions (ß, ŉ, ΐ) and the final sigma must survive the
// trip, in both modules. The answer must be the host's own, which is what jsonata-js answers in
// the same host. The native build maps with tables (tests/jsonata/test_unicode_case.cpp checks
// them against tests/fixtures/jsonata/unicode-case.json); where this Node has the Unicode
// version those tables were generated from, the modules must agree with them too.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { dist, root } from './paths.mjs';

const fixtureFile = path.join(root, 'tests/fixtures/jsonata/unicode-case.json');
const fixture = JSON.parse(fs.readFileSync(fixtureFile, 'utf8'));

// Runs in a new process against one entry, so the drop-in loads its own (JSONata-only) module;
// prints the texts whose mapping differs from the host's, and from the fixture's.
const check = (entry) => `
  const tb = await import(${JSON.stringify(pathToFileURL(path.join(dist, entry)).href)});
  if (tb.init) await tb.init();
  const jsonata = tb.jsonata ?? tb.default;
  const fixture = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(fixtureFile)}, 'utf8'));
  const up = jsonata('$uppercase(s)'), lo = jsonata('$lowercase(s)');
  const ask = async (e, s) => await e.evaluate({ s });
  const wrong = [];
  const texts = ['', 'INC0010001 printer offline', 'straße', 'ΟΔΟΣ ΟΔΟΣ.', 'ὈΔΥΣΣΕΎΣ', 'ΑΣ\\u0301', 'a\\uD800b',
    '\\uDC00x\\uD83D', '\\uD83D\\uDE00 ǅ ǈ', '𐐨𐐩 𞤀', 'İstanbul ı', 'ŉ ΐ ﬃ ﬀ', 'é'.repeat(70000) + 'Σ'];
  for (let start = 0; start < 0x110000; start += 0x2000) {
    let s = '';
    for (let cp = start; cp < start + 0x2000; cp++) s += String.fromCodePoint(cp) + ' ';
    texts.push(s);
  }
  for (const s of texts) {
    if ((await ask(up, s)) !== s.toUpperCase()) wrong.push(['upper', s.slice(0, 12)]);
    if ((await ask(lo, s)) !== s.toLowerCase()) wrong.push(['lower', s.slice(0, 12)]);
  }
  const fixtureWrong = [];
  if (process.versions.unicode === fixture.unicode) {
    for (const [kind, e] of [['upper', up], ['lower', lo]]) {
      for (const [cp, mapped] of Object.entries(fixture[kind])) {
        if ((await ask(e, String.fromCodePoint(Number(cp)))) !== mapped) fixtureWrong.push([kind, cp]);
      }
    }
  }
  console.log(JSON.stringify({ wrong, fixtureWrong, unicode: process.versions.unicode }));`;

async function run(entry) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', check(entry)],
    { timeout: 120000, maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

for (const [name, entry] of [['the full module (main entry)', 'index.mjs'], ['the JSONata-only module (drop-in)', 'dropin.node.mjs']]) {
  test(`${name}: $uppercase and $lowercase answer what the host's toUpperCase and toLowerCase answer`, async () => {
    const r = await run(entry);
    assert.deepEqual(r.wrong, []);
    assert.deepEqual(r.fixtureWrong, [], `Unicode ${r.unicode}: the modules disagree with the native tables' fixture`);
  });
}

test('the fixture is the one the native tables were generated with', () => {
  // Both come from tests/fixtures/jsonata/generate-unicode-case.js on one Node.
  const data = fs.readFileSync(path.join(root, 'core/jsonata/src/unicode_case_data.cpp'), 'utf8');
  assert.match(data, new RegExp(`Generated from Node ${fixture.node.replaceAll('.', '\\.')} `));
  assert.ok(Object.keys(fixture.upper).length > 1000 && Object.keys(fixture.lower).length > 1000);
});
