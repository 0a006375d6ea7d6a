#!/usr/bin/env node
// Template rendering against what a widget would otherwise use (issue 17): the ServiceNow
// create call's payload with a 20-message transcript, rendered by our package in WASM (both
// calls: Config.render(), the whole request in its shown and wire forms, and
// Config.renderPayload(), the wire payload alone) and by mustache with the values JSON-escaped
// by hand. All three must produce the same payload (checked before timing). Process CPU time,
// the timing rule of the other Node columns (timing.mjs).
//
//   node tests/bench/templates.mjs [--record | --record-results]
// --record writes tests/bench/templates-results.json and replaces the "Templates against
// mustache" section of docs/benchmarks.md (templates-report.mjs); --record-results only writes
// the results (npm run bench does that, then renders the whole page).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Mustache from 'mustache';

import { measureSync } from './timing.mjs';
import { TEMPLATE_RESULTS, updateTemplatesSection } from './templates-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CALL = 'createIncident';
const TIMING = { minBatchUs: 20000, rounds: 9 };

/** The parameters of one escalation: an employee, a summary and a 20-message conversation. */
export function escalationParams(messages = 20) {
  const lines = [];
  for (let i = 0; i < messages; i++) {
    lines.push(i % 2
      ? `assistant: step ${i}: restart the "GlobalProtect" client, then sign in again; error 0x80070005 — "access denied"`
      : `employee: I tried that (attempt ${i}) and it still says\t"VPN connection failed"\\nafter the reboot`);
  }
  return {
    caller_id: '6816f79cc0a8016401c5a33be04be441',
    short_description: 'VPN fails after the Windows update',
    description: `Escalated by the service-desk assistant.\nReason: the employee asked for a person\nConversation:\n${lines.join('\n')}`,
    work_notes: 'Diagnostics run by the assistant:\n- ping gateway: ok\n- DNS: ok\n- VPN client: 6.2.1',
    category: 'network',
    subcategory: 'vpn',
    cmdb_ci: 'LT-ATUTER-14',
    correlation_id: 'tb-3f9a2c71d4e85b60',
  };
}

export async function measureTemplates({ wasmDist = path.join(root, 'wasm/dist') } = {}) {
  const { init, loadConfig } = await import(pathToFileURL(path.join(wasmDist, 'index.mjs')));
  await init();
  const document = JSON.parse(fs.readFileSync(path.join(root, 'examples/servicenow/config.json'), 'utf8'));
  const config = loadConfig(document);
  const payload = document.apiCalls[CALL].payload;
  const params = escalationParams();

  // mustache escapes for HTML by default; a JSON payload needs JSON string escaping instead.
  const jsonEscape = (v) => JSON.stringify(String(v)).slice(1, -1);
  const mustache = () => {
    const escaped = {};
    for (const k in params) escaped[k] = jsonEscape(params[k]);
    return Mustache.render(payload, escaped, undefined, { escape: (s) => s });
  };
  const ours = () => config.render(CALL, params);
  const payloadOnly = () => config.renderPayload(CALL, params);

  const wire = ours().wire.body;
  if (payloadOnly() !== wire) throw new Error('renderPayload() differs from render().wire.body');
  const a = JSON.parse(wire);
  const b = JSON.parse(mustache());
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the renderings differ: the comparison would not be like for like');

  const bytes = Buffer.byteLength(mustache());
  // Alternating, twice each, lowest median kept (load from other jobs only adds time).
  // What every call across the boundary pays before the engine sees anything: the façade
  // serialises the parameters (a host may pass the text itself).
  const serialise = () => JSON.stringify(params);
  const runs = { ours: [], payload: [], mustache: [], stringify: [] };
  for (let pass = 0; pass < 2; pass++) {
    runs.ours.push(measureSync(ours, TIMING));
    runs.payload.push(measureSync(payloadOnly, TIMING));
    runs.mustache.push(measureSync(mustache, TIMING));
    runs.stringify.push(measureSync(serialise, TIMING));
  }
  const best = (list) => list.reduce((x, y) => (y.us < x.us ? y : x));
  return {
    date: new Date().toISOString(),
    node: process.version,
    loadAverage: os.loadavg()[0],
    payloadBytes: bytes,
    messages: 20,
    ours: best(runs.ours),
    payload: best(runs.payload),
    stringify: best(runs.stringify),
    mustache: { ...best(runs.mustache), version: Mustache.version },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const record = process.argv.includes('--record');
  const resultsOnly = process.argv.includes('--record-results');
  const r = await measureTemplates();
  console.log(`payload ${r.payloadBytes} bytes: render() ${r.ours.us.toFixed(2)} µs, renderPayload() ${r.payload.us.toFixed(2)} µs, ` +
    `mustache ${r.mustache.version} ${r.mustache.us.toFixed(2)} µs per render; JSON.stringify(params) alone ${r.stringify.us.toFixed(2)} µs`);
  if (record || resultsOnly) fs.writeFileSync(TEMPLATE_RESULTS, JSON.stringify(r, null, 1) + '\n');
  if (record) {
    updateTemplatesSection();
    console.log('wrote tests/bench/templates-results.json and docs/benchmarks.md');
  }
}
