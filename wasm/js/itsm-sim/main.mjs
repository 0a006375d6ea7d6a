#!/usr/bin/env node
// `node wasm/js/itsm-sim/main.mjs [--port N] [--data FILE]`: the built-in ITSM as a process.
import { runSimulatorCli } from './run-cli.mjs';

process.exitCode = await runSimulatorCli(process.argv.slice(2));
