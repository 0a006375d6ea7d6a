// What every build of the app does, whatever bundled it: load the engine, evaluate an
// expression, and escalate the example conversation against the ITSM at `itsmUrl`.
import config from './config.json';
import conversation from './conversation.json';

export async function run(tb, { itsmUrl, name, init }) {
  const started = Date.now();
  await tb.init(init);
  const value = tb.jsonata('$sum(lines.(qty * price))').evaluate({ lines: [{ qty: 2, price: 10 }, { qty: 1, price: 5 }] });
  const cfg = JSON.parse(JSON.stringify(config));
  cfg.credentials.servicenow.baseUrl = itsmUrl;
  const conv = { ...conversation, id: `${name}-${started}-${Math.random().toString(36).slice(2)}` };
  const outcome = await tb.escalate(cfg, conv);
  return {
    name, value, version: tb.version, status: outcome.status, ticketNumber: outcome.ticketNumber,
    code: outcome.code, attempts: outcome.record.attempts, ms: Date.now() - started,
    // Every request sent, the lookup before the first create included.
    requests: outcome.record.audit.filter((e) => e.event === 'request').length,
  };
}
