// The fleet benchmark (tests/bench/fleet.mjs) at CI size: 4 worker processes sharing a real
// Redis, each conversation delivered two or three times to different workers, faults injected
// in the ITSM, workers killed mid-escalation. Exactly one ticket per conversation, none lost.
// The full run and its figures are in docs/benchmarks.md.
import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';

import { root } from './support.mjs';
import { REDIS_MISSING, redisServerPath } from '../tests/support/redis-server.mjs';

const { runFleet } = await import(path.join(root, 'tests', 'bench', 'fleet.mjs'));

test('a fleet of 4 workers sharing Redis makes exactly one ticket per conversation, under faults and kills',
  { skip: redisServerPath() ? false : REDIS_MISSING, timeout: 300000 }, async () => {
    const seed = Number(process.env.TB_FLEET_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`fleet seed=${seed} (TB_FLEET_SEED replays)`);
    // The lease is four times the request timeout plus room for a starved machine: the ITSM
    // runs in this process, and on a loaded CI runner a create can reach it seconds after it
    // was sent. A lease shorter than that is the "paused holder" window docs/deploying.md
    // states (two tickets are then possible by design); this test checks the promise inside it.
    const r = await runFleet({ workers: 4, conversations: 100, 'in-flight': 20, 'kill-every': 50, 'fault-rate': 0.15,
      'lease-ms': 8000, soak: 0, seed, deadlineMs: 240000 });
    console.log(JSON.stringify({ ...r, soak: undefined }));
    assert.deepEqual(r.problems, []);
    assert.equal(r.errorCount, 0, r.errors.join('\n'));
    assert.equal(r.ticketsPerConversation.duplicates, 0);
    assert.equal(r.ticketsPerConversation.exactlyOne, 100);
    assert.equal(r.lost, 0);
    assert.ok(r.kills >= 2, `workers killed: ${r.kills}`);
    assert.ok(r.faultsInjected > 0);
    assert.ok(r.deliveries >= 200);
  });
