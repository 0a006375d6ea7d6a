// CommonJS TypeScript: `import x = require()` resolves the package's `require` types.
import tb = require('ticketbridge');

async function main(): Promise<number> {
  await tb.init();
  const value: unknown = tb.jsonata('1 + 1').evaluate(undefined);
  const config: tb.Config = tb.loadConfig('{}');
  return tb.escalationKey('c').length + String(value).length + Object.keys(config.summary).length;
}
export = main;
