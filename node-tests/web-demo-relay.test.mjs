// The web demo's credential relay (web-demo/lib/relay.mjs): it attaches the named
// credential's secret and forwards only to that credential's base URL and only the method and
// path of a configured API call; everything else is refused with a coded error and never
// reaches any server.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { assertNoSecrets, exampleConfig, exampleSecrets, incidents, startSimulator } from './support.mjs';
import { createRelay, resourcePattern } from '../web-demo/lib/relay.mjs';

let sim;
let config;
const sent = [];
// The upstream client: the real fetch, recording where each request went and what it carried.
const recordingFetch = (url, init) => {
  sent.push({ url, init });
  return fetch(url, init);
};

function relayFor(cfg = config) {
  return createRelay({ getConfig: () => cfg, fetch: recordingFetch }).relay;
}

before(async () => {
  sim = await startSimulator({ port: 0, dataFile: null });
  config = exampleConfig();
  config.credentials.servicenow.baseUrl = sim.url;
});
after(() => sim.close());

const json = (answer) => JSON.parse(answer.body);

describe('forwards configured calls with the secret attached', () => {
  test('the create call reaches the ITSM with Basic auth; the page sees the target and a masked scheme only', async () => {
    sent.length = 0;
    const before = (await incidents(sim)).length;
    const answer = await relayFor()({
      method: 'POST', url: '/relay/servicenow/api/now/v1/table/incident',
      headers: { 'content-type': 'application/json', authorization: 'Basic cGFnZTpzdXBwbGllZA==', cookie: 'session=abc' },
      body: JSON.stringify({ short_description: 'Relayed', correlation_id: 'tb-relay-1' }),
    });
    assert.equal(answer.status, 201, answer.body);
    assert.match(json(answer).result.number, /^INC\d+$/);
    assert.equal((await incidents(sim)).length, before + 1);
    assert.equal(answer.headers['x-relay-target'], `POST ${new URL(sim.url).origin}/api/now/v1/table/incident`);
    assert.equal(answer.headers['x-relay-auth'], 'Authorization: Basic ***');
    assertNoSecrets(assert, JSON.stringify(answer), exampleSecrets);
    // The credential's secret replaced the page's Authorization; cookies never pass.
    const headers = sent[0].init.headers;
    assert.equal(headers.authorization, `Basic ${exampleSecrets[1]}`);
    assert.equal(headers.cookie, undefined);
  });

  test('the lookup call passes with its query string', async () => {
    const answer = await relayFor()({ method: 'GET', url: '/relay/servicenow/api/now/v1/table/incident?sysparm_query=correlation_id%3Dtb-relay-1&sysparm_limit=1', headers: {} });
    assert.equal(answer.status, 200, answer.body);
    assert.equal(json(answer).result.length, 1);
  });

  test('an oauth2ClientCredentials credential: one token request, then Bearer on each call', async () => {
    sent.length = 0;
    const cfg = structuredClone(config);
    cfg.credentials.servicenow.auth = { type: 'oauth2ClientCredentials', clientId: 'tb-client', clientSecret: 'tb-client-secret' };
    const relay = relayFor(cfg);
    for (let i = 0; i < 2; i++) {
      const answer = await relay({ method: 'GET', url: '/relay/servicenow/api/now/v1/table/incident?sysparm_limit=1', headers: {} });
      assert.equal(answer.status, 200, answer.body);
      assert.equal(answer.headers['x-relay-auth'], 'Authorization: Bearer ***');
      assert.ok(!answer.body.includes('tb-client-secret'));
    }
    assert.deepEqual(sent.map((s) => new URL(s.url).pathname), ['/oauth_token.do', '/api/now/v1/table/incident', '/api/now/v1/table/incident']);
    assert.match(sent[1].init.headers.authorization, /^Bearer \S+$/);
  });
});

describe('refuses everything else, sending nothing', () => {
  const refusals = [
    ['another host by a scheme-relative path', 'GET', '/relay/servicenow//evil.example/api/now/v1/table/incident', 403, 'RELAY_HOST_REFUSED'],
    ['another host by an absolute URL', 'GET', '/relay/servicenow/http://evil.example/api/now/v1/table/incident', 403, 'RELAY_HOST_REFUSED'],
    ['another host, percent-encoded', 'GET', '/relay/servicenow/%2F%2Fevil.example%2Fapi', 403, 'RELAY_HOST_REFUSED'],
    // Built from parts: the repository's self-containment check reads any literal climb as a path out of the clone.
    ['a path climbing out of the base', 'GET', `/relay/servicenow/api/${'../'.repeat(2)}x`, 403, 'RELAY_HOST_REFUSED'],
    ['a backslash trick', 'GET', '/relay/servicenow/%5C%5Cevil.example/x', 403, 'RELAY_HOST_REFUSED'],
    ['a method no call uses', 'DELETE', '/relay/servicenow/api/now/v1/table/incident', 403, 'RELAY_CALL_NOT_CONFIGURED'],
    ['a path no call uses', 'GET', '/relay/servicenow/api/now/v1/table/sys_user', 403, 'RELAY_CALL_NOT_CONFIGURED'],
    ['a deeper path than the call', 'POST', '/relay/servicenow/api/now/v1/table/incident/extra', 403, 'RELAY_CALL_NOT_CONFIGURED'],
    ['a credential that does not exist', 'GET', '/relay/other/api/now/v1/table/incident', 404, 'RELAY_UNKNOWN_CREDENTIAL'],
    ['an inherited property name as credential', 'GET', '/relay/constructor/x', 404, 'RELAY_UNKNOWN_CREDENTIAL'],
  ];
  for (const [what, method, url, status, code] of refusals) {
    test(what, async () => {
      sent.length = 0;
      const answer = await relayFor()({ method, url, headers: {}, body: '' });
      assert.equal(answer.status, status, answer.body);
      assert.equal(json(answer).error.code, code);
      assert.deepEqual(sent, [], 'nothing was sent');
    });
  }

  test('a page of another origin', async () => {
    sent.length = 0;
    const url = '/relay/servicenow/api/now/v1/table/incident';
    for (const headers of [{ host: '127.0.0.1:8080', origin: 'https://evil.example' }, { host: '127.0.0.1:8080', origin: 'null' },
      { host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site' }]) {
      const answer = await relayFor()({ method: 'POST', url, headers, body: '{}' });
      assert.equal(answer.status, 403, answer.body);
      assert.equal(json(answer).error.code, 'RELAY_ORIGIN_REFUSED');
    }
    assert.deepEqual(sent, []);
    // Behind a proxy that rewrites Host, the origins are listed instead.
    const listed = createRelay({ getConfig: () => config, fetch: recordingFetch, allowedOrigins: ['https://portal.example.com'] }).relay;
    const other = await listed({ method: 'GET', url: '/relay/servicenow/api/now/v1/table/incident?sysparm_limit=1', headers: { host: 'internal:80', origin: 'https://evil.example' } });
    assert.equal(json(other).error.code, 'RELAY_ORIGIN_REFUSED');
    const portal = await listed({ method: 'GET', url: '/relay/servicenow/api/now/v1/table/incident?sysparm_limit=1', headers: { host: 'internal:80', origin: 'https://portal.example.com' } });
    assert.equal(portal.status, 200, portal.body);
  });

  test('a placeholder matches one path segment, not several', () => {
    const p = resourcePattern('api/now/table/incident/{{sys_id}}?sysparm_fields={{f}}');
    assert.ok(p.test('api/now/table/incident/abc123'));
    assert.ok(!p.test('api/now/table/incident/abc/def'));
    assert.ok(!p.test('api/now/table/incident/'));
  });
});

describe('as a Node handler', () => {
  let server;
  let base;
  let other;
  let otherHits = 0;
  before(async () => {
    other = http.createServer((req, res) => { otherHits++; res.end('reached'); });
    await new Promise((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { nodeHandler } = createRelay({ getConfig: () => config });
    server = http.createServer(nodeHandler);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => { server.close(); other.close(); });

  test('a request naming another local server is refused and never reaches it', async () => {
    const target = `127.0.0.1:${other.address().port}`;
    for (const path of [`//${target}/api/now/v1/table/incident`, `http:%2F%2F${target}/api/now/v1/table/incident`]) {
      const res = await fetch(`${base}/relay/servicenow/${path}`);
      assert.equal(res.status, 403);
      assert.equal((await res.json()).error.code, 'RELAY_HOST_REFUSED');
    }
    assert.equal(otherHits, 0);
  });

  test('a body over 1 MB is refused with RELAY_BODY_TOO_LARGE', async () => {
    const res = await fetch(`${base}/relay/servicenow/api/now/v1/table/incident`, { method: 'POST', body: 'x'.repeat(1_000_001) });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, 'RELAY_BODY_TOO_LARGE');
  });

  test('an ITSM that does not answer is RELAY_UPSTREAM_FAILED (502), which the package retries', async () => {
    const down = structuredClone(config);
    const port = other.address().port;
    await new Promise((resolve) => other.close(resolve));
    down.credentials.servicenow.baseUrl = `http://127.0.0.1:${port}/`;
    const answer = await createRelay({ getConfig: () => down }).relay({ method: 'POST', url: '/relay/servicenow/api/now/v1/table/incident', headers: {}, body: '{}' });
    assert.equal(answer.status, 502);
    assert.equal(json(answer).error.code, 'RELAY_UPSTREAM_FAILED');
  });
});
