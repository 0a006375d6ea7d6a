// A page that uses the drop-in and the package's main entry: one engine, the full one, is
// downloaded and serves both.
import * as tb from 'ticketbridge';
import jsonata from 'ticketbridge/jsonata';

(async () => {
  const value = await jsonata('$sum(lines.(qty * price))').evaluate({ lines: [{ qty: 2, price: 10 }, { qty: 1, price: 5 }] });
  await tb.init();
  return { value, version: tb.version, key: tb.escalationKey('both-1').length > 0 };
})().then((result) => { window.__result = result; })
  .catch((err) => { window.__result = { error: err.code ?? 'THROWN', message: err.message }; });
