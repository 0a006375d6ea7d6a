// Injected faults: a FIFO queue filled through the control API, one entry consumed by each
// following ITSM request (Table API and OAuth; not control requests). A fault either replaces the
// answer (status codes, the hibernation page), withholds it (timeout, reset), or lets the real
// handler run and then spoils the delivery (badjson, slow, commit-then-*): the last kind is what
// makes a client unsure whether its ticket exists.
import { htmlResponse } from './http-io.mjs';
import {
  badCredentials,
  gatewayError,
  insertDenied,
  internalError,
  rateLimited,
  serviceUnavailable,
} from './servicenow-errors.mjs';

const SIMPLE = ['500', '502', '503', '504', '401', '403', 'timeout', 'reset', 'html200', 'badjson', 'commit-then-timeout', 'commit-then-reset'];
const MAX_SLOW_MS = 10 * 60 * 1000;
/** No scenario needs more; a larger queue is a mistake (or an attack) and is refused whole. */
export const MAX_QUEUED_FAULTS = 10000;

/**
 * A parsed fault: `kind` names it in stats; `text` is its canonical spelling.
 * @typedef {{kind: string, text: string, seconds?: number, ms?: number}} Fault
 */

/**
 * Parses one queue entry ("500", 429, "429:5", "slow:250", "timeout", ...).
 * @returns {Fault}
 */
export function parseFault(entry) {
  if (typeof entry !== 'string' && typeof entry !== 'number') throw new TypeError(`fault must be a string: ${JSON.stringify(entry)}`);
  const text = String(entry).trim().toLowerCase();
  if (SIMPLE.includes(text)) return { kind: text, text };
  const limited = /^429(?::(\d{1,6}))?$/.exec(text);
  if (limited) {
    const seconds = limited[1] === undefined ? 1 : Number(limited[1]);
    return { kind: '429', text: `429:${seconds}`, seconds };
  }
  const slow = /^slow:(\d{1,9})$/.exec(text);
  if (slow && Number(slow[1]) <= MAX_SLOW_MS) return { kind: 'slow', text, ms: Number(slow[1]) };
  throw new TypeError(`unknown fault "${entry}"`);
}

export function createFaultQueue() {
  /** @type {Fault[]} */
  let queue = [];
  return {
    /** Appends entries; all or nothing, so a typo does not leave half a scenario queued. */
    push(entries) {
      if (queue.length + entries.length > MAX_QUEUED_FAULTS) {
        throw new RangeError(`at most ${MAX_QUEUED_FAULTS} faults may be queued (${queue.length} already are)`);
      }
      const parsed = entries.map(parseFault);
      for (const fault of parsed) queue.push(fault);  // not push(...parsed): a long list would overflow the stack
      return parsed;
    },
    /** @returns {Fault | undefined} */
    take() {
      return queue.shift();
    },
    list() {
      return queue.map((f) => f.text);
    },
    clear() {
      const n = queue.length;
      queue = [];
      return n;
    },
  };
}

/** What a hibernating developer instance answers to any request: 200 and an HTML page. */
export const HIBERNATION_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Instance Hibernating</title></head>
<body class="instance-hibernating-page">
<main>
<h1>Your instance is hibernating</h1>
<p>This developer instance went to sleep after a period without activity.
Sign in to the developer portal and wake it up to continue.</p>
</main>
</body>
</html>
`;

/**
 * The delivery decided for one request.
 * @typedef {{respond: import('./http-io.mjs').SimResponse} | {hang: true} | {reset: true}} Outcome
 */

/**
 * Produces the outcome of a request under a fault.
 * @param {Fault | undefined} fault
 * @param {() => Promise<import('./http-io.mjs').SimResponse>} run the real handler
 * @param {{now: () => number, sleep: (ms: number) => Promise<boolean>}} env sleep resolves false
 *   when the simulator is closing, in which case nothing more is done
 * @returns {Promise<Outcome | null>} null when the request was abandoned
 */
export async function applyFault(fault, run, env) {
  if (!fault) return { respond: await run() };
  switch (fault.kind) {
    case '500': return { respond: internalError('Injected fault: the instance failed to process the request') };
    case '502':
    case '504': return { respond: gatewayError(Number(fault.kind)) };
    case '503': return { respond: serviceUnavailable() };
    case '401': return { respond: badCredentials() };
    case '403': return { respond: insertDenied() };
    case '429': return { respond: rateLimited(fault.seconds, env.now()) };
    case 'html200': return { respond: htmlResponse(200, HIBERNATION_PAGE) };
    case 'timeout': return { hang: true };
    case 'reset': return { reset: true };
    case 'badjson': {
      const real = await run();
      // Any proper prefix of a JSON object is invalid JSON; keep the status so the client sees
      // a success code with an unreadable body, as with a proxy cutting the stream.
      return { respond: { ...real, body: real.body.slice(0, Math.max(1, Math.floor(real.body.length / 2))) } };
    }
    case 'slow':
      // The work happens after the delay even if the client has gone by then: ServiceNow does
      // not roll back a transaction because the caller stopped waiting.
      if (!(await env.sleep(fault.ms))) return null;
      return { respond: await run() };
    case 'commit-then-timeout':
      await run();
      return { hang: true };
    case 'commit-then-reset':
      await run();
      return { reset: true };
    default:
      throw new Error(`unhandled fault ${fault.kind}`);
  }
}
