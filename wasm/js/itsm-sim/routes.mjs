// Sorting a request path into the simulator's routes. Route names (method + path pattern, with
// the API version dropped) are what /__sim/stats counts requests by.

const TABLE_PATH = /^\/api\/now\/(?:(v1|v2)\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/;

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * @typedef {{kind: 'control'} |
 *   {kind: 'oauth', name: string} |
 *   {kind: 'table', name: string, apiPrefix: string, sysId?: string, allowed: string[]} |
 *   {kind: 'bad-table', name: string, table: string} |
 *   {kind: 'unknown', name: string, api: boolean}} Route
 */

/** @returns {Route} */
export function classify(method, pathname) {
  if (pathname === '/__sim' || pathname.startsWith('/__sim/')) return { kind: 'control' };
  if (pathname === '/oauth_token.do') return { kind: 'oauth', name: `${method} /oauth_token.do` };
  const match = TABLE_PATH.exec(pathname);
  if (match) {
    const [, version, rawTable, rawSysId] = match;
    const table = decode(rawTable);
    const sysId = rawSysId === undefined ? undefined : decode(rawSysId);
    if (table !== 'incident' || sysId === '') {
      return { kind: 'bad-table', name: `${method} /api/now/table/{table}`, table: table ?? rawTable };
    }
    const apiPrefix = version ? `/api/now/${version}` : '/api/now';
    if (rawSysId === undefined) {
      return { kind: 'table', name: `${method} /api/now/table/incident`, apiPrefix, allowed: ['GET', 'POST'] };
    }
    // An undecodable sys_id cannot name a record; keep it so the answer is a plain 404.
    return { kind: 'table', name: `${method} /api/now/table/incident/{sys_id}`, apiPrefix, sysId: sysId ?? rawSysId, allowed: ['GET'] };
  }
  const api = pathname.startsWith('/api/');
  return { kind: 'unknown', name: `${method} ${api ? '/api/{unknown}' : '{unknown}'}`, api };
}

/** Whether requests on this route consume a queued fault. */
export function takesFaults(route) {
  return route.kind === 'oauth' || route.kind === 'table' || route.kind === 'bad-table' || (route.kind === 'unknown' && route.api);
}
