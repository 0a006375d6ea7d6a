// ServiceNow encoded queries (`sysparm_query`), the subset clients use to find their own
// records: `field<op>value` conditions joined by ^ (and), ^OR (or, binding to the condition
// before it) and ^NQ (a new query OR-ed with the previous ones), plus ORDERBY / ORDERBYDESC.
// A literal caret in a value is written ^^. Comparisons ignore case, as on a ServiceNow instance
// backed by a case-insensitive database collation.
//
// Like ServiceNow (glide.invalid_query.returns_no_rows = false), a condition on an unknown field
// or with an unknown operator is dropped, so it matches everything; `strict` makes it match
// nothing instead.

// Longest first, so NOT LIKE is not read as a field ending in NOT.
const OPERATORS = ['ISNOTEMPTY', 'STARTSWITH', 'ENDSWITH', 'NOT LIKE', 'ANYTHING', 'ISEMPTY', 'NOT IN', 'LIKE', '!=', '>=', '<=', 'IN', '=', '>', '<'];

/** Splits on separators, honouring ^^ as an escaped caret. Returns [separator, text] pairs. */
function tokenize(query) {
  const parts = [];
  let sep = '^';
  let text = '';
  for (let i = 0; i < query.length; ) {
    if (query[i] !== '^') {
      text += query[i++];
    } else if (query[i + 1] === '^') {
      text += '^';
      i += 2;
    } else {
      parts.push([sep, text]);
      text = '';
      const rest = query.slice(i + 1);
      if (rest.startsWith('NQ')) (sep = '^NQ'), (i += 3);
      else if (rest.startsWith('OR') && !rest.startsWith('ORDERBY')) (sep = '^OR'), (i += 3);
      else (sep = '^'), (i += 1);
    }
  }
  parts.push([sep, text]);
  return parts.filter(([, t]) => t !== '' && t !== 'EQ');
}

function parseCondition(text, knownField) {
  const field = /^[a-z0-9_]+/.exec(text)?.[0];
  if (!field) return { invalid: true };
  const rest = text.slice(field.length);
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!op || !knownField(field)) return { invalid: true };
  return { field, op, value: rest.slice(op.length) };
}

function compare(a, b) {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

function test(cond, record, strict) {
  if (cond.invalid) return !strict;
  const actual = (record[cond.field] ?? '').toLowerCase();
  const wanted = cond.value.toLowerCase();
  const list = () => wanted.split(',').map((s) => s.trim());
  switch (cond.op) {
    case '=': return actual === wanted;
    case '!=': return actual !== wanted;
    case 'LIKE': return actual.includes(wanted);
    case 'NOT LIKE': return !actual.includes(wanted);
    case 'STARTSWITH': return actual.startsWith(wanted);
    case 'ENDSWITH': return actual.endsWith(wanted);
    case 'ISEMPTY': return actual === '';
    case 'ISNOTEMPTY': return actual !== '';
    case 'ANYTHING': return true;
    case 'IN': return list().includes(actual);
    case 'NOT IN': return !list().includes(actual);
    case '>': return compare(record[cond.field] ?? '', cond.value) > 0;
    case '<': return compare(record[cond.field] ?? '', cond.value) < 0;
    case '>=': return compare(record[cond.field] ?? '', cond.value) >= 0;
    case '<=': return compare(record[cond.field] ?? '', cond.value) <= 0;
    default: return false;
  }
}

/**
 * Parses an encoded query into a matcher and a sort order.
 * @param {string} query
 * @param {(field: string) => boolean} knownField
 * @param {{strict?: boolean}} [options]
 * @returns {{matches: (record: Record<string, string>) => boolean, order: {field: string, desc: boolean}[]}}
 */
export function parseEncodedQuery(query, knownField, { strict = false } = {}) {
  /** @type {{invalid?: boolean, field?: string, op?: string, value?: string}[][][]} */
  const groups = [[]]; // groups (OR) of clauses (AND) of alternatives (OR)
  const order = [];
  for (const [sep, text] of tokenize(query)) {
    const sort = /^ORDERBY(DESC)?([a-z0-9_]+)$/.exec(text);
    if (sort) {
      if (knownField(sort[2])) order.push({ field: sort[2], desc: Boolean(sort[1]) });
      continue;
    }
    const cond = parseCondition(text, knownField);
    const clauses = groups.at(-1);
    if (sep === '^NQ') groups.push([[cond]]);
    else if (sep === '^OR' && clauses.length) clauses.at(-1).push(cond);
    else clauses.push([cond]);
  }
  const live = groups.filter((g) => g.length);
  const matches = (record) =>
    live.length === 0 || live.some((clauses) => clauses.every((alts) => alts.some((c) => test(c, record, strict))));
  return { matches, order };
}

/** Sorts records (stable) by the query's ORDERBY terms. */
export function sortRecords(records, order) {
  if (!order.length) return records;
  return [...records].sort((a, b) => {
    for (const { field, desc } of order) {
      const c = compare(a[field] ?? '', b[field] ?? '');
      if (c) return desc ? -c : c;
    }
    return 0;
  });
}
