// The command line, as a user runs it: exit codes, JSON on stdout, {error} JSON on stderr.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { dist, exampleSecrets, queueFaults, root, tempDir, withSimulator } from './support.mjs';

const cli = path.join(dist, 'cli.mjs');

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('jsonata evaluates, and reports errors as {code, message, position}', async () => {
  const ok = await run(['jsonata', '$string(6 * 7)']);
  assert.equal(ok.code, 0);
  assert.equal(JSON.parse(ok.stdout), '42');
  const input = path.join(tempDir(), 'in.json');
  fs.writeFileSync(input, '{"result": {"number": "INC0010001"}}');
  const withInput = await run(['jsonata', 'result.number', input]);
  assert.equal(JSON.parse(withInput.stdout), 'INC0010001');
  const bad = await run(['jsonata', 'result.(']);
  assert.equal(bad.code, 1);
  const err = JSON.parse(bad.stderr).error;
  assert.match(err.code, /^S0\d{3}$/);
  assert.ok(err.position >= 0);
});

test('render prints the request with secrets masked; missing values exit 1', async () => {
  const dir = tempDir();
  const params = path.join(dir, 'params.json');
  fs.writeFileSync(params, JSON.stringify({ caller_id: 'u1', short_description: 'Screen "flickers"\n', correlation_id: 'tb-x' }));
  const r = await run(['render', '--config', 'examples/servicenow/config.json', '--call', 'createIncident', '--params', params]);
  assert.equal(r.code, 0, r.stderr);
  const req = JSON.parse(r.stdout);
  assert.equal(req.headers.Authorization, 'Basic ***');
  assert.equal(req.body.short_description, 'Screen "flickers"\n');
  for (const s of exampleSecrets) assert.ok(!r.stdout.includes(s));
  fs.writeFileSync(params, '{}');
  const missing = await run(['render', '--config', 'examples/servicenow/config.json', '--call', 'createIncident', '--params', params]);
  assert.equal(missing.code, 1);
  assert.equal(JSON.parse(missing.stderr).error.code, 'TEMPLATE_MISSING_VALUE');
});

test('escalate --yes against the built-in ITSM prints the outcome; a failure exits 1 with the fallback', async (t) => {
  const { sim, config } = await withSimulator(t);
  const dir = tempDir();
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  const ok = await run(['escalate', '--config', configFile, '--conversation', 'examples/servicenow/conversation.json', '--yes']);
  assert.equal(ok.code, 0, ok.stderr);
  const outcome = JSON.parse(ok.stdout);
  assert.equal(outcome.status, 'escalated');
  assert.match(outcome.ticketNumber, /^INC\d{7}$/);
  for (const s of exampleSecrets) assert.ok(!ok.stdout.includes(s) && !ok.stderr.includes(s));

  await queueFaults(sim, ['403']);
  const other = path.join(dir, 'conv.json');
  fs.writeFileSync(other, JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(root, 'examples/servicenow/conversation.json'))), id: 'second' }));
  const failed = await run(['escalate', '--config', configFile, '--conversation', other, '--yes']);
  assert.equal(failed.code, 1);
  const f = JSON.parse(failed.stdout);
  assert.equal(f.status, 'failed');
  assert.equal(f.code, 'ITSM_FORBIDDEN');
  assert.equal(f.fallbackUrl, 'https://support.example.com/portal/new-request');
});

test('test-call reports status, response and each output', async (t) => {
  const { config } = await withSimulator(t);
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  fs.writeFileSync(path.join(dir, 'params.json'), JSON.stringify({ caller_id: 'u1', short_description: 'Test', correlation_id: 'tb-test' }));
  const r = await run(['test-call', '--config', path.join(dir, 'config.json'), '--call', 'createIncident', '--params', path.join(dir, 'params.json')]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.status, 201);
  const byName = Object.fromEntries(report.outputs.map((o) => [o.name, o]));
  assert.match(byName.ticketNumber.value, /^INC\d{7}$/);
  assert.equal(report.request.headers.Authorization, 'Basic ***');
  for (const s of exampleSecrets) assert.ok(!r.stdout.includes(s));
});

test('usage errors exit 2', async () => {
  const r = await run(['frobnicate']);
  assert.equal(r.code, 2);
  assert.equal(JSON.parse(r.stderr.split('\nusage')[0]).error.code, 'USAGE');
  const missing = await run(['render', '--call', 'x']);
  assert.equal(missing.code, 2);
});
