// The "A fleet under load" section of docs/benchmarks.md, from what tests/bench/fleet.mjs
// --record keeps in tests/bench/fleet-results.json. run.mjs regenerates it with the rest of
// the page; fleet.mjs --record replaces just this section.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { replaceSection } from './doc-section.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FLEET_RESULTS = path.join(root, 'tests/bench/fleet-results.json');
const TITLE = '## A fleet under load';

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (b) => (b / 1048576).toFixed(1);

export function renderFleet() {
  const out = [TITLE, ''];
  if (!fs.existsSync(FLEET_RESULTS)) return [...out, 'No measurements yet: run `node tests/bench/fleet.mjs --record`.'];
  const { date, machine, options: o, result: r } = JSON.parse(fs.readFileSync(FLEET_RESULTS, 'utf8'));
  out.push(
    `\`node tests/bench/fleet.mjs --record\` (measured ${date.slice(0, 10)}, ${machine}; seed ${o.seed}). ` +
      `${r.workers} worker processes, each a serverless-style handler (\`tests/bench/fleet-worker.mjs\`: config and Redis ` +
      'connection kept warm, `escalate()` per delivery), share one `redisStore` on a local `redis-server` and escalate ' +
      `against the built-in ITSM on 127.0.0.1. ${r.conversations} conversations, each delivered two or three times to ` +
      `different workers (${r.deliveries} deliveries), ${r.inFlight} in flight; about ${(o['fault-rate'] * 100).toFixed(0)}% of ` +
      'deliveries queue one ITSM fault (500, 502, 503, 429, reset, timeout, hibernation page, commit-then-reset, ' +
      'commit-then-timeout, cut JSON, slow), which hits whichever request comes next; ' +
      `every ${o['kill-every']}th delivery a busy worker is killed (SIGKILL) and its unanswered deliveries go again to others ` +
      `(a retried webhook). Request timeout 1 s, lease ${(o['lease-ms'] ?? 2000) / 1000} s. The peer is the promise itself: the figures that must hold ` +
      'are the first two rows.', '',
    '| figure | value |', '|---|---|',
    `| conversations with exactly one ticket | ${r.ticketsPerConversation.exactlyOne} of ${r.conversations} (duplicates: ${r.ticketsPerConversation.duplicates}) |`,
    `| lost escalations (no ticket, or "failed" told while a ticket exists) | ${r.lost} |`,
    `| workers killed mid-escalation / deliveries sent again | ${r.kills} / ${r.redeliveries} |`,
    `| ITSM faults injected / ITSM requests | ${r.faultsInjected} / ${r.itsmRequests} |`,
    `| throughput | ${r.conversationsPerSecond.toFixed(1)} conversations/s (${r.deliveriesPerSecond.toFixed(1)} deliveries/s), ${r.seconds.toFixed(1)} s in all |`,
    `| whole escalation (delivery to outcome, waits for another instance included) p50 / p99 | ${ms(r.escalationMs.p50)} / ${ms(r.escalationMs.p99)} ms |`,
    `| engine's share (the machine's calls: WASM and the JSON crossing) p50 / p99 | ${ms(r.engineMs.p50)} / ${ms(r.engineMs.p99)} ms |`,
  );
  const mem = (r.soak ?? []).filter((s) => s.rss);
  if (mem.length) {
    const first = mem[0];
    const last = mem[mem.length - 1];
    const range = (key) => `${mb(Math.min(...mem.map((m) => m[key])))}–${mb(Math.max(...mem.map((m) => m[key])))}`;
    const half = mem.slice(Math.floor(mem.length / 2));
    const halfMax = (key) => mb(Math.max(...half.map((m) => m[key])));
    out.push(
      `| one worker over ${last.n} escalations, ${mem.length} samples: rss after ${first.n} / after ${last.n}; range; highest in the second half | ${mb(first.rss)} / ${mb(last.rss)} MB; ${range('rss')} MB; ${halfMax('rss')} MB |`,
      `| … its JS heap; WASM memory (same samples) | heap ${mb(first.heapUsed)} / ${mb(last.heapUsed)} MB, range ${range('heapUsed')} MB; WASM ${mb(first.wasm)} / ${mb(last.wasm)} MB, range ${range('wasm')} MB |`,
    );
  }
  out.push('', 'The whole-escalation figures are mostly waiting: for the ITSM, for injected faults and backoffs, and for the ' +
    'instance that holds a conversation (a second delivery waits for the first one\'s outcome). The engine\'s p99 is the ' +
    'machine\'s calls waiting for a core on a shared, loaded machine. The memory rows are taken after a forced GC; ' +
    'resident memory moves up and down by about 20 MB from sample to sample without a trend (every sample is in ' +
    '`tests/bench/fleet-results.json`), the WASM memory does not grow at all, and each escalation frees its machine ' +
    '(`Escalation.dispose()`) rather than waiting for the GC. ' +
    'A smaller run (100 conversations, 4 workers, 20 in flight) is the CI test `node-tests/fleet.test.mjs`.');
  return out;
}

/** Replaces this section of docs/benchmarks.md (appending it when absent). */
export function updateFleetSection(docFile = path.join(root, 'docs/benchmarks.md')) {
  replaceSection(docFile, TITLE, renderFleet().join('\n') + '\n');
}
