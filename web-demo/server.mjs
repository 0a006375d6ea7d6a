#!/usr/bin/env node
// The web demo: `node web-demo/server.mjs --port N [--itsm URL] [--data DIR]`. Serves the
// employee page (/), the admin console (/admin) and the cockpit (/cockpit) on 127.0.0.1, with
// the credential relay, and starts the built-in ITSM on a free port unless --itsm names one.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { init } from 'ticketbridge';
import { startSimulator } from 'ticketbridge-devtools/itsm-sim';
import { createApp } from './lib/app.mjs';
import { buildAssets } from './lib/build.mjs';
import { createCredentials } from './lib/credentials.mjs';
import { openDataFile } from './lib/data-file.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.join(here, '..', 'examples', 'servicenow');
const USAGE = 'usage: node web-demo/server.mjs [--port N (default 8080; 0 picks a free one)] [--itsm URL] [--data DIR (default ./.demo-data)]';

export function parseArgs(argv) {
  const options = { port: 8080, itsm: null, data: path.resolve('.demo-data') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') return { help: true };
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === '--port') {
      options.port = Number(value);
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`--port ${value}: not a port\n${USAGE}`);
    } else if (flag === '--itsm') {
      try { options.itsm = new URL(value).href; } catch { throw new Error(`--itsm ${value}: not a URL\n${USAGE}`); }
    } else if (flag === '--data') {
      options.data = path.resolve(value);
    } else {
      throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
    i++;
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  await init();
  const example = JSON.parse(fs.readFileSync(path.join(examples, 'config.json'), 'utf8'));
  const sim = options.itsm ? null : await startSimulator({ port: 0, dataFile: path.join(options.data, 'itsm.json'), log: () => {} });
  const itsmUrl = options.itsm ?? sim.url;
  const data = openDataFile(options.data, {
    apiCalls: example.apiCalls,
    escalation: example.escalation,
    categoriesCsv: fs.readFileSync(path.join(examples, 'categories.csv'), 'utf8'),
  });
  // The connector credentials live here, server-side; the page only ever sees their names. The
  // built-in one reaches the demo's ITSM; those made from presets take their secrets from
  // <data>/secrets.json.
  const credentials = createCredentials({
    builtin: { servicenow: { ...example.credentials.servicenow, baseUrl: itsmUrl.endsWith('/') ? itsmUrl : `${itsmUrl}/` } },
    data,
    secretsFile: path.join(options.data, 'secrets.json'),
  });
  const assets = await buildAssets();
  const wasmFile = createRequire(import.meta.url).resolve('ticketbridge/ticketbridge-core.wasm');
  const server = http.createServer(createApp({ credentials, data, assets, wasmFile, itsmUrl }));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  console.log([
    'ticketbridge web demo',
    `  employee page  ${base}/`,
    `  admin console  ${base}/admin`,
    `  cockpit        ${base}/cockpit`,
    `  ITSM           ${itsmUrl}${sim ? ' (built-in simulator)' : ''}`,
    `  data           ${data.file}`,
    `  secrets        ${credentials.secretsFile} (for credentials made from presets)`,
  ].join('\n'));

  const stop = async () => {
    server.closeAllConnections?.();
    server.close();
    await sim?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return null;
}

main().then((code) => { if (code !== null) process.exitCode = code; }, (err) => {
  console.error(`web demo: ${err?.code ? err.code + ': ' : ''}${err?.message ?? err}`);
  process.exitCode = 1;
});
