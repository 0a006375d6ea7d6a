// The HTTP server: one request at a time goes classify -> read body -> take a fault -> run the
// route's handler under that fault -> deliver (answer, hang or reset). Handlers never touch the
// socket, so every failure mode is decided in one place, and any exception becomes a 500.
import http from 'node:http';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createAccounts } from './accounts.mjs';
import { authenticate } from './auth.mjs';
import { handleControl } from './control-api.mjs';
import { createDirectory } from './directory.mjs';
import { applyFault, createFaultQueue } from './faults.mjs';
import { BodyTooLargeError, readBody, sendResponse } from './http-io.mjs';
import { openIncidentStore } from './incident-store.mjs';
import { handleTokenRequest } from './oauth-endpoint.mjs';
import { classify, takesFaults } from './routes.mjs';
import { internalError, invalidTable, methodNotAllowed, noResource, payloadTooLarge } from './servicenow-errors.mjs';
import { createStats } from './stats.mjs';
import { createIncident, queryIncidents, readIncident } from './table-api.mjs';
import { DEFAULT_REFRESH_TTL_MS, DEFAULT_TOKEN_TTL_MS, createTokenRegistry } from './tokens.mjs';

/** Where the data file goes when no `dataFile` option is given (relative to the cwd). */
export const DEFAULT_DATA_FILE = path.join('.sim-data', 'itsm.json');
/** Request bodies larger than this are refused with 413. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const HOST = '127.0.0.1';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Location, Retry-After, X-RateLimit-Limit, X-RateLimit-Reset, X-Total-Count',
};

function checkOptions(options) {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`itsm-sim: port must be 0..65535, got ${port}`);
  for (const key of ['tokenTtlMs', 'refreshTokenTtlMs', 'maxBodyBytes']) {
    const v = options[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && Number.isFinite(v))) {
      throw new TypeError(`itsm-sim: ${key} must be a non-negative number`);
    }
  }
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('itsm-sim: now must be a function');
  return port;
}

/**
 * Starts the ServiceNow Table API simulator on 127.0.0.1.
 *
 * @param {object} [options]
 * @param {number} [options.port=0] TCP port; 0 picks a free one.
 * @param {string | null} [options.dataFile] JSON file the records and number counter persist to;
 *   defaults to `.sim-data/itsm.json` under the current directory; `null` keeps everything in memory.
 * @param {{username: string, password: string, roles?: string[], name?: string}[]} [options.users]
 *   Basic-auth users; role `itil` (or `admin`) may create incidents. Defaults: `tb.integration` /
 *   `tb-demo-password` (itil) and `tb.readonly` / `tb-readonly-password` (read only).
 * @param {{clientId: string, clientSecret: string, user: string}[]} [options.oauthClients]
 *   OAuth clients for `/oauth_token.do`, each acting as one of `users`. Default: `tb-client` /
 *   `tb-client-secret` acting as `tb.integration`.
 * @param {{token: string, user: string}[]} [options.bearerTokens] fixed bearer tokens that never
 *   expire. Default: `tb-demo-bearer-token` for `tb.integration`.
 * @param {number} [options.tokenTtlMs=1799000] OAuth access token lifetime.
 * @param {number} [options.refreshTokenTtlMs] refresh token lifetime (default 100 days).
 * @param {() => number} [options.now=Date.now] clock in epoch milliseconds (timestamps, token expiry).
 * @param {number} [options.maxBodyBytes=10485760] larger request bodies get 413.
 * @param {boolean} [options.strictQuery=false] conditions on unknown fields match nothing instead
 *   of being ignored (ServiceNow's glide.invalid_query.returns_no_rows).
 * @param {boolean} [options.cors=true] answer CORS preflights and allow any origin.
 * @param {(line: string) => void} [options.log] receives one line per request.
 * @returns {Promise<{url: string, port: number, dataFile: string | null,
 *   credentials: {users: object[], oauthClients: object[], bearerTokens: object[]},
 *   close: () => Promise<void>, incidents: () => object[], queueFaults: (faults: (string|number)[]) => void,
 *   clearFaults: () => void, stats: () => object, reset: () => void}>}
 */
export async function startSimulator(options = {}) {
  const port = checkOptions(options);
  const now = options.now ?? Date.now;
  const dataFile = options.dataFile === null ? null : path.resolve(options.dataFile ?? DEFAULT_DATA_FILE);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const cors = options.cors ?? true;
  const log = options.log ?? (() => {});

  const accounts = createAccounts(options);
  const store = openIncidentStore(dataFile);
  const directory = createDirectory(accounts.users);
  const tokens = createTokenRegistry({
    ttlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    refreshTtlMs: options.refreshTokenTtlMs ?? DEFAULT_REFRESH_TTL_MS,
    now,
  });
  const faults = createFaultQueue();
  const stats = createStats();
  const closing = new AbortController();
  const control = { store, faults, stats, tokens, directory };
  let baseUrl = '';

  const tableDeps = () => ({ store, directory, now, baseUrl, strictQuery: options.strictQuery ?? false, onCreated: () => stats.created() });

  async function sleep(ms) {
    try {
      await delay(ms, undefined, { signal: closing.signal });
      return true;
    } catch {
      return false;
    }
  }

  /** Runs the route's real handler: authentication first, as ServiceNow does, then the route. */
  async function dispatch(route, req, url, body) {
    const method = req.method;
    if (route.kind === 'oauth') {
      if (method !== 'POST') return methodNotAllowed(method, ['POST']);
      return handleTokenRequest({ headers: req.headers, body }, accounts, tokens);
    }
    if (route.kind === 'unknown' && !route.api) return noResource(url.pathname);
    const auth = authenticate(req.headers.authorization, accounts, tokens);
    if (auth.response) return auth.response;
    if (route.kind === 'unknown') return noResource(url.pathname);
    if (route.kind === 'bad-table') return invalidTable(route.table);
    if (!route.allowed.includes(method)) return methodNotAllowed(method, route.allowed);
    const request = { params: url.searchParams, headers: req.headers, body, user: auth.user, apiPrefix: route.apiPrefix };
    if (method === 'POST') return createIncident(request, tableDeps());
    if (route.sysId !== undefined) return readIncident(request, tableDeps(), route.sysId);
    return queryIncidents(request, tableDeps());
  }

  function deliver(req, res, outcome, route, faultText) {
    const tag = faultText ? ` [fault ${faultText}]` : '';
    if (!outcome || outcome.hang) {
      log(`${req.method} ${req.url} -> (no answer)${tag}`);
      return;
    }
    if (outcome.reset) {
      log(`${req.method} ${req.url} -> (connection reset)${tag}`);
      if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
      else req.socket.destroy();
      return;
    }
    const response = outcome.respond;
    if (cors && route.kind !== 'control') response.headers = { ...CORS_HEADERS, ...response.headers };
    log(`${req.method} ${req.url} -> ${response.status}${tag}`);
    sendResponse(res, response);
  }

  async function handle(req, res) {
    // Prefixing keeps a path such as "//x" a path; new URL("//x", base) would read it as a host.
    const url = new URL(req.url.startsWith('/') ? `http://${HOST}${req.url}` : req.url, `http://${HOST}`);
    const route = classify(req.method, url.pathname);
    if (route.kind !== 'control') stats.request(route.name);
    if (req.method === 'OPTIONS' && cors && route.kind !== 'control') {
      const allowHeaders = req.headers['access-control-request-headers'] || 'Authorization, Content-Type, Accept';
      req.resume();
      return sendResponse(res, {
        status: 204,
        headers: { ...CORS_HEADERS, 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Allow-Headers': allowHeaders, 'Access-Control-Max-Age': '600' },
        body: '',
      });
    }
    let body;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) return; // the client went away mid-upload
      return deliver(req, res, { respond: payloadTooLarge(maxBodyBytes) }, route);
    }
    if (route.kind === 'control') {
      return deliver(req, res, { respond: handleControl({ method: req.method, path: url.pathname, headers: req.headers, body }, control) }, route);
    }
    const fault = takesFaults(route) ? faults.take() : undefined;
    if (fault) stats.fault(fault.kind);
    const outcome = await applyFault(fault, async () => dispatch(route, req, url, body), { now, sleep });
    deliver(req, res, outcome, route, fault?.text);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`${req.method} ${req.url} -> 500 (${err && err.message})`);
      if (!res.headersSent) sendResponse(res, internalError(String((err && err.message) || err)));
      else res.destroy();
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: HOST }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after listening (e.g. running out of file descriptors) are logged, not thrown.
  server.on('error', (err) => log(`server error: ${err.message}`));
  const actualPort = server.address().port;
  baseUrl = `http://${HOST}:${actualPort}`;

  let closed;
  return {
    url: baseUrl,
    port: actualPort,
    dataFile,
    credentials: {
      users: accounts.users.map(({ username, password, roles }) => ({ username, password, roles })),
      oauthClients: accounts.clients.map(({ clientId, clientSecret, user }) => ({ clientId, clientSecret, user: user.username })),
      bearerTokens: accounts.tokens.map(({ token, user }) => ({ token, user: user.username })),
    },
    /** Stops listening and destroys every open connection, including ones held by faults. */
    close() {
      closed ??= new Promise((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
    /** The stored records (journal fields included), in creation order. */
    incidents: () => structuredClone(store.all()),
    queueFaults: (list) => void faults.push(list),
    clearFaults: () => void faults.clear(),
    stats: () => stats.snapshot(),
    /** Drops all records and restarts numbering at INC0010001. */
    reset: () => void store.reset(),
  };
}
