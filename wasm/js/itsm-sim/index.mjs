// Public entry of the built-in ITSM: a ServiceNow Table API simulator for `incident`.
export { startSimulator, DEFAULT_DATA_FILE, DEFAULT_MAX_BODY_BYTES } from './server.mjs';
export { runSimulatorCli, parseSimulatorArgs, DEFAULT_CLI_PORT } from './run-cli.mjs';
export { DEFAULT_USERS, DEFAULT_OAUTH_CLIENTS, DEFAULT_BEARER_TOKENS } from './accounts.mjs';
export { parseFault, HIBERNATION_PAGE } from './faults.mjs';
