// ServiceNow's failure answers: status codes, messages and headers as the Table API sends them
// (see itsm-facts.md). Every body has the shape {"error":{"message","detail"},"status":"failure"}.
import { htmlResponse, jsonResponse } from './http-io.mjs';

/** @returns {import('./http-io.mjs').SimResponse} */
export function serviceNowError(status, message, detail, headers = {}) {
  return jsonResponse(status, { error: { message, detail }, status: 'failure' }, headers);
}

const AUTH_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="Service-now"' };

/** No credentials at all. */
export function notAuthenticated() {
  return serviceNowError(401, 'User Not Authenticated', 'Required to provide Auth information', AUTH_CHALLENGE);
}

/** Credentials given but wrong, unknown or expired. */
export function badCredentials() {
  return serviceNowError(401, 'User is not authenticated', 'Required to provide Auth information', AUTH_CHALLENGE);
}

export function insertDenied() {
  return serviceNowError(403, 'Operation Failed', 'ACL Exception Insert Failed due to security constraints');
}

export function noRecord() {
  return serviceNowError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
}

export function invalidTable(table) {
  return serviceNowError(404, `Invalid table ${table}`, null);
}

export function noResource(path) {
  return serviceNowError(404, `Requested URI does not represent any resource: ${path}`, null);
}

export function methodNotAllowed(method, allowed) {
  return serviceNowError(405, 'Method not Supported', `${method} method not supported for API`, {
    Allow: allowed.join(', '),
  });
}

export function badPayload(detail) {
  return serviceNowError(400, 'Exception while reading request', detail);
}

export function payloadTooLarge(limit) {
  return serviceNowError(413, 'Request entity too large', `The request body exceeds the limit of ${limit} bytes`, {
    Connection: 'close',
  });
}

export function internalError(detail) {
  return serviceNowError(500, 'Internal Server Error', detail);
}

export function serviceUnavailable() {
  return serviceNowError(503, 'Service Unavailable', 'The instance is temporarily unable to handle the request', {
    'Retry-After': '1',
  });
}

/**
 * ServiceNow's rate-limit answer. `X-RateLimit-Reset` is the UNIX time in seconds at which the
 * caller may try again.
 */
export function rateLimited(retryAfterSeconds, nowMs, limit = 100) {
  return serviceNowError(
    429,
    'Rate limit exceeded',
    `The request rate limit of ${limit} requests per hour has been exceeded for this user`,
    {
      'Retry-After': String(retryAfterSeconds),
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Reset': String(Math.ceil(nowMs / 1000) + retryAfterSeconds),
    },
  );
}

/**
 * 502 and 504 come from the load balancer in front of an instance, not from the Table API, so
 * they carry an HTML page rather than ServiceNow's JSON body.
 */
export function gatewayError(status) {
  const title = status === 504 ? '504 Gateway Time-out' : '502 Bad Gateway';
  return htmlResponse(status, `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`);
}
