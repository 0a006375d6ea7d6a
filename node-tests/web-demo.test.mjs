// The web demo end to end in a real browser (Debian's chromium, driven by playwright-core):
// `node web-demo/server.mjs` against the built-in ITSM, one browser, pages reused. The chat
// escalates through the WASM package in the page and the relay; the cockpit follows live; the
// admin console validates, tests and saves. TB_SCREENSHOTS=1 also writes docs/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exampleSecrets, queueFaults, root, startSimulator } from './support.mjs';
import { launchBrowser, skip, startDemo, stopDemo, WAIT } from './web-demo-support.mjs';

const SHOTS = process.env.TB_SCREENSHOTS ? path.join(root, 'docs', 'screenshots') : null;
// Short backoffs keep the suite quick; the timeout stays long enough that a reload lands while a
// create is unanswered.
const FAST_RETRY = { timeoutMs: 4000, retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200, deadlineMs: 4000 } };

describe('the web demo in Chromium', { skip }, () => {
  let sim;
  let work;
  let demo;
  let context;
  let chat;
  let cockpit;
  let admin;

  const api = async (method, route, body) => {
    const res = await fetch(demo.base + route, { method, headers: { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const say = async (text) => {
    await chat.fill('[data-testid=chat-input]', text);
    await chat.keyboard.press('Enter');
  };
  const newConversation = async () => {
    await chat.getByRole('button', { name: 'New conversation', exact: true }).click();
    await chat.waitForSelector('[data-testid=chat-input]:not([disabled])', WAIT);
  };
  const conversationId = () => chat.evaluate(() => JSON.parse(sessionStorage.getItem('tb-chat:conversation')).id);
  const row = (id) => `[data-testid=cockpit-row][data-id="${id}"]`;
  // Waits for a condition outside the browser (the ITSM's records) by polling it.
  const until = async (what, check, ms = 20000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const clearFaults = () => fetch(`${sim.url.replace(/\/$/, '')}/__sim/faults`, { method: 'DELETE' });
  const shot = async (locator, name) => {
    if (SHOTS) await locator.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };

  before(async () => {
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-web-demo-'));
    sim = await startSimulator({ port: 0, dataFile: null });
    demo = await startDemo(['--itsm', sim.url, '--data', path.join(work, 'data')]);
    const { body: setup } = await api('GET', '/api/page-config');
    const saved = await api('PUT', '/api/settings', { apiCalls: setup.config.apiCalls, escalation: { ...setup.config.escalation, ...FAST_RETRY } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    context = await launchBrowser(work);
    [chat, cockpit, admin] = [context.pages()[0] ?? await context.newPage(), await context.newPage(), await context.newPage()];
    for (const page of [chat, cockpit, admin]) page.on('pageerror', (e) => { throw e; });
    await cockpit.goto(`${demo.base}/cockpit`);
    await cockpit.waitForSelector('#live:text("Live")', WAIT);
    await chat.goto(`${demo.base}/`);
    await chat.waitForSelector('[data-testid=chat-input]:not([disabled])', WAIT);
  });

  after(async () => {
    await context?.close();
    await stopDemo(demo);
    await sim?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('chat → confirm → ticket number; the cockpit says escalated with it; one incident holds the transcript', async () => {
    await say('My laptop battery drains from full to 20% in an hour and gets hot near the hinge');
    const confirm = chat.locator('[data-testid=escalate-confirm]');
    await confirm.waitFor(WAIT);
    // The proposal names the category the classifier picked, and the keyboard is on "Create ticket".
    assert.match(await chat.locator('.card').innerText(), /Hardware \/ Battery/);
    assert.equal(await chat.evaluate(() => document.querySelector('ticketbridge-chat').shadowRoot.activeElement?.dataset.testid), 'escalate-confirm');
    const id = await conversationId();
    await cockpit.waitForSelector(`${row(id)}[data-status=in_progress]`, WAIT);
    await shot(chat.locator('ticketbridge-chat'), 'widget-proposal');
    await chat.keyboard.press('Enter');
    const number = (await chat.locator('[data-testid=ticket-number]').innerText({ timeout: 30000 })).trim();
    assert.match(number, /^INC\d+$/);
    await cockpit.waitForSelector(`${row(id)}[data-status=escalated][data-ticket="${number}"]`, WAIT);
    const created = sim.incidents().filter((i) => i.number === number);
    assert.equal(created.length, 1);
    assert.match(created[0].description, /battery drains from full to 20%/);
    assert.equal(sim.incidents().filter((i) => i.correlation_id === created[0].correlation_id).length, 1);
    await shot(chat.locator('ticketbridge-chat'), 'widget');
    // The detail view: transcript and audit trail, opened from the keyboard.
    await cockpit.locator(row(id)).focus();
    await cockpit.keyboard.press('Enter');
    await cockpit.waitForSelector('#detail h3:text("Audit trail")', WAIT);
    assert.match(await cockpit.locator('#detail').innerText(), /battery drains[\s\S]*escalated/i);
    await shot(cockpit.locator('main'), 'cockpit');
  });

  test('the ITSM failing: fallback link, the cockpit says failed; a retry adds no second incident', async () => {
    await newConversation();
    // The lookup before the first create finds nothing; the create is stored but its answer
    // lost; every later request fails. While a create's outcome is unknown the engine keeps
    // looking until the deadline (4 s here), however many attempts that takes: on an idle
    // machine that was close to 40 lookups, so a count of 40 let the last ones find the
    // ticket. 4,000 failures outlast the deadline at any speed (under 1 ms per lookup).
    await clearFaults();
    await queueFaults(sim, ['slow:1', 'commit-then-reset', ...Array(4000).fill('500')]);
    const before = sim.incidents().length;
    await say('Can someone look at my docking station? It stopped charging');
    await chat.click('[data-testid=escalate-confirm]');
    const link = chat.locator('[data-testid=fallback-link]');
    await link.waitFor(WAIT);
    const { body: setup } = await api('GET', '/api/page-config');
    assert.equal(await link.getAttribute('href'), setup.config.escalation.fallbackUrl);
    const id = await conversationId();
    await cockpit.waitForSelector(`${row(id)}[data-status=escalation_failed]`, WAIT);
    assert.equal(sim.incidents().length, before + 1, 'the lost create is the only record');
    await clearFaults();
    await chat.click('[data-testid=escalate-retry]');
    const confirm = chat.locator('[data-testid=escalate-confirm]');
    const number = chat.locator('[data-testid=ticket-number]');
    await Promise.race([confirm.waitFor(WAIT), number.waitFor(WAIT)]);
    if (await confirm.isVisible()) await confirm.click();
    const ticket = (await number.innerText({ timeout: 30000 })).trim();
    await cockpit.waitForSelector(`${row(id)}[data-status=escalated][data-ticket="${ticket}"]`, WAIT);
    assert.equal(sim.incidents().length, before + 1, 'the retry found the stored incident instead of creating another');
    assert.equal(sim.incidents().at(-1).number, ticket);
  });

  test('decline: no ticket, the cockpit says declined', async () => {
    await newConversation();
    const before = sim.incidents().length;
    await say('I want to talk to a person about my monitor');
    await chat.click('[data-testid=escalate-decline]');
    await chat.waitForSelector('text=No ticket was created.', WAIT);
    await cockpit.waitForSelector(`${row(await conversationId())}[data-status=declined]`, WAIT);
    assert.equal(sim.incidents().length, before);
  });

  test('a reload in the middle of an escalation resumes it without a second ticket', async () => {
    await newConversation();
    // The lookup finds nothing; the create is stored and never answered: the page is still
    // waiting when it reloads.
    await clearFaults();
    await queueFaults(sim, ['slow:1', 'commit-then-timeout']);
    const before = sim.incidents().length;
    await say('The fan in my desktop is making a grinding noise, please send someone');
    await chat.click('[data-testid=escalate-confirm]');
    await until('the create to be stored', () => sim.incidents().length === before + 1);
    assert.equal(await chat.locator('[data-testid=ticket-number]').count(), 0, 'still waiting for the answer');
    await chat.reload();
    const ticket = (await chat.locator('[data-testid=ticket-number]').innerText({ timeout: 30000 })).trim();
    assert.equal(ticket, sim.incidents().at(-1).number);
    assert.equal(sim.incidents().length, before + 1);
    await cockpit.waitForSelector(`${row(await conversationId())}[data-status=escalated][data-ticket="${ticket}"]`, WAIT);
  });

  test('a chat answered by the knowledge base stays in progress; a failed start shows an error with a retry', async () => {
    await newConversation();
    await say('How do I connect to the VPN?');
    await chat.waitForSelector('[data-testid=chat-message][data-role=assistant]:text("VPN client")', WAIT);
    await cockpit.waitForSelector(`${row(await conversationId())}[data-status=in_progress]`, WAIT);
    await chat.route('**/api/page-config', (route) => route.abort());
    await chat.reload();
    await chat.waitForSelector('ticketbridge-chat [role=alert]:has-text("could not start")', WAIT);
    await chat.unroute('**/api/page-config');
    await chat.getByRole('button', { name: 'Try again' }).click();
    await chat.waitForSelector('[data-testid=chat-input]:not([disabled])', WAIT);
  });

  test('the relay refuses a page request aimed at another host', async () => {
    const answers = await chat.evaluate(async () => Promise.all([
      '/relay/servicenow//evil.example/api/now/v1/table/incident',
      '/relay/servicenow/http:%2F%2Fevil.example%2Fapi',
      '/relay/servicenow/api/now/v1/table/sys_user',
    ].map(async (url) => { const res = await fetch(url); return [res.status, (await res.json()).error.code]; })));
    assert.deepEqual(answers, [[403, 'RELAY_HOST_REFUSED'], [403, 'RELAY_HOST_REFUSED'], [403, 'RELAY_CALL_NOT_CONFIGURED']]);
    // And nothing the page can read holds the credential's secret.
    const { body } = await api('GET', '/api/page-config');
    for (const s of exampleSecrets) assert.ok(!JSON.stringify(body).includes(s));
  });

  test('test panel: run through the relay, secrets masked; Preview shows a value, then a broken expression\'s error and place', async () => {
    await admin.goto(`${demo.base}/admin#api-calls/createIncident`);
    for (const [name, value] of [['caller_id', 'abel.tuter'], ['short_description', 'Test panel run'], ['correlation_id', 'tb-test-panel-1']]) {
      await admin.fill(`[data-testid=test-param][data-name=${name}]`, value);
    }
    await admin.click('[data-testid=apicall-test-run]');
    const preview = (name) => admin.locator(`[data-testid=preview-output][data-name=${name}]`);
    await preview('ticketNumber').waitFor(WAIT);
    assert.match(await preview('ticketNumber').innerText(), /^INC\d+$/);
    assert.match(await admin.locator('[data-testid=test-relay]').innerText(), /Authorization: Basic \*\*\*/);
    const panelText = await admin.locator('[data-testid=test-panel]').innerText();
    for (const s of exampleSecrets) assert.ok(!panelText.includes(s));
    // Break the expression: the Preview shows the JSONata error code, its place marked; the
    // field shows the core's problem beside it; the ITSM is not called again.
    const calls = sim.stats().totalRequests;
    await admin.click('[data-testid=tab-output]');
    await admin.fill('[data-testid=output-expression][data-name=ticketNumber]', 'result.number +');
    await admin.waitForSelector('[data-testid=preview-output][data-name=ticketNumber][data-state=error]', WAIT);
    assert.match(await preview('ticketNumber').innerText(), /^S0\d{3}$/);
    assert.equal(await admin.locator('tr:has([data-name=ticketNumber][data-testid=preview-output]) mark').count(), 1);
    assert.match(await admin.locator('[data-testid=output-expression][data-name=ticketNumber] + .field-error').innerText(), /CONFIG_INVALID_OUTPUT/);
    assert.match(await preview('ticketId').innerText(), /^[0-9a-f]{32}$/);
    assert.equal(sim.stats().totalRequests, calls);
    await shot(admin.locator('[data-testid=test-panel]'), 'test-panel');
    // Typing another problem shows it as the admin types, beside its field, from the core.
    await admin.click('[data-testid=tab-request]');
    await admin.fill('[data-testid=apicall-resource]', 'api/now/ table/incident');
    await admin.waitForSelector('[data-testid=apicall-resource][aria-invalid=true] + .field-error .problem', WAIT);
    await admin.click('[data-testid=apicall-save]');
    await admin.waitForSelector('[data-testid=apicall-save-status]:text("Fix the problems")', WAIT);
  });

  test('API Calls: a new call is created in the General / Request / Output tabs, saved, and listed', async () => {
    await admin.goto(`${demo.base}/admin#api-calls`);
    await admin.reload();
    await admin.click('[data-testid=apicall-new]');
    await admin.fill('[data-testid=apicall-name]', 'getIncident');
    await admin.click('[data-testid=tab-request]');
    await admin.selectOption('#tab-Request select', 'GET');
    await admin.fill('[data-testid=apicall-resource]', 'api/now/v1/table/incident/{{sys_id}}');
    await admin.fill('[data-testid=apicall-payload]', '');
    // The placeholder names no parameter yet: the core says so beside the resource.
    await admin.waitForSelector('[data-testid=apicall-resource][aria-invalid=true] + .field-error .problem[data-code=CONFIG_UNKNOWN_PARAMETER]', WAIT);
    await admin.getByRole('button', { name: 'Add parameter' }).click();
    await admin.keyboard.type('sys_id');
    await admin.waitForSelector('[data-testid=apicall-resource]:not([aria-invalid])', WAIT);
    await admin.click('[data-testid=tab-output]');
    await admin.fill('[data-testid=output-expression][data-name=ticketId]', 'result.sys_id');
    await admin.fill('[data-testid=output-expression][data-name=ticketNumber]', 'result.number');
    await admin.click('[data-testid=apicall-save]');
    await admin.waitForSelector('[data-testid=apicall-save-status]:text("Saved")', WAIT);
    const { body } = await api('GET', '/api/page-config');
    assert.deepEqual(body.config.apiCalls.getIncident.parameters, [{ name: 'sys_id' }]);
    assert.equal(body.config.apiCalls.getIncident.method, 'GET');
    await admin.click('text=Back to the list');
    await admin.waitForSelector('[data-testid=apicall-row] a:text("getIncident")', WAIT);
  });

  test('CSV upload: a file with errors is reported line by line and cannot replace the list; a clean one can', async () => {
    await admin.goto(`${demo.base}/admin#categories`);
    await admin.reload();
    await admin.setInputFiles('[data-testid=csv-file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('category,sub_category\nHardware,Battery\nHardware,\n=HYPERLINK("x"),Dock\nHardware,Battery\n') });
    await admin.waitForSelector('[data-testid=csv-rejected]', WAIT);
    const problems = await admin.locator('[data-testid=csv-problem]').evaluateAll((rows) => rows.map((r) => `${r.dataset.line}:${r.dataset.code}`));
    assert.deepEqual(problems, ['3:CSV_EMPTY_FIELD', '4:CSV_FORMULA_REJECTED', '5:CSV_DUPLICATE_ROW']);
    assert.equal(await admin.locator('[data-testid=csv-confirm]').count(), 0);
    const good = 'category,sub_category\nHardware,Battery\nHardware,Docking station\nSoftware,Browser\n';
    await admin.setInputFiles('[data-testid=csv-file]', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await admin.click('[data-testid=csv-confirm]');
    await admin.waitForSelector('[data-testid=csv-status]:text("3 pairs")', WAIT);
    assert.match(await admin.locator('[data-testid=category-tree]').innerText(), /Docking station/);
    assert.equal((await api('GET', '/api/page-config')).body.categoriesCsv, good);
  });

  test('escalation settings: a bad fallback URL is refused beside the field; a good one survives a reload and a restart', async () => {
    await admin.goto(`${demo.base}/admin#escalation`);
    await admin.reload();
    const fallback = admin.locator('[data-testid=escalation-fallback]');
    await fallback.fill('ftp://portal.example.com');
    await admin.waitForSelector('[data-testid=escalation-fallback][aria-invalid=true] + .field-error .problem', WAIT);
    await fallback.fill('https://portal.example.com/help');
    await admin.fill('[data-testid=escalation-param][data-name=short_description]', 'Assistant: {{summary}}');
    await admin.click('[data-testid=escalation-save]');
    await admin.waitForSelector('[data-testid=escalation-save-status]:text("Saved")', WAIT);
    await admin.reload();
    assert.equal(await fallback.inputValue(), 'https://portal.example.com/help');
    await stopDemo(demo);
    demo = await startDemo(['--itsm', sim.url, '--data', path.join(work, 'data')]);
    await admin.goto(`${demo.base}/admin#escalation`);
    assert.equal(await fallback.inputValue(), 'https://portal.example.com/help');
    assert.equal(await admin.locator('[data-testid=escalation-param][data-name=short_description]').inputValue(), 'Assistant: {{summary}}');
    // A mapping of several lines keeps them through the form, the save and the restart.
    assert.match(await admin.locator('[data-testid=escalation-param][data-name=description]').inputValue(), /\n\nConversation:\n\{\{transcript\}\}$/);
  });

  test('readable at 360 px: no page scrolls sideways', async () => {
    for (const [page, route] of [[chat, '/'], [admin, '/admin#api-calls/createIncident'], [cockpit, '/cockpit']]) {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(demo.base + route);
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${route} is ${width} px wide at 360`);
    }
  });
});

describe('the demo server alone (also on Node 18)', () => {
  test('without --itsm it starts the built-in ITSM and prints every URL', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-web-demo-'));
    const demo = await startDemo(['--data', work]);
    try {
      const text = demo.output();
      for (const label of ['admin console', 'cockpit', 'ITSM']) assert.match(text, new RegExp(`${label}\\s+http://127\\.0\\.0\\.1:\\d+`));
      assert.match(text, /built-in simulator/);
      const res = await fetch(`${demo.base}/assets/ticketbridge-core.wasm`);
      assert.equal(res.headers.get('content-type'), 'application/wasm');
    } finally {
      await stopDemo(demo);
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
