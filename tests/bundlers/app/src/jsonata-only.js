// A page that uses only `ticketbridge/jsonata` (the jsonata-js drop-in): it should ship and
// download the JSONata-only module, ticketbridge-jsonata.wasm, and nothing of the full engine.
import jsonata from 'ticketbridge/jsonata';

const expression = jsonata('$sum(lines.(qty * price)) + $bonus()');
expression.registerFunction('bonus', () => 0, '<:n>');
expression.evaluate({ lines: [{ qty: 2, price: 10 }, { qty: 1, price: 5 }] })
  .then((value) => { window.__result = { value, ast: jsonata('a.b').ast().type }; })
  .catch((err) => { window.__result = { error: err.code ?? 'THROWN', message: err.message }; });
