// CommonJS TypeScript: `import x = require()` resolves the package's `require` types.
import tb = require('ticketbridge');
import jsonata = require('ticketbridge/jsonata');

async function main(): Promise<number> {
  await tb.init();
  const value: unknown = tb.jsonata('1 + 1').evaluate(undefined);
  const viaDropIn: unknown = await jsonata('$sum([1, 2])').evaluate(undefined);
  const tree: jsonata.ExprNode = jsonata('a.b').ast();
  const config: tb.Config = tb.loadConfig('{}');
  return tb.escalationKey('c').length + String(value).length + String(viaDropIn).length + tree.type.length + Object.keys(config.summary).length;
}
export = main;
