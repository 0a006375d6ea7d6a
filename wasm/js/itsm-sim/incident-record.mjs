// Turning a client's JSON into a stored incident (every value a string, as ServiceNow stores
// them) and a stored incident back into a Table API `result` object under the sysparm options.
import { INCIDENT_FIELDS, priorityFor } from './incident-schema.mjs';

/** ServiceNow's glide_date_time text, always UTC here: "YYYY-MM-DD HH:MM:SS". */
export function glideDateTime(ms) {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Formats an incident number: INC + at least seven digits. */
export function incidentNumber(counter) {
  return `INC${String(counter).padStart(7, '0')}`;
}

/** Cuts at `max` characters, counting code points so a surrogate pair is never split. */
function truncate(value, max) {
  if (max === undefined || value.length <= max) return value;
  return Array.from(value).slice(0, max).join('');
}

/** JSON scalars become text as ServiceNow coerces them; objects and arrays are not a field value. */
function asText(value) {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function choiceValue(spec, raw, acceptDisplay) {
  if (Object.hasOwn(spec.choices, raw)) return raw;
  if (acceptDisplay) {
    const wanted = raw.trim().toLowerCase();
    for (const [value, label] of Object.entries(spec.choices)) {
      const shortLabel = label.replace(/^\d+ - /, '').toLowerCase();
      if (label.toLowerCase() === wanted || shortLabel === wanted) return value;
    }
  }
  return spec.initial ?? '';
}

/**
 * Builds the stored form of a new incident.
 * @param {Record<string, unknown>} input the client's JSON object
 * @param {{sysId: string, number: string, nowMs: number, username: string,
 *   inputDisplayValue: boolean, directory: ReturnType<import('./directory.mjs').createDirectory>}} ctx
 * @returns {Record<string, string>}
 */
export function buildIncident(input, ctx) {
  const record = {};
  for (const [name, spec] of Object.entries(INCIDENT_FIELDS)) record[name] = spec.initial ?? '';
  for (const [name, value] of Object.entries(input)) {
    const spec = INCIDENT_FIELDS[name];
    const raw = asText(value);
    if (!spec || !spec.writable || raw === undefined) continue;
    if (spec.kind === 'choice') record[name] = choiceValue(spec, raw, ctx.inputDisplayValue);
    else if (spec.kind === 'reference') {
      record[name] = ctx.inputDisplayValue && raw !== '' ? (ctx.directory.resolve(spec.table, raw) ?? raw) : raw;
    } else record[name] = truncate(raw, spec.max);
  }
  const now = glideDateTime(ctx.nowMs);
  Object.assign(record, {
    sys_id: ctx.sysId,
    number: ctx.number,
    priority: priorityFor(record.impact, record.urgency),
    incident_state: record.state,
    active: ['6', '7', '8'].includes(record.state) ? 'false' : 'true',
    opened_at: now,
    sys_created_on: now,
    sys_updated_on: now,
    sys_created_by: ctx.username,
    sys_updated_by: ctx.username,
  });
  if (!record.opened_by) record.opened_by = ctx.directory.userSysId(ctx.username);
  return record;
}

/**
 * The rendering options a Table API request carries.
 * @typedef {{fields: string[] | null, displayValue: 'false' | 'true' | 'all',
 *   excludeReferenceLink: boolean}} RenderOptions
 */

function displayOf(record, name, spec, directory) {
  const raw = record[name];
  switch (spec.kind) {
    case 'choice':
      return spec.choices[raw] ?? raw;
    case 'reference':
      return raw === '' ? '' : (directory.displayOf(spec.table, raw) ?? raw);
    case 'journal': {
      if (raw === '') return '';
      const author = directory.displayOf('sys_user', directory.userSysId(record.sys_created_by)) ?? record.sys_created_by;
      return `${record.sys_created_on} - ${author} (${spec.label})\n${raw}\n\n`;
    }
    default:
      return raw;
  }
}

function renderField(record, name, spec, options, baseUrl, directory) {
  // Journal entries are not a column: the Table API reads them back as "" unless display
  // values are asked for. The control API exposes what was sent.
  const value = spec.kind === 'journal' ? '' : record[name];
  const isLink = spec.kind === 'reference' && value !== '' && !options.excludeReferenceLink;
  const link = `${baseUrl}/api/now/table/${spec.table}/${encodeURIComponent(value)}`;
  if (options.displayValue === 'false') {
    return isLink ? { link, value } : value;
  }
  const display = displayOf(record, name, spec, directory);
  if (options.displayValue === 'true') {
    return isLink ? { display_value: display, link } : display;
  }
  return isLink ? { display_value: display, link, value } : { display_value: display, value };
}

/**
 * Renders a stored incident as the Table API returns it.
 * @param {Record<string, string>} record
 * @param {RenderOptions} options
 * @param {string} baseUrl scheme://host:port the links point at
 */
export function renderIncident(record, options, baseUrl, directory) {
  const names = options.fields ?? Object.keys(INCIDENT_FIELDS);
  const out = {};
  for (const name of names) {
    const spec = INCIDENT_FIELDS[name];
    if (spec) out[name] = renderField(record, name, spec, options, baseUrl, directory);
  }
  return out;
}
