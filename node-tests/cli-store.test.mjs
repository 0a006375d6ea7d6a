// `escalate --store`: a shell script can run one escalation from several processes, sharing
// Redis (redis://HOST:PORT) or a folder (file:DIR), and get one ticket.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test, { after } from 'node:test';

import { dist, exampleConversation, incidents, queueFaults, root, tempDir, withSimulator } from './support.mjs';
import { REDIS_MISSING, startRedis } from '../tests/support/redis-server.mjs';

const cli = path.join(dist, 'cli.mjs');
const redis = await startRedis();
after(() => redis?.stop());

function run(args, cwd = root) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function files(t, id) {
  const { sim, config } = await withSimulator(t, { tweak: (c) => { c.escalation.requireConfirmation = false; } });
  const dir = tempDir();
  const configFile = path.join(dir, 'config.json');
  const convFile = path.join(dir, 'conversation.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  fs.writeFileSync(convFile, JSON.stringify({ ...exampleConversation(), id }));
  return { sim, dir, args: ['escalate', '--config', configFile, '--conversation', convFile, '--yes'] };
}

async function fourAtOnce(t, id, store) {
  const { sim, args } = await files(t, id);
  await queueFaults(sim, ['slow:400']);  // the first request is slow: the processes overlap
  const runs = await Promise.all(Array.from({ length: 4 }, () => run([...args, '--store', store])));
  const tickets = await incidents(sim);
  assert.equal(tickets.length, 1, runs.map((r) => r.stderr).join('\n'));
  for (const r of runs) {
    assert.equal(r.code, 0, r.stderr);
    const outcome = JSON.parse(r.stdout);
    assert.equal(outcome.status, 'escalated');
    assert.equal(outcome.ticketNumber, tickets[0].number);
  }
}

test('four processes with --store redis://HOST:PORT make one ticket', { skip: redis ? false : REDIS_MISSING }, async (t) => {
  await fourAtOnce(t, 'cli-redis', `redis://127.0.0.1:${redis.port}`);
});

test('four processes with --store file:DIR make one ticket', async (t) => {
  await fourAtOnce(t, 'cli-file', `file:${path.join(tempDir(), 'escalations')}`);
});

test('--store with a Redis that is down still escalates, reporting the store problem', async (t) => {
  const { sim, args } = await files(t, 'cli-redis-down');
  const { freePort } = await import('../tests/support/redis-server.mjs');
  const r = await run([...args, '--store', `redis://127.0.0.1:${await freePort()}`]);
  assert.equal(r.code, 0, r.stderr);
  const outcome = JSON.parse(r.stdout);
  assert.equal(outcome.status, 'escalated');
  assert.equal(outcome.storeError.code, 'STORE_UNAVAILABLE');
  assert.equal((await incidents(sim)).length, 1);
});

test('a bare folder still works as --store', async (t) => {
  const { sim, args } = await files(t, 'cli-folder');
  const cwd = tempDir();
  const folder = await run([...args, '--store', 'plain-folder'], cwd);
  assert.equal(folder.code, 0, folder.stderr);
  assert.ok(fs.existsSync(path.join(cwd, 'plain-folder')));
  assert.equal((await incidents(sim)).length, 1);
});
