// A serverless handler written as an ES module (bundled by esbuild for Node as ESM and as CJS).
import * as tb from 'ticketbridge';
import { run } from './run.mjs';

export async function handler() {
  return run(tb, { itsmUrl: process.env.ITSM_URL, name: process.env.RUN_NAME ?? 'node' });
}
