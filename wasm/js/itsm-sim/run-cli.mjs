// Command-line front of the simulator, shared by `node itsm-sim/main.mjs` and the package CLI
// (`ticketbridge itsm-sim`): parse arguments, start, print how to connect, run until a signal.
import { startSimulator, DEFAULT_DATA_FILE } from './server.mjs';

/** Port the command line listens on when --port is not given. */
export const DEFAULT_CLI_PORT = 8787;

const USAGE = `usage: itsm-sim [--port N] [--data FILE | --memory] [--quiet]

Runs a ServiceNow Table API simulator (incident table) on 127.0.0.1.
  --port N     port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --data FILE  JSON file records persist to (default ${DEFAULT_DATA_FILE})
  --memory     keep records in memory only
  --quiet      do not log each request
Stops cleanly on SIGINT or SIGTERM.`;

/**
 * Parses command-line arguments.
 * @param {string[]} argv arguments after the command name
 * @returns {{help: true} | {help: false, port: number, dataFile: string | null, quiet: boolean}}
 * @throws {Error} with a message fit for the user on bad arguments
 */
export function parseSimulatorArgs(argv) {
  const out = { help: false, port: DEFAULT_CLI_PORT, dataFile: DEFAULT_DATA_FILE, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { help: true };
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be 0..65535, got "${text}"`);
        out.port = port;
        break;
      }
      case '--data':
        out.dataFile = value();
        break;
      case '--memory':
        out.dataFile = null;
        break;
      case '--quiet':
        out.quiet = true;
        break;
      default:
        throw new Error(`unknown argument "${argv[i]}"`);
    }
  }
  return out;
}

/**
 * Runs the simulator from the command line until SIGINT or SIGTERM, then closes it.
 * @param {string[]} argv arguments after the command name
 * @param {{stdout?: {write: (s: string) => void}, stderr?: {write: (s: string) => void},
 *   signals?: import('node:events').EventEmitter}} [io] where to print and which emitter
 *   delivers the signals (process by default; tests pass their own)
 * @returns {Promise<number>} the exit code: 0 after a clean stop, 1 if it could not start, 2 on bad arguments
 */
export async function runSimulatorCli(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const signals = io.signals ?? process;
  let args;
  try {
    args = parseSimulatorArgs(argv);
  } catch (err) {
    stderr.write(`itsm-sim: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  let sim;
  try {
    sim = await startSimulator({
      port: args.port,
      dataFile: args.dataFile,
      log: args.quiet ? undefined : (line) => stdout.write(`${line}\n`),
    });
  } catch (err) {
    stderr.write(`itsm-sim: cannot start: ${err.message}\n`);
    return 1;
  }
  const { users, oauthClients, bearerTokens } = sim.credentials;
  const lines = [
    `ServiceNow simulator listening on ${sim.url}`,
    `  data file: ${sim.dataFile ?? '(memory only)'}`,
    ...users.map((u) => `  basic user: ${u.username} / ${u.password} (roles: ${u.roles.join(', ') || 'none'})`),
    ...oauthClients.map((c) => `  oauth client: ${c.clientId} / ${c.clientSecret} (POST ${sim.url}/oauth_token.do, acts as ${c.user})`),
    ...bearerTokens.map((t) => `  bearer token: ${t.token} (acts as ${t.user})`),
    `  control API: ${sim.url}/__sim/incidents, /__sim/faults, /__sim/stats`,
    'Press Ctrl+C to stop.',
  ];
  stdout.write(`${lines.join('\n')}\n`);

  await new Promise((resolve) => {
    const stop = (signal) => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      stdout.write(`itsm-sim: ${signal}, shutting down\n`);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  await sim.close();
  return 0;
}
