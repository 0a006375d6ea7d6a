// Fault injection: hundreds of escalations over real HTTP on 127.0.0.1, each against its own
// seeded schedule of the built-in ITSM's faults, then an audit of what the ITSM holds. The
// promise under test is the issue's: never a duplicate ticket, never a lost escalation (an
// employee told "use the portal" while their ticket exists). The seed is printed first;
// TB_FAULT_SEED replays a run. Counts are the last line of the main test's output.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import test, { after } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import {
  DEATHS, NON_STORING, STORING, byKey, checkOutcome, escalateWithDeaths, observingFetch, randomConversation, requestCount,
  rng, settleWithin, slowFault, suiteSeed, unplannedTimeouts,
} from './fault-support.mjs';
import { exampleConfig, startSimulator, tb, tempDir } from './support.mjs';

const SEED = suiteSeed();
const REPLAY = `TB_FAULT_SEED=${SEED} node --test node-tests/fault-injection.test.mjs`;
console.log(`fault-injection seed=${SEED}`);
console.log(`replay: ${REPLAY}`);

const ESCALATIONS = 240;
const SIMULATORS = 8;        // the fault queue is per simulator: one escalation at a time on each
const TIMEOUT_MS = 250;
const MAX_ATTEMPTS = 6;
const DEADLINE_MS = 30000;
const HANG_MS = DEADLINE_MS + 10000;  // deadline + the last request's timeout, with room to spare
const FALLBACK = exampleConfig().escalation.fallbackUrl;

const running = [];
after(() => Promise.all(running.map((sim) => sim.close())));

async function simulators(n) {
  const list = await Promise.all(Array.from({ length: n }, () => startSimulator({ port: 0, dataFile: null })));
  running.push(...list);
  return list;
}

function configFor(sim, retry = {}) {
  const c = exampleConfig();
  // The schedules are aimed at create-first budgets (each request takes the next fault); the
  // default lookup before the first create is put under faults in escalation.test.mjs,
  // exactly-once.test.mjs and the fleet test.
  c.escalation.lookupBeforeCreate = 'never';
  c.credentials.servicenow.baseUrl = sim.url.replace(/\/?$/, '/');
  c.escalation.timeoutMs = TIMEOUT_MS;
  c.escalation.retry = { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 10, maxDelayMs: 60, deadlineMs: DEADLINE_MS, ...retry };
  return tb.loadConfig(c);
}

async function control(sim, method, route, body) {
  const res = await fetch(sim.url.replace(/\/$/, '') + route, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

const allIncidents = async (sims) => (await Promise.all(sims.map((s) => control(s, 'GET', '/__sim/incidents')))).flatMap((b) => b.incidents);
const sumFaults = (stats) => Object.values(stats.faults).reduce((a, b) => a + b, 0);

/** Runs `count` jobs on `sims`, one worker per simulator. */
async function onWorkers(sims, count, job) {
  let nextIndex = 0;
  await Promise.all(sims.map(async (sim) => {
    for (let i = nextIndex++; i < count; i = nextIndex++) await job(sim, i);
  }));
}

function conversationId(r, stream, i) {
  // Some hosts pass numeric ids; the key must come out the same on both sides.
  if (r.chance(0.1)) return (SEED % 100000) * 100000 + stream * 10000 + i;
  return `${r.pick(['conv', 'gespräch', '会話', 'a "quoted" id', 'c\\d'])}-${SEED}-${stream}-${i}`;
}

// Schedules. Each request the engine sends takes the next fault, so a schedule shorter than
// MAX_ATTEMPTS - 1 always leaves a clean request for the engine to succeed with: one attempt
// may go to a lookup that finds nothing, after which the create needs one more.
//  - transient: 0..MAX_ATTEMPTS-2 faults of any non-permanent kind -> must escalate.
//  - permanent: 401 or 403 first (the rest is never reached) -> failed, no ticket.
//  - exhausting: MAX_ATTEMPTS-1..MAX_ATTEMPTS+2 faults -> failed with no ticket, or escalated.
//    Storing faults only when the schedule is at most MAX_ATTEMPTS long, so the engine's one
//    last lookup after the attempts are spent is answered; a ticket stored before a longer
//    outage is the separate, documented case below.
function planFor(i) {
  const r = rng(SEED, 1, i);
  const kind = r.weighted([['transient', 70], ['permanent', 10], ['exhausting', 20]]);
  const anyFault = () => (r.chance(0.08) ? slowFault(r, TIMEOUT_MS) : r.weighted([...STORING, ...NON_STORING]));
  const schedule = [];
  if (kind === 'transient') {
    for (let n = r.int(0, MAX_ATTEMPTS - 2); n > 0; --n) schedule.push(anyFault());
  } else if (kind === 'permanent') {
    schedule.push(r.pick(['401', '403']));
    for (let n = r.int(0, 3); n > 0; --n) schedule.push(anyFault());
  } else {
    const n = r.int(MAX_ATTEMPTS - 1, MAX_ATTEMPTS + 2);
    for (let k = 0; k < n; ++k) {
      schedule.push(n <= MAX_ATTEMPTS ? anyFault() : r.chance(0.05) ? slowFault(r, TIMEOUT_MS) : r.weighted(NON_STORING));
    }
  }
  return { i, kind, schedule, seed: r.seed53(), conv: randomConversation(r, conversationId(r, 1, i)) };
}

async function escalateUnder(sim, config, plan) {
  await control(sim, 'DELETE', '/__sim/faults');
  await control(sim, 'DELETE', '/__sim/stats');
  if (plan.schedule.length) await control(sim, 'POST', '/__sim/faults', { next: plan.schedule });
  const actions = [];
  const signals = [];
  let outcome;
  let error;
  try {
    outcome = await settleWithin(tb.escalate(config, plan.conv, {
      fetch: observingFetch(signals),
      confirm: async () => true,
      seed: plan.seed,
      onAction: (a) => actions.push({ type: a.type }),
    }), HANG_MS);
  } catch (err) {
    error = err;  // the driver must always come back with an outcome: a crash or a hang
  }
  const stats = await control(sim, 'GET', '/__sim/stats');
  const leftover = (await control(sim, 'GET', '/__sim/faults')).queued;
  await control(sim, 'DELETE', '/__sim/faults');
  return {
    ...plan, outcome, error, leftover, faults: sumFaults(stats), requests: requestCount(actions),
    unplanned: unplannedTimeouts(signals, plan.schedule),
  };
}

function describeRun(run) {
  const audit = run.outcome?.record?.audit?.map((a) => `    ${a.from}->${a.to} ${a.event}: ${a.detail}`).join('\n') ?? '';
  return `#${run.i} (${run.kind}) schedule=${JSON.stringify(run.schedule)} leftover=${JSON.stringify(run.leftover)} ` +
    `conversation=${JSON.stringify(run.conv.id)} status=${run.outcome?.status ?? 'threw'} ${run.outcome?.code ?? ''}` +
    `${run.error ? ` error=${run.error.stack}` : ''}\n${audit}`;
}

// What each class of schedule must end in, beyond the ITSM-side invariants.
function expectationProblems(run) {
  const { outcome, kind, schedule } = run;
  const problems = [];
  const hasSlow = schedule.some((f) => f.startsWith('slow:'));
  if (kind === 'transient' && outcome.status !== 'escalated' && run.unplanned === 0) {
    problems.push(`transient faults alone must allow success, got ${outcome.status} ${outcome.code}`);
  }
  // A client timeout no fault explains (the machine was too busy) means the planned 401/403
  // may never have been seen: the request was abandoned and retried after a lookup.
  if (kind === 'permanent' && run.unplanned === 0) {
    const code = schedule[0] === '401' ? 'ITSM_UNAUTHORIZED' : 'ITSM_FORBIDDEN';
    if (outcome.status !== 'failed' || outcome.code !== code) problems.push(`a ${schedule[0]} must fail with ${code}, got ${outcome.status} ${outcome.code}`);
    if (run.faults !== 1) problems.push(`a permanent failure must not be retried (${run.faults} faults consumed)`);
  }
  if (kind === 'exhausting' && schedule.length > MAX_ATTEMPTS && !hasSlow && outcome.status !== 'failed') {
    problems.push(`no request could succeed, yet ${outcome.status}`);
  }
  // Success needs an answered request, which only comes once the queue is empty (or from a slow fault).
  if (outcome.status === 'escalated' && !hasSlow && run.leftover.length) problems.push('escalated with faults still queued');
  return problems;
}

// A create the ITSM commits after the client has given up on it (slow:<ms> longer than the
// request timeout) races the lookup that follows. What happens: the create times out after
// TIMEOUT_MS (ambiguous), the engine backs off a few ms and looks the key up; the ITSM is still
// sitting on the first create, so the lookup finds nothing, and the engine creates again and
// reports that ticket. The first create then commits too: two tickets for one conversation.
// No client can prevent this with a lookup (correlation_id is not unique in ServiceNow); only
// the ITSM can (a unique index or a before-insert rule on correlation_id). What does hold, and
// is asserted: the employee gets a ticket that exists and carries the whole conversation, the
// extra ticket is a complete copy (nothing is lost), and there are never more than two.
test('documented race: an ITSM that commits after the client gave up can cause one extra ticket', async () => {
  const [sim] = await simulators(1);
  const slowMs = TIMEOUT_MS + 600;
  const r = rng(SEED, 3, 0);
  const conv = randomConversation(r, conversationId(r, 3, 0));
  await control(sim, 'POST', '/__sim/faults', { next: [`slow:${slowMs}`] });
  const outcome = await tb.escalate(configFor(sim), conv, { confirm: async () => true, seed: r.seed53() });
  await delay(slowMs + 200);  // let the late create land before looking
  const tickets = (await allIncidents([sim])).filter((t) => t.correlation_id === tb.escalationKey(conv.id));
  assert.equal(outcome.status, 'escalated');
  assert.ok(tickets.length >= 1 && tickets.length <= 2, `${tickets.length} tickets`);
  assert.equal(tickets.filter((t) => t.number === outcome.ticketNumber && t.sys_id === outcome.ticketId).length, 1);
  for (const t of tickets) for (const m of conv.messages) assert.ok(t.description.includes(m.text), `transcript lost in ${t.number}`);
  console.log(`race: slow:${slowMs} with a ${TIMEOUT_MS} ms timeout left ${tickets.length} ticket(s); reported ${outcome.ticketNumber}`);
});

// A ticket stored, then an ITSM that fails every later request, more often than the attempts
// allow. While a create's outcome is unknown the engine keeps looking (lookups change
// nothing) until the deadline, so it finds the ticket instead of sending the employee to the
// portal while the ticket exists. (This was a finding of this suite, now fixed.)
test('a ticket stored just before an outage that outlasts the attempts is not lost', async () => {
  const [sim] = await simulators(1);
  const r = rng(SEED, 4, 0);
  const conv = randomConversation(r, conversationId(r, 4, 0));
  await control(sim, 'POST', '/__sim/faults', { next: ['commit-then-reset', ...Array(MAX_ATTEMPTS).fill('reset')] });
  const outcome = await tb.escalate(configFor(sim), conv, { confirm: async () => true, seed: r.seed53() });
  await control(sim, 'DELETE', '/__sim/faults');
  const tickets = (await allIncidents([sim])).filter((t) => t.correlation_id === tb.escalationKey(conv.id));
  const { problems } = checkOutcome({ conv, outcome, tickets, fallbackUrl: FALLBACK });
  assert.deepEqual(problems, []);
});

// With two attempts, a create the ITSM stored (commit-then-reset) and a failed lookup (500):
// if the host dies around the next lookup (before sending it, or after its answer came), the
// new host's resume() sends the lookup again (a lost lookup or token request is repeated; only
// a lost create is ambiguous) and finds the ticket. (A finding of this suite, now fixed.)
test('restarts: a host that dies during the last lookup does not lose the ticket', async () => {
  const [sim] = await simulators(1);
  const config = configFor(sim, { maxAttempts: 2 });
  const problems = [];
  for (const [i, mode] of ['before-send', 'after-answer', 'while-waiting'].entries()) {
    const r = rng(SEED, 5, i);
    const conv = randomConversation(r, `${mode}-${SEED}`);
    await control(sim, 'POST', '/__sim/faults', { next: ['commit-then-reset', '500'] });
    const run = await escalateWithDeaths(config, conv, { store: tb.memoryStore(), seed: r.seed53(), deaths: [{ mode, step: 3 }], hangAfterMs: HANG_MS });
    await control(sim, 'DELETE', '/__sim/faults');
    assert.equal(run.deaths, 1, mode);
    const tickets = (await allIncidents([sim])).filter((t) => t.correlation_id === tb.escalationKey(conv.id));
    problems.push(...checkOutcome({ conv, outcome: run.outcome, tickets, fallbackUrl: FALLBACK }).problems.map((p) => `${mode}: ${p}`));
  }
  assert.deepEqual(problems, []);
});

test('restarts: a host that dies at any step resumes from its store, with no duplicate and nothing lost', async (t) => {
  const CONVERSATIONS = 60;
  const sims = await simulators(4);
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = await tb.fileStore(dir);
  const runs = [];
  let deaths = 0;
  await onWorkers(sims, CONVERSATIONS, async (sim, i) => {
    const r = rng(SEED, 2, i);
    const config = configFor(sim, { maxAttempts: 10 });
    const conv = randomConversation(r, conversationId(r, 2, i));
    const store = r.chance(0.5) ? files : tb.memoryStore();
    const schedule = Array.from({ length: r.int(0, 2) }, () => r.weighted([...STORING, ...NON_STORING.filter(([f]) => f !== '429:1')]));
    const plannedDeaths = Array.from({ length: r.int(1, 2) }, () => ({ mode: r.pick(DEATHS), step: r.int(1, 5) }));
    const seed = r.seed53();
    await control(sim, 'DELETE', '/__sim/faults');
    if (schedule.length) await control(sim, 'POST', '/__sim/faults', { next: schedule });
    const { outcome, error, deaths: died, log } = await escalateWithDeaths(config, conv, { store, seed, deaths: plannedDeaths, hangAfterMs: HANG_MS });
    deaths += died;
    await control(sim, 'DELETE', '/__sim/faults');
    runs.push({
      i, kind: 'restart', conv, schedule, plannedDeaths, outcome, error, leftover: [],
      requests: log.actions.filter((t) => t === 'HttpRequest').length, unplanned: unplannedTimeouts(log.signals, schedule),
    });
  });

  const groups = byKey(await allIncidents(sims));
  const problems = [];
  let duplicates = 0;
  let lost = 0;
  let escalated = 0;
  for (const run of runs.sort((a, b) => a.i - b.i)) {
    if (run.error) { problems.push(`${describeRun(run)}\n  the driver threw`); continue; }
    const check = checkOutcome({ conv: run.conv, outcome: run.outcome, tickets: groups.get(tb.escalationKey(run.conv.id)) ?? [], fallbackUrl: FALLBACK });
    duplicates += check.duplicate ? 1 : 0;
    lost += check.lost ? 1 : 0;
    escalated += run.outcome.status === 'escalated' ? 1 : 0;
    // Ten attempts cover two faults and two deaths (each costs at most two requests).
    if (run.outcome.status !== 'escalated' && run.unplanned === 0) check.problems.push(`ended ${run.outcome.status} ${run.outcome.code}`);
    if (check.problems.length) problems.push(`${describeRun(run)}\n  deaths=${JSON.stringify(run.plannedDeaths)}\n  ${check.problems.join('\n  ')}`);
  }
  const retries = runs.reduce((s, r) => s + Math.max(0, r.requests - 1), 0);
  console.log(`restarts: conversations=${runs.length} deaths=${deaths} escalated=${escalated} retries=${retries} duplicates=${duplicates} lost=${lost}`);
  assert.equal(runs.length, CONVERSATIONS);
  assert.deepEqual(problems, [], `seed ${SEED}; replay: ${REPLAY}`);
});

test(`fault injection: ${ESCALATIONS} escalations under random fault schedules, no duplicate and nothing lost`, async () => {
  const sims = await simulators(SIMULATORS);
  const configs = new Map(sims.map((s) => [s, configFor(s)]));
  const runs = [];
  await onWorkers(sims, ESCALATIONS, async (sim, i) => { runs.push(await escalateUnder(sim, configs.get(sim), planFor(i))); });

  const incidents = await allIncidents(sims);
  const groups = byKey(incidents);
  const problems = [];
  let duplicates = 0;
  let lost = 0;
  const tally = {};
  for (const run of runs.sort((a, b) => a.i - b.i)) {
    const key = tb.escalationKey(run.conv.id);
    const tickets = groups.get(key) ?? [];
    groups.delete(key);
    if (run.error || !run.outcome) { problems.push(`${describeRun(run)}\n  the driver threw`); continue; }
    const check = checkOutcome({ conv: run.conv, outcome: run.outcome, tickets, fallbackUrl: FALLBACK });
    check.problems.push(...expectationProblems(run));
    duplicates += check.duplicate ? 1 : 0;
    lost += check.lost ? 1 : 0;
    const label = `${run.kind}:${run.outcome.status}${run.outcome.existing ? '(existing)' : ''}`;
    tally[label] = (tally[label] ?? 0) + 1;
    if (check.problems.length) problems.push(`${describeRun(run)}\n  ${check.problems.join('\n  ')}`);
  }
  for (const [key, tickets] of groups) problems.push(`tickets nobody escalated: ${key} ${tickets.map((t) => t.number).join(', ')}`);

  const faults = runs.reduce((s, r) => s + r.faults, 0);
  const retries = runs.reduce((s, r) => s + Math.max(0, r.requests - 1), 0);
  const unplanned = runs.reduce((s, r) => s + r.unplanned, 0);
  console.log(`outcomes: ${Object.entries(tally).sort().map(([k, v]) => `${k}=${v}`).join(' ')}`);
  console.log(`client timeouts no fault explains (machine load): ${unplanned}; tickets in the ITSM: ${incidents.length}`);
  if (problems.length) console.log(`${problems.length} problem(s), seed ${SEED} (replay: ${REPLAY}):\n${problems.slice(0, 10).join('\n')}`);
  console.log(`escalations=${runs.length} faults=${faults} retries=${retries} duplicates=${duplicates} lost=${lost}`);
  assert.equal(runs.length, ESCALATIONS);
  assert.deepEqual(problems, [], `seed ${SEED}; replay: ${REPLAY}`);
});
