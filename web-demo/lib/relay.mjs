// The same-origin relay: the page's configuration names a credential and points its baseUrl
// here (`<prefix>/<credential>/`); the relay attaches that credential's secret server-side and
// forwards the request, but only to the credential's own base URL and only for a method and
// path some configured API call of that credential sends. Everything else is refused with a
// coded error, so a page (or anyone who can reach the relay) cannot use the secret for
// anything the admin did not configure.
//
// Framework-free: `relay(request)` takes and returns plain objects, so the same module serves
// the demo's Node server (nodeHandler) and a serverless function (see web-demo/README.md).

const MAX_BODY_BYTES = 1_000_000;
const TIMEOUT_MS = 30_000;
// Only what a JSON API call needs; cookies and the page's own Authorization never pass.
const FORWARDED_HEADERS = ['content-type', 'accept'];
const PASSED_BACK_HEADERS = ['content-type', 'retry-after', 'location'];

export class RelayError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function refused(status, code, message) {
  const body = JSON.stringify({ error: { code, message } });
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body };
}

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A resource template's path as a pattern: each {{placeholder}} stands for one or more
// characters of a single path segment (the package percent-encodes a value's slashes).
export function resourcePattern(resource) {
  const path = resource.split('?')[0];
  const parts = path.split(/\{\{[^}]*\}\}/);
  return new RegExp(`^${parts.map(escapeRegex).join('[^/?#]+')}$`);
}

function authHeaders(auth, token) {
  switch (auth?.type) {
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'apiKey':
      return { [auth.header.toLowerCase()]: auth.value };
    case 'oauth2ClientCredentials':
      return { authorization: `Bearer ${token}` };
    default:
      return {};
  }
}

// What the relay tells the admin's test panel it attached: the scheme, never the secret.
function maskedAuth(auth) {
  switch (auth?.type) {
    case 'basic': return 'Authorization: Basic ***';
    case 'bearer': case 'oauth2ClientCredentials': return 'Authorization: Bearer ***';
    case 'apiKey': return `${auth.header}: ***`;
    default: return 'none';
  }
}

/**
 * Creates a relay. `getConfig()` returns the server-side configuration ({credentials,
 * apiCalls}, secrets included) as it is now; `fetch` is the upstream client (default the
 * global one); `prefix` is where the relay is mounted; `allowedOrigins` lists the page origins
 * allowed to use it (default: the origin whose host is the request's Host header, which a
 * proxy that rewrites Host would break: list the origins then).
 */
export function createRelay({ getConfig, fetch: fetchImpl = globalThis.fetch, prefix = '/relay', allowedOrigins = null, now = () => Date.now() }) {
  const tokens = new Map();  // credential name -> {token, expiresAt}

  async function oauthToken(name, credential) {
    const cached = tokens.get(name);
    if (cached && cached.expiresAt > now()) return cached.token;
    const { clientId, clientSecret, scope, tokenUrl } = credential.auth;
    const url = tokenUrl || new URL('oauth_token.do', credential.baseUrl).href;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    if (scope) form.set('scope', scope);
    let answer;
    try {
      const res = await fetchImpl(url, { method: 'POST', body: form.toString(), redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } });
      answer = res.ok ? await res.json() : null;
    } catch { answer = null; }
    if (typeof answer?.access_token !== 'string') {
      throw new RelayError(502, 'RELAY_TOKEN_FAILED', `the token endpoint of credential "${name}" gave no access token`);
    }
    const ttl = Number(answer.expires_in) > 60 ? (Number(answer.expires_in) - 30) * 1000 : 30_000;
    tokens.set(name, { token: answer.access_token, expiresAt: now() + ttl });
    return answer.access_token;
  }

  // Where a request may go: the credential's base URL joined with the rest of the path, when
  // the result stays under that base and some API call of the credential sends this method there.
  function target({ method, url }) {
    const config = getConfig();
    // The path as received, not as a URL parser would normalise it: "a/../../x" must be seen.
    const raw = String(url).split('#')[0];
    const q = raw.indexOf('?');
    const pathname = q < 0 ? raw : raw.slice(0, q);
    const search = q < 0 ? '' : raw.slice(q);
    const start = `${prefix}/`;
    if (!pathname.startsWith(start)) throw new RelayError(404, 'RELAY_NOT_FOUND', `the relay serves ${start}<credential>/…`);
    const rest = pathname.slice(start.length);
    const slash = rest.indexOf('/');
    let name;
    try { name = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash)); } catch { name = ''; }
    const credential = Object.prototype.hasOwnProperty.call(config.credentials ?? {}, name) ? config.credentials[name] : null;
    if (!credential) throw new RelayError(404, 'RELAY_UNKNOWN_CREDENTIAL', `no credential is named "${name}"`);
    const path = slash < 0 ? '' : rest.slice(slash + 1);
    const base = new URL(credential.baseUrl);
    // A path that starts a new authority (//host), carries a scheme or climbs out of the base
    // would leave the credential's base URL: refused before anything is resolved.
    let decoded;
    try { decoded = decodeURIComponent(path); } catch { decoded = path; }
    if (/^[\\/]|^[a-z][a-z0-9+.-]*:|\\|(^|\/)\.\.?(\/|$)/i.test(decoded) || /(^|\/)\.\.?(\/|$)/.test(path)) {
      throw new RelayError(403, 'RELAY_HOST_REFUSED', `the path leaves the base URL of credential "${name}"`);
    }
    const upstream = new URL(path + search, base);
    if (upstream.origin !== base.origin || !upstream.pathname.startsWith(base.pathname)) {
      throw new RelayError(403, 'RELAY_HOST_REFUSED', `only ${base.origin}${base.pathname} may be reached with credential "${name}"`);
    }
    const relative = upstream.pathname.slice(base.pathname.length);
    const allowed = Object.values(config.apiCalls ?? {}).some((call) =>
      call.credential === name && call.method === method && resourcePattern(call.resource).test(relative));
    if (!allowed) {
      throw new RelayError(403, 'RELAY_CALL_NOT_CONFIGURED', `no API call of credential "${name}" sends ${method} ${relative}`);
    }
    return { name, credential, upstream };
  }

  /**
   * Relays one request: {method, url (path and query as received), headers (lower-case
   * names), body (string)} → {status, headers, body}. Never throws.
   */
  async function relay(request) {
    try {
      // Another site's page can send simple requests here with the employee's browser: only
      // pages of the relay's own origin may use it.
      const origin = request.headers?.origin;
      let sameSite = true;
      if (origin !== undefined) {
        try {
          sameSite = allowedOrigins ? allowedOrigins.includes(origin) : new URL(origin).host === request.headers?.host;
        } catch {
          sameSite = false;  // "null": a sandboxed or opaque page
        }
      }
      if (!sameSite || request.headers?.['sec-fetch-site'] === 'cross-site') {
        throw new RelayError(403, 'RELAY_ORIGIN_REFUSED', 'the relay serves pages of its own origin only');
      }
      const method = String(request.method ?? 'GET').toUpperCase();
      if ((request.body?.length ?? 0) > MAX_BODY_BYTES) throw new RelayError(413, 'RELAY_BODY_TOO_LARGE', `the body is over ${MAX_BODY_BYTES} bytes`);
      const { name, credential, upstream } = target({ method, url: request.url });
      const token = credential.auth?.type === 'oauth2ClientCredentials' ? await oauthToken(name, credential) : '';
      const headers = {};
      for (const h of FORWARDED_HEADERS) if (request.headers?.[h]) headers[h] = String(request.headers[h]);
      Object.assign(headers, authHeaders(credential.auth, token));
      let res;
      try {
        res = await fetchImpl(upstream.href, {
          method, headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS),
          body: method === 'GET' || method === 'DELETE' ? undefined : request.body ?? '',
        });
      } catch (err) {
        throw new RelayError(502, 'RELAY_UPSTREAM_FAILED', `the ITSM of credential "${name}" did not answer (${err?.cause?.code ?? err?.name ?? 'error'})`);
      }
      if (res.status === 401 && token) tokens.delete(name);  // the next request fetches a new token
      const out = {
        'cache-control': 'no-store',
        'x-relay-target': `${method} ${upstream.origin}${upstream.pathname}`,
        'x-relay-auth': maskedAuth(credential.auth),
      };
      for (const h of PASSED_BACK_HEADERS) {
        const v = res.headers.get(h);
        if (v) out[h] = v;
      }
      return { status: res.status, headers: out, body: await res.text() };
    } catch (err) {
      if (err instanceof RelayError) return refused(err.status, err.code, err.message);
      return refused(502, 'RELAY_UPSTREAM_FAILED', 'the relay could not complete the request');
    }
  }

  /** The relay as a Node http handler (req, res). */
  async function nodeHandler(req, res) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) break;
      chunks.push(chunk);
    }
    const answer = size > MAX_BODY_BYTES
      ? refused(413, 'RELAY_BODY_TOO_LARGE', `the body is over ${MAX_BODY_BYTES} bytes`)
      : await relay({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  return { relay, nodeHandler };
}
