#!/usr/bin/env node
// ticketbridge command line: the API-call test panel, template rendering, JSONata,
// end-to-end escalation, and the built-in ITSM. Errors print {code, message, ...} as JSON
// on stderr and exit non-zero.
import fs from 'node:fs';
import process from 'node:process';
import readline from 'node:readline/promises';

const USAGE = `usage: ticketbridge <command> [options]

  jsonata <expression> [input.json] [--time-limit-ms N]
                                             evaluate a JSONata expression (default
                                             limit 10000 ms; 0 = none)
  render --config F --call NAME --params F   the request a call would send (secrets masked)
  test-call --config F --call NAME --params F
                                             send it and report status, response, outputs
  escalate --config F --conversation F [--yes] [--reason TEXT]
           [--store redis://HOST:PORT | --store file:DIR]
           [--categories F.csv] [--category C --sub-category S]
                                             run the whole escalation flow
  itsm-sim [--port N] [--data FILE]          run the built-in ITSM (ServiceNow Table API)
  preset list                                the ready-made ITSM configurations
  preset <name> > config.json                write one as a starting config (notes on stderr)
  categories <file.csv> [--neutralise-formulas]
                                             validate a category list; exit 1 if rejected
  classify --categories F.csv --conversation F.json [--threshold X]
                                             pick the category pair for a conversation
  conformance <suite-dir> [--group G] [--dump FILE] [--properties FILE]
                                             JSONata conformance suite on this engine
  version`;

/** --store: redis://HOST:PORT (or rediss://), file:DIR, or a bare folder path. */
async function openStore(spec) {
  if (/^rediss?:\/\//i.test(spec)) {
    const { redisStore } = await import('./redis-store.mjs');
    return redisStore(spec);
  }
  const { fileStore } = await import('./file-store.mjs');
  if (/^file:/i.test(spec)) {
    const rest = spec.slice(5);
    // file:///abs/dir is a URL (percent-decoded); file:DIR and file:/abs/dir are plain paths.
    const dir = rest.startsWith('//') ? new URL(spec).pathname.split('/').map(decodeURIComponent).join('/') : rest;
    if (!dir) throw new UsageError('--store file: needs a folder (file:DIR)');
    return fileStore(dir);
  }
  return fileStore(spec);
}

class UsageError extends Error {
  constructor(message) {
    super(message);
    this.code = 'USAGE';
  }
}

function options(argv, spec) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out._.push(a);
      continue;
    }
    const name = a.slice(2);
    if (!(name in spec)) throw new UsageError(`unknown option ${a}`);
    if (spec[name] === 'flag') out[name] = true;
    else {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      out[name] = argv[++i];
    }
  }
  return out;
}

function require(opts, ...names) {
  for (const n of names) if (opts[n] === undefined) throw new UsageError(`--${n} is required`);
}

function readText(file, what) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw Object.assign(new Error(`cannot read ${what} file ${file}: ${err.code ?? err.message}`), { code: 'FILE_UNREADABLE', path: file });
  }
}

function readBytes(file, what) {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw Object.assign(new Error(`cannot read ${what} file ${file}: ${err.code ?? err.message}`), { code: 'FILE_UNREADABLE', path: file });
  }
}

function readJson(file, what) {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw Object.assign(new Error(`${what} file ${file} is not JSON: ${err.message}`), { code: 'FILE_INVALID_JSON', path: file });
  }
}

const print = (value) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

async function askYesNo(question) {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

// The package, with its engine loaded (init() reads the .wasm beside index.mjs).
async function engine() {
  const api = await import('./index.mjs');
  // The commands evaluate configurations synchronously: the pictures module too, from the start.
  await api.init({ pictures: true });
  return api;
}

// The simulator and the conformance runner are developer tools: in this repository they sit
// in dist/, in an installed package they come from ticketbridge-devtools.
async function devtool(local, fromPackage) {
  try {
    return await import(local);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes(local.slice(2))) throw err;
  }
  try {
    return await import(fromPackage);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    throw new UsageError(`this command comes with the developer tools: npm install --save-dev ticketbridge-devtools`);
  }
}

const commands = {
  async version() {
    const { version } = await engine();
    print({ version });
    return 0;
  },

  async jsonata(argv) {
    const opts = options(argv, { 'time-limit-ms': 'value' });
    const [expression, inputFile] = opts._;
    if (expression === undefined) throw new UsageError('jsonata needs an expression');
    const timeLimitMs = opts['time-limit-ms'] === undefined ? 10000 : Number(opts['time-limit-ms']);
    if (!(timeLimitMs >= 0)) throw new UsageError('--time-limit-ms needs a number of milliseconds (0 = none)');
    const { jsonata } = await engine();
    const compiled = jsonata(expression);
    const limits = timeLimitMs > 0 ? { timeLimitMs } : {};
    const result = inputFile ? compiled.evaluateJson(readText(inputFile, 'input'), undefined, limits) : compiled.evaluate(undefined, undefined, limits);
    process.stdout.write((result === undefined ? 'undefined' : JSON.stringify(result, null, 2)) + '\n');
    return 0;
  },

  async render(argv) {
    const opts = options(argv, { config: 'value', call: 'value', params: 'value' });
    require(opts, 'config', 'call');
    const { loadConfig } = await engine();
    const config = loadConfig(readText(opts.config, 'config'));
    const params = opts.params ? readJson(opts.params, 'params') : {};
    const request = config.render(opts.call, params);
    print({ method: request.method, url: request.url, headers: request.headers, body: request.bodyJson ?? request.body });
    return 0;
  },

  async 'test-call'(argv) {
    const opts = options(argv, { config: 'value', call: 'value', params: 'value' });
    require(opts, 'config', 'call');
    const { testCall } = await engine();
    const params = opts.params ? readJson(opts.params, 'params') : {};
    const report = await testCall(readText(opts.config, 'config'), opts.call, params);
    print(report);
    return report.error || !(report.status >= 200 && report.status < 300) ? 1 : 0;
  },

  async escalate(argv) {
    const opts = options(argv, {
      config: 'value', conversation: 'value', yes: 'flag', reason: 'value', store: 'value',
      categories: 'value', category: 'value', 'sub-category': 'value',
    });
    require(opts, 'config', 'conversation');
    const { escalate, Categories } = await engine();
    const config = readText(opts.config, 'config');
    const conversation = readJson(opts.conversation, 'conversation');
    const categories = opts.categories ? new Categories(readBytes(opts.categories, 'categories')) : undefined;
    const store = opts.store ? await openStore(opts.store) : undefined;
    try {
      const outcome = await escalate(config, conversation, {
        confirm: async (message) => (opts.yes ? true : askYesNo(message)),
        reason: opts.reason,
        store,
        categories,
        category: opts.category,
        subCategory: opts['sub-category'],
      });
      print(outcome);
      return outcome.status === 'failed' ? 1 : 0;
    } finally {
      await store?.close?.();
    }
  },

  async categories(argv) {
    const opts = options(argv, { 'neutralise-formulas': 'flag' });
    const [file] = opts._;
    if (!file) throw new UsageError('categories needs a CSV file');
    const { importCategories } = await engine();
    const report = importCategories(readBytes(file, 'categories'), opts['neutralise-formulas'] ? { formulas: 'neutralise' } : {});
    print(report);
    return report.accepted ? 0 : 1;
  },

  async classify(argv) {
    const opts = options(argv, { categories: 'value', conversation: 'value', threshold: 'value' });
    require(opts, 'categories', 'conversation');
    const { Categories } = await engine();
    const categories = new Categories(readBytes(opts.categories, 'categories'));
    const threshold = opts.threshold === undefined ? undefined : Number(opts.threshold);
    print(categories.classify(readJson(opts.conversation, 'conversation'), threshold === undefined ? undefined : { threshold }));
    return 0;
  },

  async preset(argv) {
    const opts = options(argv, {});
    const [name] = opts._;
    if (!name) throw new UsageError('preset needs "list" or a preset name');
    const { presetNames, readPreset } = await import('./presets.mjs');
    if (name === 'list') {
      for (const n of presetNames()) {
        const p = readPreset(n);
        process.stdout.write(`${n.padEnd(24)} ${p.system}: ticketNumber = ${p.ticketNumber}\n`);
      }
      return 0;
    }
    const preset = readPreset(name);
    // A preset is a configuration like any other: the engine validates it before it is offered.
    const { loadConfig } = await engine();
    loadConfig(preset.config);
    print(preset.config);
    process.stderr.write(`${preset.system}. Needs: ${preset.needs}.\n` + preset.notes.map((n) => `- ${n}\n`).join('') +
                         'Change baseUrl, the secrets and the fallbackUrl, then: ticketbridge test-call --config config.json --call ...\n');
    return 0;
  },

  async 'itsm-sim'(argv) {
    const { runSimulatorCli } = await devtool('./itsm-sim/index.mjs', 'ticketbridge-devtools/itsm-sim');
    return runSimulatorCli(argv);
  },

  async conformance(argv) {
    const { runConformance } = await devtool('./conformance.mjs', 'ticketbridge-devtools/conformance');
    return runConformance(argv);
  },
};

async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command "${command}"`);
  return run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  const out = typeof err?.toJSON === 'function' ? err.toJSON() : { code: err?.code ?? 'INTERNAL', message: err?.message ?? String(err) };
  if (err?.path !== undefined && out.path === undefined) out.path = err.path;
  process.stderr.write(JSON.stringify({ error: out }, null, 2) + '\n');
  if (err?.code === 'USAGE') process.stderr.write(USAGE + '\n');
  process.exitCode = err?.code === 'USAGE' ? 2 : 1;
}
