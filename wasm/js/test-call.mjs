// The Test panel: send one API call with real data and report the request (secrets
// masked), the status, the response and each output's value or error.
import { loadConfig } from './config.mjs';
import { perform } from './http.mjs';

function parsedOrText(body) {
  try { return JSON.parse(body); } catch { return body; }
}

// Masks secrets in every string (and every key and number that spells one) of the report,
// value by value. Masking the report's JSON text instead would break it wherever a secret
// equals a piece of JSON (a token "10000000" standing for a number), after the request
// was already sent.
function redactValues(value, mask) {
  if (typeof value === 'string') return value.length < 8 ? value : mask(value);
  if (typeof value === 'number') {
    const text = String(value);
    const masked = text.length < 8 ? text : mask(text);
    return masked === text ? value : masked;
  }
  if (Array.isArray(value)) return value.map((item) => redactValues(item, mask));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      Object.defineProperty(out, redactValues(key, mask), { value: redactValues(item, mask), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * Sends `callName` with `params` and resolves with a report
 * {request, status, durationMs, response: {headers, body}, outputs: [...], error?}.
 */
export async function testCall(config, callName, params = {}, { fetch: fetchImpl = globalThis.fetch, now = () => Date.now() } = {}) {
  const cfg = loadConfig(config);
  const report = {};
  let accessToken = '';
  const tokenRequest = cfg.tokenRequest(callName);
  if (tokenRequest) {
    const res = await perform({ ...tokenRequest.wire, timeoutMs: 10000 }, fetchImpl);
    let token;
    try { token = JSON.parse(res.body ?? '').access_token; } catch { /* reported below */ }
    report.token = { status: res.status, error: res.error };
    if (typeof token !== 'string' || !token) {
      report.error = { code: 'TOKEN_REQUEST_FAILED', message: `the token endpoint answered ${res.error ?? 'HTTP ' + res.status}` };
      return redactValues(report, (text) => cfg.redact(text));
    }
    accessToken = token;
  }
  const request = cfg.render(callName, params, { accessToken });
  report.request = request;
  const started = now();
  const res = await perform({ ...request.wire, timeoutMs: 10000 }, fetchImpl);
  report.durationMs = now() - started;
  report.status = res.status;
  if (res.error) {
    report.error = { code: `ITSM_${res.error.toUpperCase()}`, message: `no response: ${res.error}` };
  } else {
    report.response = { headers: res.headers, body: parsedOrText(res.body), bodyTruncated: res.bodyTruncated || undefined };
    try {
      report.outputs = cfg.outputs(callName, res.body);
    } catch (err) {
      report.outputs = [];
      report.error = { code: err.code, message: err.message };
    }
  }
  // Responses can echo secrets (a token endpoint, a misconfigured ITSM): mask everything.
  return redactValues(report, (text) => cfg.redact(text, accessToken));
}
