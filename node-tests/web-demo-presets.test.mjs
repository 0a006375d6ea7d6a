// The admin console's presets in a real browser (Debian's Chromium, playwright-core), and the
// server's preset API alone. Request Tracker is a small recording stand-in on 127.0.0.1 (the
// real RT runs in rt.test.mjs); ServiceNow is the built-in ITSM. The secrets go where the
// console says, <data>/secrets.json, and never reach the page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startSimulator } from './support.mjs';
import { launchBrowser, skip, startDemo, stopDemo, WAIT } from './web-demo-support.mjs';

const RT_SECRET = 'rt-secret-pw-4711';
// TB_SCREENSHOTS=1 writes docs/screenshots/preset-picker.png (the README's Screens section).
const SHOTS = process.env.TB_SCREENSHOTS ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url)) : null;
const SN_SECRET = 'tb-demo-password';

/** An RT REST 2 stand-in: records each request; a create answers 201 {id: 42}. */
async function startFakeRt() {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      const created = req.method === 'POST' && req.url === '/REST/2.0/ticket';
      res.writeHead(created ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(created ? { id: 42, type: 'ticket', _url: `http://127.0.0.1/REST/2.0/ticket/42` } : { items: [], count: 0, total: 0 }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

function writeSecrets(data, secrets) {
  fs.writeFileSync(path.join(data, 'secrets.json'), JSON.stringify(secrets));
}

async function api(base, method, route, body) {
  const res = await fetch(base + route, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('presets in the admin console, in Chromium', { skip }, () => {
  let sim;
  let rt;
  let work;
  let data;
  let demo;
  let context;
  let admin;
  const get = async (route) => (await api(demo.base, 'GET', route)).body;
  // A problem with `code` beside the control (field() puts the error right after it).
  const invalid = (testid, code) => `[data-testid=${testid}][aria-invalid=true] + .field-error .problem[data-code=${code}]`;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-web-presets-'));
    data = path.join(work, 'data');
    sim = await startSimulator({ port: 0, dataFile: null });
    rt = await startFakeRt();
    demo = await startDemo(['--itsm', sim.url, '--data', data]);
    context = await launchBrowser(work);
    admin = context.pages()[0] ?? await context.newPage();
    admin.on('pageerror', (e) => { throw e; });
  });

  after(async () => {
    await context?.close();
    await stopDemo(demo);
    await rt?.close();
    await sim?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('RT: the fields fill, what is left to give is marked, and once given the calls are made and the test panel shows the preset\'s request', async () => {
    await admin.goto(`${demo.base}/admin#api-calls`);
    await admin.click('[data-testid=apicall-from-preset]');
    // The system is chosen with the keyboard in a labelled control.
    await admin.getByLabel('ITSM system').focus();
    await admin.getByLabel('ITSM system').selectOption('rt');
    await admin.waitForSelector('[data-testid=preset-needs]', WAIT);
    assert.match(await admin.locator('[data-testid=preset-needs]').innerText(), /Ticketbridge Key/);
    assert.equal(await admin.locator('[data-testid=preset-baseurl]').inputValue(), 'https://rt.example.com/');
    assert.equal(await admin.locator('[data-testid=preset-param][data-name=queue]').inputValue(), 'General');
    // Still to give: the base URL and the fallback URL (examples), and the secret on the server.
    await admin.waitForSelector(invalid('preset-baseurl', 'DEMO_PRESET_VALUE_NEEDED'), WAIT);
    await admin.waitForSelector(invalid('preset-fallback', 'DEMO_PRESET_VALUE_NEEDED'), WAIT);
    assert.equal(await admin.locator('[data-testid=preset-secret][data-name=password]').getAttribute('data-state'), 'missing');
    assert.match(await admin.locator('[data-testid=preset-secrets]').innerText(), new RegExp(`never holds a secret[\\s\\S]*${path.join(data, 'secrets.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.equal(await admin.locator('[data-testid=preset-auth][data-name=username][aria-invalid=true]').count(), 0);
    if (SHOTS) await admin.locator('main').screenshot({ path: path.join(SHOTS, 'preset-picker.png') });
    // The core's own problem beside the field, as the admin types.
    await admin.fill('[data-testid=preset-baseurl]', 'rt.internal');
    await admin.waitForSelector(invalid('preset-baseurl', 'CONFIG_INVALID_URL'), WAIT);
    await admin.click('[data-testid=preset-apply]');
    await admin.waitForSelector('[data-testid=preset-status]:text("Fix the problems")', WAIT);
    assert.deepEqual((await get('/api/page-config')).credentials, ['servicenow'], 'nothing was made');

    await admin.fill('[data-testid=preset-baseurl]', rt.url);
    await admin.fill('[data-testid=preset-fallback]', 'https://help.acme.test/new');
    await admin.fill('[data-testid=preset-param][data-name=queue]', 'Support');
    writeSecrets(data, { rt: { password: RT_SECRET } });
    await admin.click('[data-testid=preset-secret-check]');
    await admin.waitForSelector('[data-testid=preset-secret][data-name=password][data-state=set]', WAIT);
    assert.equal(await admin.locator('form [aria-invalid=true]').count(), 0);
    await admin.click('[data-testid=preset-apply]');

    // The API call editor, filled: Request and Output tabs hold the preset's call.
    await admin.waitForURL(/#api-calls\/createTicket$/, WAIT);
    await admin.click('[data-testid=tab-request]');
    assert.equal(await admin.locator('[data-testid=apicall-resource]').inputValue(), 'REST/2.0/ticket');
    assert.match(await admin.locator('[data-testid=apicall-payload]').inputValue(), /"Queue": "\{\{queue\}\}"/);
    await admin.click('[data-testid=tab-output]');
    assert.equal(await admin.locator('[data-testid=output-expression][data-name=ticketNumber]').inputValue(), '$string(id)');
    const setup = await get('/api/page-config');
    assert.deepEqual(setup.credentials.sort(), ['rt', 'servicenow']);
    assert.deepEqual(setup.config.credentials.rt.auth, { type: 'none' });
    assert.equal(setup.config.apiCalls.createTicket.parameters.find((p) => p.name === 'queue').default, 'Support');
    assert.deepEqual(setup.config.escalation.lookup.apiCall, 'findTicketByKey');
    assert.equal(setup.config.escalation.fallbackUrl, 'https://help.acme.test/new');
    assert.ok(!JSON.stringify(setup).includes(RT_SECRET));
    assert.ok(!fs.readFileSync(path.join(data, 'demo.json'), 'utf8').includes(RT_SECRET), 'the data file holds no secret');

    // The test panel: through the relay, which adds the secret the page never saw.
    for (const [name, value] of [['subject', 'Printer on 3 jams'], ['content', 'Employee: it jams. Assistant: escalating'], ['idempotency_key', 'tb-preset-1']]) {
      await admin.fill(`[data-testid=test-param][data-name=${name}]`, value);
    }
    await admin.click('[data-testid=apicall-test-run]');
    await admin.waitForSelector('[data-testid=preview-output][data-name=ticketNumber][data-state=value]', WAIT);
    assert.equal(await admin.locator('[data-testid=preview-output][data-name=ticketNumber]').innerText(), '42');
    const shown = await admin.locator('[data-testid=test-request]').innerText();
    assert.match(shown, /^POST http:\/\/127\.0\.0\.1:\d+\/relay\/rt\/REST\/2\.0\/ticket/);
    assert.match(shown, /"Queue": "Support"/);
    assert.match(await admin.locator('[data-testid=test-relay]').innerText(), /Authorization: Basic \*\*\*/);
    assert.ok(!(await admin.locator('[data-testid=test-panel]').innerText()).includes(RT_SECRET));
    const created = rt.requests.find((r) => r.method === 'POST');
    assert.equal(created.authorization, `Basic ${Buffer.from(`ticketbridge:${RT_SECRET}`).toString('base64')}`);
    assert.equal(JSON.parse(created.body).Queue, 'Support');
    assert.equal(JSON.parse(created.body).Content, 'Employee: it jams. Assistant: escalating');

    // Support escalation shows the preset's mapping.
    await admin.goto(`${demo.base}/admin#escalation`);
    assert.equal(await admin.locator('[data-testid=escalation-param][data-name=content]').inputValue(), '{{transcript}}');
  });

  test('ServiceNow over an edited configuration: the console asks first; Escape keeps it, "beside" adds, "replace" replaces', async () => {
    // The admin changes the RT configuration the first test made.
    const before = (await get('/api/page-config')).config;
    const edited = { ...before.escalation, fallbackUrl: 'https://help.acme.test/edited' };
    assert.equal((await api(demo.base, 'PUT', '/api/settings', { apiCalls: before.apiCalls, escalation: edited })).status, 200);
    await admin.goto(`${demo.base}/admin#presets/servicenow`);
    await admin.reload();
    await admin.waitForSelector('[data-testid=preset-credential-name]', WAIT);
    // "servicenow" is the built-in ITSM's credential: a new one gets a free name.
    assert.equal(await admin.locator('[data-testid=preset-credential-name]').inputValue(), 'servicenow2');
    await admin.fill('[data-testid=preset-baseurl]', sim.url);
    await admin.fill('[data-testid=preset-auth][data-name=username]', 'tb.integration');
    await admin.fill('[data-testid=preset-fallback]', 'https://help.acme.test/sn');
    writeSecrets(data, { rt: { password: RT_SECRET }, servicenow2: { password: SN_SECRET } });
    await admin.click('[data-testid=preset-secret-check]');
    await admin.waitForSelector('[data-testid=preset-secret][data-state=set]', WAIT);

    await admin.click('[data-testid=preset-apply]');
    const confirm = admin.locator('[data-testid=preset-confirm]');
    await confirm.waitFor(WAIT);
    assert.match(await confirm.innerText(), /createTicket, findTicketByKey, escalation settings would be replaced/);
    assert.equal(await admin.evaluate(() => document.activeElement?.dataset.testid), 'preset-confirm-replace');
    await admin.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached', ...WAIT });
    assert.deepEqual((await get('/api/page-config')).config.escalation, edited, 'nothing changed');

    await admin.click('[data-testid=preset-apply]');
    await admin.click('[data-testid=preset-confirm-beside]');
    assert.ok(await admin.locator('[data-testid=preset-mode-beside]').isChecked());
    await admin.click('[data-testid=preset-apply]');
    await admin.waitForURL(/#api-calls\/createIncident$/, WAIT);
    let setup = await get('/api/page-config');
    assert.deepEqual(Object.keys(setup.config.apiCalls).sort(), ['createIncident', 'createTicket', 'findIncidentByKey', 'findTicketByKey']);
    assert.deepEqual(setup.config.escalation, edited, 'beside leaves the escalation settings alone');
    assert.equal(setup.config.apiCalls.createIncident.credential, 'servicenow2');

    // The test panel reaches the built-in ITSM through the new credential.
    for (const [name, value] of [['caller_id', 'abel.tuter'], ['short_description', 'Preset run'], ['correlation_id', 'tb-preset-sn-1']]) {
      await admin.fill(`[data-testid=test-param][data-name=${name}]`, value);
    }
    await admin.click('[data-testid=apicall-test-run]');
    await admin.waitForSelector('[data-testid=preview-output][data-name=ticketNumber][data-state=value]', WAIT);
    assert.match(await admin.locator('[data-testid=preview-output][data-name=ticketNumber]').innerText(), /^INC\d+$/);
    assert.match(await admin.locator('[data-testid=test-request]').innerText(), /^POST \S+\/relay\/servicenow2\/api\/now\/v1\/table\/incident/);

    // Replacing, confirmed, once more from RT (its credential name is taken now: rt2).
    await admin.goto(`${demo.base}/admin#presets/rt`);
    await admin.waitForSelector('[data-testid=preset-credential-name]', WAIT);
    assert.equal(await admin.locator('[data-testid=preset-credential-name]').inputValue(), 'rt2');
    await admin.fill('[data-testid=preset-baseurl]', rt.url);
    await admin.fill('[data-testid=preset-fallback]', 'https://help.acme.test/rt2');
    writeSecrets(data, { rt: { password: RT_SECRET }, servicenow2: { password: SN_SECRET }, rt2: { password: RT_SECRET } });
    await admin.click('[data-testid=preset-secret-check]');
    await admin.waitForSelector('[data-testid=preset-secret][data-state=set]', WAIT);
    await admin.click('[data-testid=preset-apply]');
    await admin.click('[data-testid=preset-confirm-replace]');
    await admin.waitForURL(/#api-calls\/createTicket$/, WAIT);
    setup = await get('/api/page-config');
    assert.deepEqual(Object.keys(setup.config.apiCalls).sort(), ['createTicket', 'findTicketByKey']);
    assert.equal(setup.config.apiCalls.createTicket.credential, 'rt2');
    assert.equal(setup.config.escalation.fallbackUrl, 'https://help.acme.test/rt2');
  });

  test('a failed load shows an error with a retry; the picker fits a phone', async () => {
    await admin.route('**/api/presets', (route) => route.abort());
    await admin.goto(`${demo.base}/admin#presets`);
    await admin.reload();
    await admin.waitForSelector('[data-testid=preset-load-error]', WAIT);
    await admin.unroute('**/api/presets');
    await admin.getByRole('button', { name: 'Try again' }).click();
    await admin.waitForSelector('[data-testid=preset-select]', WAIT);
    await admin.setViewportSize({ width: 360, height: 740 });
    await admin.goto(`${demo.base}/admin#presets/zendesk`);
    await admin.waitForSelector('[data-testid=preset-notes]', WAIT);
    const width = await admin.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the picker is ${width} px wide at 360`);
  });
});

describe('the preset API alone (also on Node 18)', () => {
  let work;
  let demo;
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-web-presets-'));
    demo = await startDemo(['--data', path.join(work, 'data')]);
  });
  after(async () => {
    await stopDemo(demo);
    fs.rmSync(work, { recursive: true, force: true });
  });

  const rtBody = (extra = {}) => {
    const { config } = JSON.parse(fs.readFileSync(new URL('../wasm/js/presets/rt.json', import.meta.url), 'utf8'));
    for (const call of Object.values(config.apiCalls)) call.credential = 'rt';
    return { preset: 'rt', credential: { name: 'rt', baseUrl: 'https://rt.acme.test/', auth: { username: 'tb' } },
      settings: { apiCalls: config.apiCalls, escalation: { ...config.escalation, fallbackUrl: 'https://help.acme.test/' } }, ...extra };
  };

  test('the presets come without their placeholder secrets, naming the secret fields', async () => {
    const { body } = await api(demo.base, 'GET', '/api/presets');
    assert.equal(body.presets.length, 7);
    assert.ok(!JSON.stringify(body).includes('CHANGE-ME'));
    const freshservice = body.presets.find((p) => p.name === 'freshservice');
    assert.deepEqual(freshservice.secretFields, { freshservice: ['username'] });
    assert.deepEqual(freshservice.config.credentials.freshservice.auth, { type: 'basic' }, 'no field of a secret kind reaches the page');
    assert.equal(body.secrets.file, path.join(work, 'data', 'secrets.json'));
  });

  test('a secret in the body, a missing secret, a taken name, an unknown preset: refused, nothing stored', async () => {
    const withSecret = rtBody();
    withSecret.credential.auth.password = 'sent-by-the-page';
    let r = await api(demo.base, 'POST', '/api/presets/apply', withSecret);
    assert.deepEqual([r.status, r.body.error.code], [400, 'DEMO_SECRET_REFUSED']);
    r = await api(demo.base, 'POST', '/api/presets/apply', rtBody());
    assert.deepEqual([r.status, r.body.errors.map((e) => [e.code, e.path])], [422, [['DEMO_SECRET_MISSING', '/credentials/rt/auth/password']]]);
    r = await api(demo.base, 'POST', '/api/presets/apply', { ...rtBody(), credential: { ...rtBody().credential, name: 'servicenow' } });
    assert.deepEqual([r.status, r.body.error.code], [409, 'DEMO_CREDENTIAL_EXISTS']);
    r = await api(demo.base, 'POST', '/api/presets/apply', { ...rtBody(), preset: 'glpi' });
    assert.deepEqual([r.status, r.body.error.code], [404, 'PRESET_UNKNOWN']);
    r = await api(demo.base, 'POST', '/api/presets/apply', rtBody({ credential: { name: 'rt', baseUrl: 'https://rt.example.com/', auth: {} } }));
    assert.ok(r.body.errors.some((e) => e.code === 'DEMO_PRESET_VALUE_NEEDED' && e.path === '/credentials/rt/baseUrl'));
    assert.deepEqual((await api(demo.base, 'GET', '/api/page-config')).body.credentials, ['servicenow']);
  });

  test('over edited settings the server wants replace: true; with it, the preset is stored', async () => {
    const { body: setup } = await api(demo.base, 'GET', '/api/page-config');
    assert.equal(setup.edited, false);
    await api(demo.base, 'PUT', '/api/settings', { apiCalls: setup.config.apiCalls, escalation: { ...setup.config.escalation, fallbackUrl: 'https://help.acme.test/mine' } });
    writeSecrets(path.join(work, 'data'), { rt: { password: 'rt-password-1' } });
    let r = await api(demo.base, 'POST', '/api/presets/apply', rtBody());
    assert.deepEqual([r.status, r.body.error.code], [409, 'DEMO_CONFIRM_REPLACE']);
    assert.match(r.body.error.message, /createIncident/);
    r = await api(demo.base, 'POST', '/api/presets/apply', rtBody({ replace: true }));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.edited, false);
    assert.deepEqual(r.body.secrets.set, { rt: ['password'] });
    assert.ok(!JSON.stringify(r.body).includes('rt-password-1'));
  });
});
