// The built-in ITSM, exercised over real HTTP on 127.0.0.1 with Node's fetch: the ServiceNow
// behaviour clients rely on (status codes, bodies, headers, numbering, auth) and every fault the
// escalation suites inject.
import { EventEmitter } from 'node:events';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseSimulatorArgs, runSimulatorCli, startSimulator } from '../wasm/js/itsm-sim/index.mjs';

const ITIL = 'Basic ' + Buffer.from('tb.integration:tb-demo-password').toString('base64');
const READONLY = 'Basic ' + Buffer.from('tb.readonly:tb-readonly-password').toString('base64');
const FIXED_NOW = Date.UTC(2025, 0, 2, 3, 4, 5);
const SYS_ID = /^[0-9a-f]{32}$/;
const GLIDE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const running = new Set();
after(async () => Promise.all([...running].map((sim) => sim.close())));

async function start(options = {}) {
  const sim = await startSimulator({ dataFile: null, ...options });
  running.add(sim);
  return sim;
}

function tempDataFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsm-sim-test-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'nested', 'itsm.json');
}

function create(sim, body, { auth = ITIL, query = '', prefix = '/api/now/table', headers = {}, signal } = {}) {
  return fetch(`${sim.url}${prefix}/incident${query}`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

function get(sim, pathAndQuery, auth = ITIL) {
  return fetch(`${sim.url}${pathAndQuery}`, { headers: { Authorization: auth, Accept: 'application/json' } });
}

async function control(sim, method, route, body) {
  const res = await fetch(`${sim.url}/__sim/${route}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

async function storedIncidents(sim) {
  return (await control(sim, 'GET', 'incidents')).body.incidents;
}

function tokenRequest(sim, fields, headers = {}) {
  return fetch(`${sim.url}/oauth_token.do`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

function failure(message, detail) {
  return { error: { message, detail }, status: 'failure' };
}

describe('create', () => {
  test('answers 201 with Location and a ServiceNow-shaped result', async () => {
    const sim = await start({ now: () => FIXED_NOW });
    const res = await create(sim, {
      short_description: 'x'.repeat(200),
      description: 'Line one\nLine "two"',
      correlation_id: 'c'.repeat(150),
      correlation_display: 'd'.repeat(120),
      work_notes: 'Conversation transcript',
      comments: 'Visible to the caller',
      category: 'network',
      subcategory: 'vpn',
      caller_id: '0123456789abcdef0123456789abcdef',
      assignment_group: 'fedcba9876543210fedcba9876543210',
      cmdb_ci: 'aaaabbbbccccddddeeeeffff00001111',
      u_not_a_field: 'ignored',
    });
    assert.equal(res.status, 201);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const { result } = await res.json();
    assert.equal(res.headers.get('location'), `${sim.url}/api/now/table/incident/${result.sys_id}`);

    assert.match(result.sys_id, SYS_ID);
    assert.equal(result.number, 'INC0010001');
    assert.equal(result.state, '1');
    assert.equal(result.impact, '3');
    assert.equal(result.urgency, '3');
    assert.equal(result.priority, '5');
    assert.equal(result.active, 'true');
    assert.equal(result.sys_created_by, 'tb.integration');
    for (const field of ['opened_at', 'sys_created_on', 'sys_updated_on']) {
      assert.equal(result[field], '2025-01-02 03:04:05', field);
    }
    assert.equal(result.short_description, 'x'.repeat(160));
    assert.equal(result.correlation_id, 'c'.repeat(100));
    assert.equal(result.correlation_display, 'd'.repeat(100));
    assert.equal(result.description, 'Line one\nLine "two"');
    assert.equal(result.category, 'network');
    assert.equal(result.subcategory, 'vpn');
    assert.deepEqual(result.caller_id, {
      link: `${sim.url}/api/now/table/sys_user/0123456789abcdef0123456789abcdef`,
      value: '0123456789abcdef0123456789abcdef',
    });
    assert.equal(result.assignment_group.link, `${sim.url}/api/now/table/sys_user_group/fedcba9876543210fedcba9876543210`);
    assert.equal(result.cmdb_ci.link, `${sim.url}/api/now/table/cmdb_ci/aaaabbbbccccddddeeeeffff00001111`);
    assert.match(result.opened_by.value, SYS_ID);
    assert.equal(result.assigned_to, '', 'an empty reference is an empty string');
    assert.equal(result.u_not_a_field, undefined, 'unknown fields are ignored');
    // Journal fields read back empty through the Table API; the transcript is kept in the store.
    assert.equal(result.work_notes, '');
    for (const [name, value] of Object.entries(result)) {
      const ok = typeof value === 'string' || (typeof value.link === 'string' && typeof value.value === 'string');
      assert.ok(ok, `${name} is a string or a reference`);
    }
    const [stored] = await storedIncidents(sim);
    assert.equal(stored.work_notes, 'Conversation transcript');
    assert.equal(stored.comments, 'Visible to the caller');
    assert.equal(result.comments, '');
    assert.equal(stored.sys_id, result.sys_id);
  });

  test('numbers incidents INC0010001, INC0010002, ... on every API version', async () => {
    const sim = await start();
    const numbers = [];
    for (const prefix of ['/api/now/table', '/api/now/v1/table', '/api/now/v2/table']) {
      const res = await create(sim, { short_description: prefix }, { prefix });
      assert.equal(res.status, 201);
      const { result } = await res.json();
      numbers.push(result.number);
      assert.equal(res.headers.get('location'), `${sim.url}${prefix}/incident/${result.sys_id}`);
    }
    assert.deepEqual(numbers, ['INC0010001', 'INC0010002', 'INC0010003']);
  });

  test('concurrent creates get distinct numbers and sys_ids', async () => {
    const sim = await start();
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => (await (await create(sim, { correlation_id: `c${i}` })).json()).result),
    );
    assert.equal(new Set(results.map((r) => r.number)).size, 20);
    assert.equal(new Set(results.map((r) => r.sys_id)).size, 20);
    assert.deepEqual(results.map((r) => r.number).sort(), Array.from({ length: 20 }, (_, i) => `INC${String(10001 + i).padStart(7, '0')}`));
  });

  test('derives priority from impact and urgency and coerces JSON scalars to strings', async () => {
    const sim = await start();
    const { result } = await (await create(sim, { impact: 1, urgency: '2', short_description: 42 })).json();
    assert.equal(result.impact, '1');
    assert.equal(result.urgency, '2');
    assert.equal(result.priority, '2');
    assert.equal(result.short_description, '42');
  });

  test('sysparm_fields, sysparm_exclude_reference_link and sysparm_display_value shape the result', async () => {
    const sim = await start();
    const fields = '?sysparm_fields=number,caller_id,impact,work_notes';
    const body = { caller_id: '0123456789abcdef0123456789abcdef', impact: '2', work_notes: 'hello' };
    const plain = (await (await create(sim, body, { query: fields })).json()).result;
    assert.deepEqual(Object.keys(plain), ['number', 'caller_id', 'impact', 'work_notes']);

    const noLink = (await (await create(sim, body, { query: `${fields}&sysparm_exclude_reference_link=true` })).json()).result;
    assert.equal(noLink.caller_id, '0123456789abcdef0123456789abcdef');

    const shown = (await (await create(sim, body, { query: `${fields}&sysparm_display_value=true` })).json()).result;
    assert.equal(shown.impact, '2 - Medium');
    assert.equal(shown.caller_id.link, `${sim.url}/api/now/table/sys_user/0123456789abcdef0123456789abcdef`);
    assert.match(shown.work_notes, /\(Work notes\)\nhello\n/);

    const all = (await (await create(sim, body, { query: `${fields}&sysparm_display_value=all` })).json()).result;
    assert.deepEqual(all.impact, { display_value: '2 - Medium', value: '2' });
    assert.equal(all.caller_id.value, '0123456789abcdef0123456789abcdef');
  });

  test('sysparm_input_display_value=true accepts display values for reference and choice fields', async () => {
    const sim = await start();
    const body = { caller_id: 'Abel Tuter', assignment_group: 'Service Desk', impact: '1 - High' };
    const query = '?sysparm_input_display_value=true&sysparm_display_value=all';
    const { result } = await (await create(sim, body, { query })).json();
    assert.match(result.caller_id.value, SYS_ID);
    assert.equal(result.caller_id.display_value, 'Abel Tuter');
    assert.match(result.assignment_group.value, SYS_ID);
    assert.equal(result.assignment_group.display_value, 'Service Desk');
    assert.equal(result.impact.value, '1');

    const raw = (await (await create(sim, body)).json()).result;
    assert.equal(raw.caller_id.value, 'Abel Tuter', 'without the flag the value is stored as sent');
    assert.equal(raw.impact, '3', 'an unknown choice value falls back to the default');
  });
});

describe('read and query', () => {
  test('GET by sys_id returns the record; an unknown sys_id is 404 No Record found', async () => {
    const sim = await start();
    const created = (await (await create(sim, { short_description: 'Mail down' })).json()).result;
    const res = await get(sim, `/api/now/table/incident/${created.sys_id}`);
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).result, created);

    const missing = await get(sim, '/api/now/v2/table/incident/00000000000000000000000000000000');
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), failure('No Record found', "Record doesn't exist or ACL restricts the record retrieval"));
  });

  test('query by correlation_id finds the records, honours sysparm_limit and is empty when none match', async () => {
    const sim = await start();
    for (const [cid, text] of [['conv-1', 'a'], ['conv-2', 'b'], ['conv-1', 'c']]) {
      assert.equal((await create(sim, { correlation_id: cid, short_description: text })).status, 201);
    }
    const both = await get(sim, '/api/now/table/incident?sysparm_query=correlation_id%3Dconv-1');
    assert.equal(both.status, 200);
    assert.deepEqual((await both.json()).result.map((r) => r.number), ['INC0010001', 'INC0010003']);

    const one = await get(sim, '/api/now/table/incident?sysparm_query=correlation_id=conv-1&sysparm_limit=1');
    assert.deepEqual((await one.json()).result.map((r) => r.short_description), ['a']);
    assert.equal(one.headers.get('x-total-count'), '2');

    const anded = await get(sim, '/api/now/table/incident?sysparm_query=correlation_id=conv-1^short_description=c');
    assert.deepEqual((await anded.json()).result.map((r) => r.number), ['INC0010003']);

    const ored = await get(sim, '/api/now/table/incident?sysparm_query=short_description=a^ORshort_description=b^ORDERBYDESCnumber');
    assert.deepEqual((await ored.json()).result.map((r) => r.number), ['INC0010002', 'INC0010001']);

    const none = await get(sim, '/api/now/table/incident?sysparm_query=correlation_id=conv-404');
    assert.equal(none.status, 200);
    assert.deepEqual(await none.json(), { result: [] });
  });

  test('encoded queries support the common operators and ^^ for a literal caret', async () => {
    const sim = await start();
    for (const cid of ['a^b', 'conv-7', '']) await (await create(sim, { correlation_id: cid, short_description: `sd ${cid}` })).arrayBuffer();
    const numbers = async (query) =>
      (await (await get(sim, `/api/now/table/incident?sysparm_query=${encodeURIComponent(query)}`)).json()).result.map((r) => r.number);
    assert.deepEqual(await numbers('correlation_id=a^^b'), ['INC0010001']);
    assert.deepEqual(await numbers('correlation_idLIKEONV'), ['INC0010002'], 'LIKE ignores case');
    assert.deepEqual(await numbers('correlation_idSTARTSWITHconv'), ['INC0010002']);
    assert.deepEqual(await numbers('correlation_idISEMPTY'), ['INC0010003']);
    assert.deepEqual(await numbers('correlation_idISNOTEMPTY^correlation_id!=conv-7'), ['INC0010001']);
    assert.deepEqual(await numbers('numberININC0010001,INC0010003'), ['INC0010001', 'INC0010003']);
    assert.deepEqual(await numbers('correlation_id=conv-7^NQcorrelation_id=a^^b^ORDERBYnumber'), ['INC0010001', 'INC0010002']);
  });

  test('a condition on an unknown field is ignored, or matches nothing with strictQuery', async () => {
    const lax = await start();
    await create(lax, { correlation_id: 'x' });
    const laxRes = await get(lax, '/api/now/table/incident?sysparm_query=no_such_field=1');
    assert.equal((await laxRes.json()).result.length, 1);

    const strict = await start({ strictQuery: true });
    await create(strict, { correlation_id: 'x' });
    const strictRes = await get(strict, '/api/now/table/incident?sysparm_query=no_such_field=1');
    assert.deepEqual((await strictRes.json()).result, []);
  });
});

describe('authentication', () => {
  test('missing and wrong credentials get 401 with the Basic challenge', async () => {
    const sim = await start();
    const missing = await fetch(`${sim.url}/api/now/table/incident`);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Basic realm="Service-now"');
    assert.deepEqual(await missing.json(), failure('User Not Authenticated', 'Required to provide Auth information'));

    const wrong = await create(sim, {}, { auth: 'Basic ' + Buffer.from('tb.integration:nope').toString('base64') });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('www-authenticate'), 'Basic realm="Service-now"');
    assert.deepEqual(await wrong.json(), failure('User is not authenticated', 'Required to provide Auth information'));

    const badBearer = await create(sim, {}, { auth: 'Bearer not-a-token' });
    assert.equal(badBearer.status, 401);
    assert.deepEqual(await storedIncidents(sim), []);
  });

  test('the read-only user may read but gets the 403 ACL error on insert', async () => {
    const sim = await start();
    const res = await create(sim, { short_description: 'x' }, { auth: READONLY });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), failure('Operation Failed', 'ACL Exception Insert Failed due to security constraints'));
    assert.equal((await get(sim, '/api/now/table/incident', READONLY)).status, 200);
    assert.deepEqual(await storedIncidents(sim), []);
  });

  test('a fixed bearer token and configured users are accepted', async () => {
    const sim = await start({
      users: [{ username: 'agent', password: 's3cret:with:colons', roles: ['itil'] }],
      oauthClients: [],
      bearerTokens: [{ token: 'fixed-token', user: 'agent' }],
    });
    const basic = await create(sim, {}, { auth: 'Basic ' + Buffer.from('agent:s3cret:with:colons').toString('base64') });
    assert.equal(basic.status, 201);
    const bearer = await create(sim, {}, { auth: 'Bearer fixed-token' });
    assert.equal(bearer.status, 201);
    assert.equal((await bearer.json()).result.sys_created_by, 'agent');
    assert.equal((await create(sim, {}, { auth: ITIL })).status, 401, 'defaults are replaced, not merged');
  });

  test('OAuth client credentials give a Bearer token that works until it expires', async () => {
    let clock = FIXED_NOW;
    const sim = await start({ now: () => clock, tokenTtlMs: 60_000 });
    const res = await tokenRequest(sim, { grant_type: 'client_credentials', client_id: 'tb-client', client_secret: 'tb-client-secret' });
    assert.equal(res.status, 200);
    const token = await res.json();
    assert.equal(token.token_type, 'Bearer');
    assert.equal(token.expires_in, 60);
    assert.equal(token.scope, 'useraccount');
    assert.equal(typeof token.access_token, 'string');

    const ok = await create(sim, { short_description: 'via oauth' }, { auth: `Bearer ${token.access_token}` });
    assert.equal(ok.status, 201);
    assert.equal((await ok.json()).result.sys_created_by, 'tb.integration');

    clock += 60_000;
    const expired = await create(sim, {}, { auth: `Bearer ${token.access_token}` });
    assert.equal(expired.status, 401);
    assert.equal(expired.headers.get('www-authenticate'), 'Basic realm="Service-now"');
    assert.equal((await storedIncidents(sim)).length, 1);
  });

  test('the token endpoint keeps the default lifetime, takes scope, Basic client auth and refresh', async () => {
    const sim = await start();
    const basicClient = 'Basic ' + Buffer.from('tb-client:tb-client-secret').toString('base64');
    const cc = await (await tokenRequest(sim, { grant_type: 'client_credentials', scope: 'custom' }, { Authorization: basicClient })).json();
    assert.equal(cc.expires_in, 1799);
    assert.equal(cc.scope, 'custom');

    const pw = await (
      await tokenRequest(sim, {
        grant_type: 'password', client_id: 'tb-client', client_secret: 'tb-client-secret',
        username: 'tb.readonly', password: 'tb-readonly-password',
      })
    ).json();
    assert.equal(typeof pw.refresh_token, 'string');
    const refreshed = await tokenRequest(sim, {
      grant_type: 'refresh_token', client_id: 'tb-client', client_secret: 'tb-client-secret', refresh_token: pw.refresh_token,
    });
    assert.equal(refreshed.status, 200);
    const fresh = await refreshed.json();
    assert.notEqual(fresh.access_token, pw.access_token);
    assert.equal((await create(sim, {}, { auth: `Bearer ${fresh.access_token}` })).status, 403, 'acts as the read-only user');
  });

  test('the token endpoint refuses bad clients, grants and content types', async () => {
    const sim = await start();
    const bad = await tokenRequest(sim, { grant_type: 'client_credentials', client_id: 'tb-client', client_secret: 'wrong' });
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), { error_description: 'access_denied', error: 'server_error' });

    const grant = await tokenRequest(sim, { grant_type: 'implicit', client_id: 'tb-client', client_secret: 'tb-client-secret' });
    assert.equal(grant.status, 400);
    assert.equal((await grant.json()).error, 'unsupported_grant_type');

    const json = await fetch(`${sim.url}/oauth_token.do`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    assert.equal(json.status, 400);
    assert.equal((await fetch(`${sim.url}/oauth_token.do`)).status, 405);
  });

  test('DELETE /__sim/tokens revokes issued tokens', async () => {
    const sim = await start();
    const token = await (await tokenRequest(sim, { grant_type: 'client_credentials', client_id: 'tb-client', client_secret: 'tb-client-secret' })).json();
    assert.deepEqual((await control(sim, 'DELETE', 'tokens')).body, { revoked: 1 });
    assert.equal((await create(sim, {}, { auth: `Bearer ${token.access_token}` })).status, 401);
  });
});

describe('request errors', () => {
  test('malformed JSON, a missing or wrong Content-Type and a non-object payload are 400', async () => {
    const sim = await start();
    const malformed = await create(sim, '{"short_description": "unterminated');
    assert.equal(malformed.status, 400);
    assert.deepEqual(await malformed.json(), failure('Exception while reading request', 'The payload is not valid JSON.'));

    const noType = await fetch(`${sim.url}/api/now/table/incident`, {
      method: 'POST',
      headers: { Authorization: ITIL },
      body: new Uint8Array(Buffer.from('{"short_description":"x"}')),
    });
    assert.equal(noType.status, 400);
    const noTypeBody = await noType.json();
    assert.equal(noTypeBody.status, 'failure');
    assert.equal(noTypeBody.error.message, 'Exception while reading request');

    assert.equal((await create(sim, '{}', { headers: { 'Content-Type': 'text/plain' } })).status, 400);
    assert.equal((await create(sim, '[{"short_description":"x"}]')).status, 400);
    assert.equal((await create(sim, '')).status, 400);
    assert.deepEqual(await storedIncidents(sim), []);
  });

  test('unknown tables and paths are 404, unsupported methods 405', async () => {
    const sim = await start();
    const table = await get(sim, '/api/now/table/change_request');
    assert.equal(table.status, 404);
    assert.deepEqual(await table.json(), failure('Invalid table change_request', null));

    const pathRes = await get(sim, '/api/now/nothing/here');
    assert.equal(pathRes.status, 404);
    assert.equal((await pathRes.json()).status, 'failure');
    assert.equal((await fetch(`${sim.url}/nowhere`)).status, 404);

    const created = (await (await create(sim, {})).json()).result;
    const patch = await fetch(`${sim.url}/api/now/table/incident/${created.sys_id}`, {
      method: 'PATCH',
      headers: { Authorization: ITIL, 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(patch.status, 405);
    assert.equal(patch.headers.get('allow'), 'GET');
    assert.equal((await patch.json()).status, 'failure');
    const del = await fetch(`${sim.url}/api/now/table/incident`, { method: 'DELETE', headers: { Authorization: ITIL } });
    assert.equal(del.status, 405);
    assert.equal(del.headers.get('allow'), 'GET, POST');
  });

  test('bodies over 10 MB are refused with 413 and nothing is stored', async () => {
    const sim = await start();
    const big = JSON.stringify({ description: 'x'.repeat(10 * 1024 * 1024) });
    const res = await create(sim, big);
    assert.equal(res.status, 413);
    assert.equal((await res.json()).status, 'failure');
    assert.deepEqual(await storedIncidents(sim), []);
    assert.equal((await create(sim, { short_description: 'after' })).status, 201, 'the server keeps serving');
  });

  test('a failure while handling becomes a 500 error body and changes nothing', async () => {
    const dataFile = tempDataFile();
    const sim = await start({ dataFile });
    assert.equal((await create(sim, { short_description: 'first' })).status, 201);
    // Replace the data directory with a plain file: the next write cannot succeed.
    const dir = path.dirname(dataFile);
    fs.rmSync(dir, { recursive: true });
    fs.writeFileSync(dir, 'in the way');
    const res = await create(sim, { short_description: 'lost' });
    assert.equal(res.status, 500);
    const body = await res.json();
    assert.equal(body.status, 'failure');
    assert.equal(typeof body.error.message, 'string');
    const stored = await storedIncidents(sim);
    assert.deepEqual(stored.map((r) => r.short_description), ['first'], 'the failed create is rolled back');
    fs.rmSync(dir);
    const next = (await (await create(sim, { short_description: 'second' })).json()).result;
    assert.equal(next.number, 'INC0010002', 'the counter did not move on the failed create');
  });

  test('CORS preflights are answered', async () => {
    const sim = await start();
    const res = await fetch(`${sim.url}/api/now/table/incident`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-headers'), 'authorization,content-type');
  });
});

describe('faults', () => {
  const replacing = [
    ['500', 500, 'application/json'],
    ['502', 502, 'text/html'],
    ['503', 503, 'application/json'],
    ['504', 504, 'text/html'],
    ['401', 401, 'application/json'],
    ['403', 403, 'application/json'],
  ];
  for (const [fault, status, type] of replacing) {
    test(`fault ${fault} answers ${status} without creating anything, once`, async () => {
      const sim = await start();
      await control(sim, 'POST', 'faults', { next: [fault] });
      const res = await create(sim, { short_description: 'x' });
      assert.equal(res.status, status);
      assert.match(res.headers.get('content-type'), new RegExp(`^${type}`));
      if (type === 'application/json') assert.equal((await res.json()).status, 'failure');
      else await res.arrayBuffer();
      if (status === 401) assert.equal(res.headers.get('www-authenticate'), 'Basic realm="Service-now"');
      assert.deepEqual(await storedIncidents(sim), []);
      assert.equal((await create(sim, { short_description: 'x' })).status, 201, 'the fault was consumed');
    });
  }

  test('fault 429 sends ServiceNow rate-limit headers, default Retry-After 1, or the given seconds', async () => {
    const sim = await start({ now: () => FIXED_NOW });
    await control(sim, 'POST', 'faults', { next: ['429', '429:7'] });
    const first = await create(sim, {});
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '1');
    assert.match(first.headers.get('x-ratelimit-limit'), /^\d+$/);
    assert.equal(first.headers.get('x-ratelimit-reset'), String(FIXED_NOW / 1000 + 1));
    const body = await first.json();
    assert.equal(body.error.message, 'Rate limit exceeded');
    assert.equal(body.status, 'failure');
    const second = await get(sim, '/api/now/table/incident');
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('retry-after'), '7');
    assert.equal(second.headers.get('x-ratelimit-reset'), String(FIXED_NOW / 1000 + 7));
    await second.arrayBuffer();
    assert.deepEqual(await storedIncidents(sim), []);
  });

  test('fault html200 answers the hibernation page with status 200 and stores nothing', async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['html200'] });
    const res = await create(sim, { short_description: 'x' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const html = await res.text();
    assert.match(html, /class="instance-hibernating-page"/);
    assert.throws(() => JSON.parse(html));
    assert.deepEqual(await storedIncidents(sim), []);
  });

  test('fault badjson answers 201 with a truncated body, and the record exists', async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['badjson'] });
    const res = await create(sim, { correlation_id: 'conv-bad' });
    assert.equal(res.status, 201);
    const text = await res.text();
    assert.ok(text.startsWith('{"result":'), text.slice(0, 20));
    assert.throws(() => JSON.parse(text));
    const stored = await storedIncidents(sim);
    assert.deepEqual(stored.map((r) => r.correlation_id), ['conv-bad']);
  });

  test('fault slow answers normally after the delay', async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['slow:50'] });
    const res = await create(sim, { short_description: 'patience' });
    assert.equal(res.status, 201);
    assert.equal((await res.json()).result.short_description, 'patience');
  });

  test('fault timeout never answers; the client gives up and nothing is stored', async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['timeout'] });
    await assert.rejects(create(sim, { short_description: 'x' }, { signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
    assert.deepEqual(await storedIncidents(sim), []);
    assert.equal((await create(sim, {})).status, 201);
  });

  test('fault reset drops the connection without an answer', async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['reset'] });
    await assert.rejects(create(sim, { short_description: 'x' }), TypeError);
    assert.deepEqual(await storedIncidents(sim), []);
  });

  test('commit-then-timeout and commit-then-reset store the record, then fail the request', async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['commit-then-timeout', 'commit-then-reset'] });
    await assert.rejects(create(sim, { correlation_id: 'conv-a' }, { signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
    await assert.rejects(create(sim, { correlation_id: 'conv-b' }), TypeError);
    const stored = await storedIncidents(sim);
    assert.deepEqual(stored.map((r) => [r.number, r.correlation_id]), [['INC0010001', 'conv-a'], ['INC0010002', 'conv-b']]);
    // The client's recovery path: look the ticket up by correlation_id.
    const found = await (await get(sim, '/api/now/table/incident?sysparm_query=correlation_id=conv-b&sysparm_limit=1')).json();
    assert.equal(found.result[0].number, 'INC0010002');
  });

  test('OAuth token requests consume faults; control requests do not', async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['503', 500] });
    assert.deepEqual((await control(sim, 'GET', 'faults')).body, { queued: ['503', '500'] });
    assert.equal((await control(sim, 'GET', 'incidents')).status, 200);
    const token = await tokenRequest(sim, { grant_type: 'client_credentials', client_id: 'tb-client', client_secret: 'tb-client-secret' });
    assert.equal(token.status, 503);
    await token.arrayBuffer();
    assert.deepEqual((await control(sim, 'GET', 'faults')).body, { queued: ['500'] });
    assert.deepEqual((await control(sim, 'DELETE', 'faults')).body, { cleared: 1 });
    assert.equal((await create(sim, {})).status, 201);
  });

  test('an invalid fault list is refused whole', async () => {
    const sim = await start();
    const res = await control(sim, 'POST', 'faults', { next: ['500', 'explode'] });
    assert.equal(res.status, 400);
    assert.match(res.body.error.detail, /explode/);
    assert.deepEqual((await control(sim, 'GET', 'faults')).body, { queued: [] });
    assert.equal((await control(sim, 'POST', 'faults', { later: [] })).status, 400);
  });

  test('stats count requests per route, faults by kind and records created', async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['500', 'commit-then-reset', '429:3'] });
    await (await create(sim, {})).arrayBuffer();
    await create(sim, {}).catch(() => {});
    await (await get(sim, '/api/now/table/incident')).arrayBuffer();
    await (await create(sim, {})).arrayBuffer();
    const { body: stats } = await control(sim, 'GET', 'stats');
    assert.deepEqual(stats.requests, { 'POST /api/now/table/incident': 3, 'GET /api/now/table/incident': 1 });
    assert.equal(stats.totalRequests, 4);
    assert.deepEqual(stats.faults, { 500: 1, 'commit-then-reset': 1, 429: 1 });
    assert.equal(stats.incidentsCreated, 2);
    assert.equal((await control(sim, 'DELETE', 'stats')).body.totalRequests, 0);
  });
});

describe('persistence and control', () => {
  test('records and the number counter survive a restart with the same data file', async () => {
    const dataFile = tempDataFile();
    const first = await start({ dataFile });
    const a = (await (await create(first, { correlation_id: 'conv-1', work_notes: 'transcript' })).json()).result;
    await (await create(first, { correlation_id: 'conv-2' })).arrayBuffer();
    await first.close();
    assert.deepEqual(fs.readdirSync(path.dirname(dataFile)), ['itsm.json'], 'no temp file is left behind');

    const second = await start({ dataFile });
    const res = await get(second, `/api/now/table/incident/${a.sys_id}`);
    assert.equal(res.status, 200);
    // Links carry the server's address, which changed with the port.
    assert.deepEqual((await res.json()).result, JSON.parse(JSON.stringify(a).replaceAll(first.url, second.url)));
    const next = (await (await create(second, {})).json()).result;
    assert.equal(next.number, 'INC0010003');
    assert.equal((await storedIncidents(second))[0].work_notes, 'transcript');
  });

  test('an unreadable data file is refused instead of being overwritten', async () => {
    const dataFile = tempDataFile();
    fs.mkdirSync(path.dirname(dataFile), { recursive: true });
    fs.writeFileSync(dataFile, '{"incidents": [');
    await assert.rejects(startSimulator({ dataFile }), /not valid JSON/);
    assert.equal(fs.readFileSync(dataFile, 'utf8'), '{"incidents": [');
  });

  test('DELETE /__sim/incidents drops the records and restarts numbering, also on disk', async () => {
    const dataFile = tempDataFile();
    const sim = await start({ dataFile });
    const old = (await (await create(sim, {})).json()).result;
    await (await create(sim, {})).arrayBuffer();
    assert.deepEqual((await control(sim, 'DELETE', 'incidents')).body, { deleted: 2 });
    assert.deepEqual(await storedIncidents(sim), []);
    assert.equal((await get(sim, `/api/now/table/incident/${old.sys_id}`)).status, 404);
    assert.equal((await (await create(sim, {})).json()).result.number, 'INC0010001');
    await sim.close();
    const again = await start({ dataFile });
    assert.equal((await storedIncidents(again)).length, 1);
  });

  test('close() returns while a request hangs on a timeout fault', { timeout: 10_000 }, async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['timeout'] });
    const hanging = create(sim, { short_description: 'never answered' });
    hanging.catch(() => {});
    while ((await control(sim, 'GET', 'faults')).body.queued.length) await new Promise((r) => setTimeout(r, 10));
    await sim.close();
    await assert.rejects(hanging, TypeError);
  });

  test('close() cancels a slow answer', { timeout: 10_000 }, async () => {
    const sim = await start();
    await control(sim, 'POST', 'faults', { next: ['slow:600000'] });
    const slow = create(sim, {});
    slow.catch(() => {});
    while ((await control(sim, 'GET', 'faults')).body.queued.length) await new Promise((r) => setTimeout(r, 10));
    await sim.close();
    await assert.rejects(slow, TypeError);
    assert.deepEqual(sim.incidents(), []);
  });
});

describe('command line', () => {
  test('parses --port and --data with their defaults', () => {
    assert.deepEqual(parseSimulatorArgs([]), { help: false, port: 8787, dataFile: path.join('.sim-data', 'itsm.json'), quiet: false });
    assert.deepEqual(parseSimulatorArgs(['--port', '0', '--data=/tmp/x.json', '--quiet']), { help: false, port: 0, dataFile: '/tmp/x.json', quiet: true });
    assert.equal(parseSimulatorArgs(['--memory']).dataFile, null);
    assert.throws(() => parseSimulatorArgs(['--port', 'abc']), /--port/);
    assert.throws(() => parseSimulatorArgs(['--data']), /needs a value/);
  });

  test('prints URL, data file and credentials, serves, and stops on SIGTERM', async () => {
    const dataFile = tempDataFile();
    let out = '';
    const signals = new EventEmitter();
    const stdout = { write: (s) => void (out += s) };
    const running = runSimulatorCli(['--port', '0', '--data', dataFile, '--quiet'], { stdout, stderr: stdout, signals });
    while (!out.includes('Press Ctrl+C')) await new Promise((r) => setTimeout(r, 10));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)[1];
    assert.ok(out.includes(dataFile));
    for (const secret of ['tb.integration', 'tb-demo-password', 'tb.readonly', 'tb-readonly-password', 'tb-client', 'tb-client-secret']) {
      assert.ok(out.includes(secret), secret);
    }
    assert.equal((await create({ url }, {})).status, 201);
    signals.emit('SIGTERM', 'SIGTERM');
    assert.equal(await running, 0);
    assert.equal(JSON.parse(fs.readFileSync(dataFile, 'utf8')).incidents.length, 1);
  });

  test('bad arguments exit with 2 and the usage', async () => {
    let err = '';
    const code = await runSimulatorCli(['--bogus'], { stdout: { write() {} }, stderr: { write: (s) => void (err += s) } });
    assert.equal(code, 2);
    assert.match(err, /usage: itsm-sim/);
  });
});
