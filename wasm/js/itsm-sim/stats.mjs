// Counters the control API reports: requests per route, faults consumed per kind, records made.

export function createStats() {
  let requests = {};
  let faults = {};
  let incidentsCreated = 0;
  const bump = (map, key) => (map[key] = (map[key] ?? 0) + 1);
  return {
    request(route) { bump(requests, route); },
    fault(kind) { bump(faults, kind); },
    created() { incidentsCreated += 1; },
    snapshot() {
      const total = Object.values(requests).reduce((a, b) => a + b, 0);
      return { requests: { ...requests }, totalRequests: total, faults: { ...faults }, incidentsCreated };
    },
    reset() {
      requests = {};
      faults = {};
      incidentsCreated = 0;
    },
  };
}
