#!/usr/bin/env node
// Built packages' Chromium cold start side by side, for a change to how the engine loads, or one
// package's pages side by side, for a change to how a page loads it. Each run visits every page
// once per package (a new context each time), the packages' order, and with one package the
// pages' order, alternating run by run, so all see the same load on a shared machine. Per page
// and package: the medians of "module ready" and "first answer" (ms from navigation start), and
// the median and interquartile range over the runs of the difference in the same run: with two
// or more packages, of every package after the first from the first, page by page; with one
// package, of the pages --pairs names (NEW:OLD,...; by default every page from the first). The phases pages
// also give the median of each step (cold-start-chromium.mjs). Every visit must ask for each
// file once (visitCounted: a second request for the .wasm is a preload that was not used).
//   node tests/bench/cold-start-ab.mjs [--runs 21] [--pages phases,ticketbridge-escalate] [--pairs b:a,c:a] [--returning]
//        NAME=DIST [NAME=DIST ...]
// --returning: a returning visitor, the figures being the third visit with the files served
// cacheable, each visit in a browser started anew on one profile (returningVisit).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch, phaseMedians, quartiles, returningVisit, serve, visitCounted, writePhasePages } from './cold-start-chromium.mjs';
import { median } from './timing.mjs';
import { writePages } from './cold-start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const requireRoot = createRequire(path.join(root, 'package.json'));

const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv.splice(i, 2)[1] : d; };
const flag = (k) => { const i = argv.indexOf(k); return i >= 0 && !!argv.splice(i, 1); };
const runs = Number(opt('--runs', 21));
const pages = opt('--pages', 'phases,ticketbridge-escalate').split(',');
const returning = flag('--returning');
// One package: which differences to give, as NEW:OLD page pairs (default: every page against the first).
const pairs = opt('--pairs', '').split(',').filter(Boolean).map((p) => p.split(':'));
const builds = argv.map((s) => s.split('='));
if (builds.length < 1 || builds.some((b) => b.length !== 2) || (builds.length === 1 && pages.length < 2)) {
  throw new Error('usage: cold-start-ab.mjs [--runs N] [--pages a,b] [--returning] NAME=DIST [NAME=DIST ...] (one package: two pages or more)');
}
const load = [os.loadavg()[0]];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-cold-ab-'));
for (const [name, dist] of builds) {
  const sub = path.join(dir, name);
  fs.mkdirSync(sub);
  await writePages({ wasmDist: path.resolve(dist) }, sub);
  await writePhasePages(requireRoot('esbuild'), path.join(path.resolve(dist), 'index.web.mjs'), sub);
}
const server = await serve(dir, { cacheable: returning });
const browser = await launch(requireRoot);
const results = {};  // page -> name -> [run]
try {
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [...builds].reverse() : builds;
    for (const page of i % 2 && builds.length === 1 ? [...pages].reverse() : pages) {
      for (const [name] of order) {
        const url = `http://127.0.0.1:${server.address().port}/${name}/${page}.html`;
        const r = returning ? await returningVisit(requireRoot, url) : await visitCounted(browser, server, url);
        if (r.v !== (page.includes('-escalate') ? 'INC0010042' : 25)) throw new Error(`${name}/${page}: wrong answer ${r.v}`);
        ((results[page] ??= {})[name] ??= []).push(r);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

load.push(os.loadavg()[0]);
const f = (x) => (typeof x === 'number' ? x.toFixed(1) : '—');
const delta = (rs, base, key) => {
  const d = rs.map((r, i) => r[key] - base[i][key]);
  return `${key} Δ ${f(median(d))} [${quartiles(d).map(f).join(', ')}]`;
};
console.log(`load average (1 min) ${load.map(f).join(' → ')}`);
for (const page of pages) {
  console.log(`\n${page} (${runs} runs${returning ? ', returning visitor' : ''}; ms from navigation start)`);
  const base = results[page][builds[0][0]];
  for (const [name] of builds) {
    const rs = results[page][name];
    const first = rs.map((r) => r.first);
    const line = [`  ${name.padEnd(12)} ready ${f(median(rs.map((r) => r.ready)))}  first ${f(median(first))} [${quartiles(first).map(f).join(', ')}]`,
      `.wasm requests ${[...new Set(rs.map((r) => r.wasmRequests))].join('/')}`];
    if (rs !== base) line.push(delta(rs, base, 'ready'), delta(rs, base, 'first'));
    console.log(line.join('   '));
  }
  if (page.startsWith('phases')) {
    const ph = Object.fromEntries(builds.map(([name]) => [name, phaseMedians(results[page][name])]));
    for (const [i, step] of ph[builds[0][0]].steps.entries()) {
      console.log(`    ${builds.map(([name]) => f(ph[name].steps[i].ms).padStart(7)).join(' ')}  ${step.name.slice(0, 90)}`);
    }
  }
}
// One package: page against page, run by run.
if (builds.length === 1) {
  const [name] = builds[0];
  console.log(`\n${name}: page against page (${runs} runs, ms)`);
  for (const [page, other] of pairs.length ? pairs : pages.slice(1).map((p) => [p, pages[0]])) {
    console.log(`  ${page} − ${other}:   ${delta(results[page][name], results[other][name], 'ready')}   ${delta(results[page][name], results[other][name], 'first')}`);
  }
}
