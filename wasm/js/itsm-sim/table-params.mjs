// The sysparm_* query parameters of a Table API request, read once into plain options.
// ServiceNow treats these flags case-insensitively and ignores values it does not understand.

const DEFAULT_LIMIT = 10000;

function flag(params, name) {
  return (params.get(name) ?? '').trim().toLowerCase() === 'true';
}

function count(params, name, fallback) {
  const raw = params.get(name);
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return fallback;
  return Number(raw);
}

/**
 * @param {URLSearchParams} params
 * @returns {import('./incident-record.mjs').RenderOptions & {query: string, limit: number,
 *   offset: number, inputDisplayValue: boolean}}
 */
export function readTableParams(params) {
  const display = (params.get('sysparm_display_value') ?? '').trim().toLowerCase();
  const fields = (params.get('sysparm_fields') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return {
    fields: fields.length ? fields : null,
    displayValue: display === 'true' || display === 'all' ? display : 'false',
    excludeReferenceLink: flag(params, 'sysparm_exclude_reference_link'),
    inputDisplayValue: flag(params, 'sysparm_input_display_value'),
    query: params.get('sysparm_query') ?? '',
    limit: count(params, 'sysparm_limit', DEFAULT_LIMIT) || DEFAULT_LIMIT,
    offset: count(params, 'sysparm_offset', 0),
  };
}
