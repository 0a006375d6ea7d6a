// The simulator's handlers return plain response descriptors instead of writing to the socket,
// so the fault layer can delay, truncate or drop an answer after the handler has committed.

/** Content type ServiceNow sends with every Table API answer. */
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/**
 * A response to send later.
 * @typedef {{status: number, headers: Record<string, string>, body: string}} SimResponse
 */

/** @returns {SimResponse} */
export function jsonResponse(status, value, headers = {}) {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** @returns {SimResponse} */
export function htmlResponse(status, html, headers = {}) {
  return { status, headers: { 'Content-Type': 'text/html;charset=UTF-8', ...headers }, body: html };
}

// How far past the limit an over-large upload is drained before the connection is cut.
const DRAIN_FACTOR = 4;

/** Raised by readBody when the declared or received size passes the limit. */
export class BodyTooLargeError extends Error {
  constructor(limit) {
    super(`request body exceeds ${limit} bytes`);
    this.limit = limit;
  }
}

/**
 * Reads the whole request body, refusing more than `limit` bytes. Once over the limit the rest
 * is drained and dropped rather than buffered, so the client can still read the 413 answer
 * instead of failing on a half-written upload; a client that keeps sending far past the limit
 * has its connection destroyed.
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > DRAIN_FACTOR * limit) req.destroy();
      if (tooLarge) return;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLargeError(limit)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    // A client that gives up mid-upload never sends 'end'; 'close' without it is not an error we
    // can answer, so settle the promise and let the caller find the socket gone.
    req.on('close', () => {
      if (!req.complete) reject(new Error('client closed the connection before the body was complete'));
    });
  });
}

/** Writes a descriptor unless the client has already gone. */
export function sendResponse(res, response) {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.from(response.body ?? '', 'utf8');
  res.writeHead(response.status, { ...response.headers, 'Content-Length': String(body.length) });
  res.end(body);
}
