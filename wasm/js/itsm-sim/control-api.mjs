// The unauthenticated /__sim/* API tests use to inspect and steer the simulator. It is never
// subject to faults and never counted in the stats.
import { jsonResponse } from './http-io.mjs';
import { incidentNumber } from './incident-record.mjs';

function controlError(status, message, detail = null, headers = {}) {
  return jsonResponse(status, { error: { message, detail }, status: 'failure' }, headers);
}

/**
 * @param {{method: string, path: string, headers: Record<string, string | undefined>, body: Buffer}} request
 * @param {{store: object, faults: object, stats: object, tokens: object, directory: object}} sim
 * @returns {import('./http-io.mjs').SimResponse}
 */
export function handleControl(request, sim) {
  const routes = {
    '/__sim/incidents': {
      GET: () => jsonResponse(200, { incidents: sim.store.all(), nextNumber: incidentNumber(sim.store.nextNumber) }),
      DELETE: () => jsonResponse(200, { deleted: sim.store.reset() }),
    },
    '/__sim/faults': {
      GET: () => jsonResponse(200, { queued: sim.faults.list() }),
      POST: () => queueFaults(request, sim.faults),
      DELETE: () => jsonResponse(200, { cleared: sim.faults.clear() }),
    },
    '/__sim/stats': {
      GET: () => jsonResponse(200, sim.stats.snapshot()),
      DELETE: () => (sim.stats.reset(), jsonResponse(200, sim.stats.snapshot())),
    },
    '/__sim/tokens': {
      DELETE: () => jsonResponse(200, { revoked: sim.tokens.revokeAll() }),
    },
    '/__sim/directory': {
      GET: () => jsonResponse(200, sim.directory.dump()),
    },
  };
  const path = request.path.replace(/\/+$/, '');
  const methods = routes[path];
  if (!methods) return controlError(404, `No control route ${request.path}`);
  const handler = methods[request.method];
  if (!handler) {
    return controlError(405, `${request.method} not supported on ${path}`, null, { Allow: Object.keys(methods).join(', ') });
  }
  return handler();
}

function queueFaults(request, faults) {
  // A web page may POST text/plain to any address without asking (no CORS preflight); only
  // JSON, which needs a preflight this API never grants, can steer the simulator.
  const type = (request.headers?.['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return controlError(415, 'Content-Type must be application/json');
  let value;
  try {
    value = JSON.parse(request.body.toString('utf8'));
  } catch {
    return controlError(400, 'Body must be JSON: {"next": [fault, ...]}');
  }
  if (!value || !Array.isArray(value.next)) return controlError(400, 'Body must be {"next": [fault, ...]}');
  try {
    faults.push(value.next);
  } catch (err) {
    return controlError(400, 'Invalid fault', err.message);
  }
  return jsonResponse(200, { queued: faults.list() });
}
