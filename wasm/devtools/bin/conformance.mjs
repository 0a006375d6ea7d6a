#!/usr/bin/env node
// `ticketbridge-conformance <suite-dir> [--group G] [--dump FILE] [--properties FILE]`: the
// JSONata conformance suite on the ticketbridge engine (needs the ticketbridge package).
import { runConformance } from '../dist/conformance.mjs';

process.exitCode = await runConformance(process.argv.slice(2));
