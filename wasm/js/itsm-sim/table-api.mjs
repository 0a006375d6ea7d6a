// The Table API for `incident`: create, read one, query. Callers have already authenticated;
// these handlers check the payload and the user's right to insert.
import { randomBytes } from 'node:crypto';
import { mayInsert } from './accounts.mjs';
import { parseEncodedQuery, sortRecords } from './encoded-query.mjs';
import { jsonResponse } from './http-io.mjs';
import { buildIncident, incidentNumber, renderIncident } from './incident-record.mjs';
import { INCIDENT_FIELDS } from './incident-schema.mjs';
import { badPayload, insertDenied, noRecord } from './servicenow-errors.mjs';
import { readTableParams } from './table-params.mjs';

/**
 * What every Table API handler receives.
 * @typedef {{params: URLSearchParams, headers: Record<string, string | undefined>, body: Buffer,
 *   user: {username: string, roles: string[]}, apiPrefix: string}} TableRequest
 * @typedef {{store: ReturnType<import('./incident-store.mjs').openIncidentStore>,
 *   directory: ReturnType<import('./directory.mjs').createDirectory>, now: () => number,
 *   baseUrl: string, strictQuery: boolean, onCreated: () => void}} TableDeps
 */

function isJsonContentType(header) {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A "\uD83D" escape without its pair parses into a string UTF-8 cannot hold; ServiceNow
// stores U+FFFD instead. Kept, it would make every later list of incidents fail (500).
function wellFormed(value) {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, wellFormed(key), { value: wellFormed(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Parses the create payload; returns the object or an error response. */
function readPayload(request) {
  if (!isJsonContentType(request.headers['content-type'])) {
    return { error: badPayload('Content-Type must be application/json') };
  }
  let value;
  try {
    value = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { error: badPayload('The payload is not valid JSON.') };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: badPayload('The payload must be a JSON object.') };
  }
  return { value: wellFormed(value) };
}

/** POST .../table/incident @param {TableRequest} request @param {TableDeps} deps */
export function createIncident(request, deps) {
  const payload = readPayload(request);
  if (payload.error) return payload.error;
  if (!mayInsert(request.user)) return insertDenied();
  const options = readTableParams(request.params);
  const record = deps.store.create((counter) =>
    buildIncident(payload.value, {
      sysId: randomBytes(16).toString('hex'),
      number: incidentNumber(counter),
      nowMs: deps.now(),
      username: request.user.username,
      inputDisplayValue: options.inputDisplayValue,
      directory: deps.directory,
    }),
  );
  deps.onCreated();
  return jsonResponse(
    201,
    { result: renderIncident(record, options, deps.baseUrl, deps.directory) },
    { Location: `${deps.baseUrl}${request.apiPrefix}/table/incident/${record.sys_id}` },
  );
}

/** GET .../table/incident/{sys_id} @param {TableRequest} request @param {TableDeps} deps */
export function readIncident(request, deps, sysId) {
  const record = deps.store.get(sysId);
  if (!record) return noRecord();
  const options = readTableParams(request.params);
  return jsonResponse(200, { result: renderIncident(record, options, deps.baseUrl, deps.directory) });
}

/** GET .../table/incident?sysparm_query=... @param {TableRequest} request @param {TableDeps} deps */
export function queryIncidents(request, deps) {
  const options = readTableParams(request.params);
  const known = (field) => Object.hasOwn(INCIDENT_FIELDS, field);
  const { matches, order } = parseEncodedQuery(options.query, known, { strict: deps.strictQuery });
  const found = sortRecords(deps.store.all().filter(matches), order);
  const page = found.slice(options.offset, options.offset + options.limit);
  return jsonResponse(
    200,
    { result: page.map((record) => renderIncident(record, options, deps.baseUrl, deps.directory)) },
    { 'X-Total-Count': String(found.length) },
  );
}
