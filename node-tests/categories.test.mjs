// Issue categorization over the WASM build, on the same fixtures as the native suites
// (tests/fixtures/categories): identical import reports, the classification set's accuracy,
// and its use in an escalation.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { exampleConversation, incidents, readJson, root, tb, withSimulator } from './support.mjs';

const dir = path.join(root, 'tests/fixtures/categories');
const read = (rel) => fs.readFileSync(path.join(dir, rel), 'utf8');

test('every import fixture produces its expected report', () => {
  const manifest = readJson('tests/fixtures/categories/import-cases.json');
  assert.ok(manifest.cases.length >= 20);
  for (const c of manifest.cases) {
    const report = tb.importCategories(fs.readFileSync(path.join(dir, c.csv)), c.options);
    assert.deepEqual(report, JSON.parse(read(c.expected)), c.csv);
  }
});

test('an import with errors changes nothing; a good one replaces the list whole', () => {
  const list = new tb.Categories(read('example.csv'));
  assert.equal(list.pairs.length, 7);
  const bad = list.replaceFromCsv('category,sub_category\nHardware,Battery\nHardware,battery\n=cmd(),x\n');
  assert.equal(bad.accepted, false);
  assert.ok(bad.problems.some((p) => p.code === 'CSV_DUPLICATE_ROW' && p.line === 3));
  assert.equal(list.pairs.length, 7, 'the rejected file left the list alone');
  const good = list.replaceFromCsv('sub category,Category\nPrinter,Hardware\n');
  assert.equal(good.accepted, true);
  assert.deepEqual(list.pairs, [{ category: 'Hardware', subCategory: 'Printer' }]);
  assert.throws(() => new tb.Categories('nonsense'), (err) => err instanceof tb.CategoryError);
});

test('the classification set: at least 90% right, declines counted apart from wrong answers', () => {
  const manifest = readJson('tests/fixtures/categories/classification-cases.json');
  const list = new tb.Categories(read(manifest.categories));
  let right = 0; let declined = 0; let wrong = 0; let declinedOk = 0; let guessed = 0;
  for (const c of manifest.cases) {
    const got = list.classify(JSON.parse(read(c.file)));
    if (c.expected === null) {
      if (got.category === null) declinedOk++;
      else guessed++;
      continue;
    }
    if (got.category === null) declined++;
    else if (got.category === c.expected.category && got.subCategory === c.expected.subCategory) right++;
    else wrong++;
  }
  const withPair = right + declined + wrong;
  console.log(`classification: ${right}/${withPair} right, ${declined} declined, ${wrong} wrong; should-decline: ${declinedOk} declined, ${guessed} guessed`);
  assert.ok(right / withPair >= manifest.minimumAccuracy, `accuracy ${right}/${withPair}`);
  assert.equal(guessed, 0, 'a should-decline conversation got a confident pair');
});

test('resolve returns the list\'s spelling or names the closest pairs', () => {
  const list = new tb.Categories(read('example.csv'));
  assert.deepEqual(list.resolve({ category: ' hardware ', subCategory: 'BATTERY' }), { category: 'Hardware', subCategory: 'Battery' });
  assert.throws(() => list.resolve({ category: 'Hardwre', subCategory: 'Batery' }), (err) => {
    assert.equal(err.code, 'CATEGORY_NOT_FOUND');
    assert.ok(err.message.includes('Hardware'));
    return true;
  });
});

test('an escalation fills the category from the list, or leaves the defaults when unsure', async (t) => {
  const { sim, config } = await withSimulator(t);
  const categories = new tb.Categories(read('example.csv'));
  // The conversation proposes "hardware / battery": accepted in the list's spelling.
  const proposed = { ...exampleConversation(), id: 'cat-1', category: 'hardware', subCategory: 'BATTERY' };
  const a = await tb.escalate(config, proposed, { categories, seed: 1 });
  // No proposal: the classifier reads the conversation (a VPN problem).
  const vpn = {
    id: 'cat-2', employee: { id: 'u2', name: 'Beth', email: 'beth@example.com' },
    messages: [{ role: 'employee', text: 'The VPN keeps disconnecting every few minutes when I work from home.' }],
    summary: 'VPN tunnel drops repeatedly from home',
  };
  const b = await tb.escalate(config, vpn, { categories, seed: 1 });
  // Nothing to go on: the classifier declines and the defaults stay.
  const vague = { id: 'cat-3', employee: { id: 'u3' }, messages: [{ role: 'employee', text: 'It is broken again, please help.' }], summary: 'Something is broken' };
  const c = await tb.escalate(config, vague, { categories, seed: 1 });
  assert.deepEqual([a.status, b.status, c.status], ['escalated', 'escalated', 'escalated']);
  const byNumber = Object.fromEntries((await incidents(sim)).map((i) => [i.number, i]));
  assert.equal(byNumber[a.ticketNumber].category, 'Hardware');
  assert.equal(byNumber[a.ticketNumber].subcategory, 'Battery');
  assert.equal(byNumber[b.ticketNumber].category, 'Network');
  assert.equal(byNumber[b.ticketNumber].subcategory, 'VPN');
  assert.equal(byNumber[c.ticketNumber].category, 'inquiry');
  assert.ok(b.record.audit.some((e) => /classifier \(confidence 0\.\d\d\)/.test(e.detail)));
  assert.ok(JSON.stringify(byNumber[b.ticketNumber]).includes('chosen by the classifier'));
});
