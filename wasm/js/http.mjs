// Performs one HttpRequest action with the host's fetch and describes the outcome the way
// the core expects: a response (status, headers, body read up to the 2 MB limit) or a
// transport error ("timeout", "connect", "reset", "network", "blocked"). These names are the
// one place transport failures are told apart; the core gives them their error codes
// (http_text.hpp: ITSM_UNREACHABLE, ITSM_TIMEOUT, ITSM_CONNECTION_LOST, ITSM_BLOCKED).
import { hostLimits } from './core.mjs';

function transportError(err, timedOut) {
  if (timedOut) return 'timeout';
  const code = err?.cause?.code ?? err?.code ?? '';
  // Nothing was sent when the connection could not be made: safe to retry directly.
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) {
    return 'connect';
  }
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code)) return 'reset';
  return 'network';  // a browser cannot tell more; the core treats it as ambiguous
}

async function readLimited(response, limit) {
  if (!response.body || typeof response.body.getReader !== 'function') {
    const text = await response.text();
    return { text: text.length > limit ? text.slice(0, limit + 1) : text, truncated: text.length > limit };
  }
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    chunks.push(value);
    if (size > limit) {
      truncated = true;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), truncated };
}

// In a page, fetch() rejects a cross-origin request the server does not allow (no CORS
// headers) with a bare TypeError, exactly as it rejects one the network dropped. Retrying a
// CORS refusal only makes the employee wait (44 s with the default policy), so one no-cors
// probe of the origin tells them apart: an answer means the server is there and refused the
// page ("blocked", which fails at once with ITSM_BLOCKED); none means the network
// ("network", retried as before).
function crossOrigin(url, pageOrigin) {
  if (!pageOrigin || pageOrigin === 'null') return false;
  try { return new URL(url).origin !== pageOrigin; } catch { return false; }
}

async function blockedOrNetwork(url, fetchImpl, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.min(timeoutMs, 5000));
  try {
    await fetchImpl(new URL(url).origin + '/', { method: 'HEAD', mode: 'no-cors', credentials: 'omit', signal: controller.signal });
    return 'blocked';
  } catch {
    return 'network';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends `wire` (the unmasked request from an HttpRequest action) with `fetchImpl`.
 * Once init() has loaded the engine it never throws: failures become {error}. `maxBytes`:
 * the response-size limit, by default the core's. `pageOrigin`: the origin of the page
 * running this (a browser's location.origin by default; none on Node).
 */
export async function perform(wire, fetchImpl, { maxBytes = hostLimits().maxResponseBytes, pageOrigin = globalThis.location?.origin } = {}) {
  const controller = new AbortController();
  let timedOut = false;
  let timer;
  // The request's time limit is kept here, not left to the fetch: a fetch that does not
  // honour its signal at some step (Debian 12's Node 18, whose fetch is undici 5.15, can stay
  // pending after an abort when the server never answers) must still end in 'timeout', or the
  // escalation would wait forever instead of retrying or looking the ticket up.
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      resolve({ requestId: wire.id, status: 0, error: 'timeout' });
    }, wire.timeoutMs);
  });
  const exchange = async () => {
    try {
      const response = await fetchImpl(wire.url, {
        method: wire.method,
        headers: wire.headers,
        body: wire.body ?? undefined,
        signal: controller.signal,
        redirect: 'manual',  // never replay a create, or credentials, to another location
      });
      const headers = {};
      response.headers.forEach((value, name) => { headers[name] = value; });
      const status = response.type === 'opaqueredirect' ? 302 : response.status;
      const { text, truncated } = await readLimited(response, maxBytes);
      return { requestId: wire.id, status, headers, body: text, bodyTruncated: truncated };
    } catch (err) {
      if (!timedOut && err?.name === 'TypeError' && crossOrigin(wire.url, pageOrigin)) {
        return { requestId: wire.id, status: 0, error: await blockedOrNetwork(wire.url, fetchImpl, wire.timeoutMs) };
      }
      return { requestId: wire.id, status: 0, error: transportError(err, timedOut) };
    }
  };
  try {
    return await Promise.race([exchange(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
