// Performs one HttpRequest action with the host's fetch and describes the outcome the way
// the core expects: a response (status, headers, body read up to the 2 MB limit) or a
// transport error ("timeout", "connect", "reset", "network").

export const MAX_RESPONSE_BYTES = 2_000_000;

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

/**
 * Sends `wire` (the unmasked request from an HttpRequest action) with `fetchImpl`.
 * Never throws: failures become {error}.
 */
export async function perform(wire, fetchImpl, { maxBytes = MAX_RESPONSE_BYTES } = {}) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, wire.timeoutMs);
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
    return { requestId: wire.id, status: 0, error: transportError(err, timedOut) };
  } finally {
    clearTimeout(timer);
  }
}
