// The Test panel: send one API call with real data and report the request (secrets
// masked), the status, the response and each output's value or error. The flow is the
// core's (ticketbridge/test_call.hpp, sans-I/O); this is the loop that moves its requests
// with the host's fetch and clock.
import { unwrap } from './core.mjs';
import { loadConfig, picturesFor } from './config.mjs';
import { NativeTestCall } from './native-core.mjs';
import { perform } from './http.mjs';

const paramsText = (params) => (typeof params === 'string' ? params : JSON.stringify(params ?? {}));

/**
 * Sends `callName` with `params` and resolves with a report
 * {request, status, durationMs, response: {headers, body}, outputs: [...], error?}.
 */
export async function testCall(config, callName, params = {}, { fetch: fetchImpl = globalThis.fetch, now = () => Date.now() } = {}) {
  const cfg = loadConfig(config);
  await picturesFor(cfg);
  const flow = new NativeTestCall(cfg.native);
  try {
    let step = unwrap(flow.start(String(callName), paramsText(params), now()));
    while (step.request) {
      const response = await perform(step.request, fetchImpl);
      step = unwrap(flow.receive(JSON.stringify(response), now()));
    }
    return step.report;
  } finally {
    flow.delete();
  }
}
