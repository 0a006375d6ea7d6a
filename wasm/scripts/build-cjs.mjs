// Builds the CommonJS entry, dist/index.cjs (`require('ticketbridge')`), from the Node ES
// modules: one file, import.meta.url replaced by the file's own URL. Needs esbuild, a
// devDependency installed by `npm ci` at the repository root.
import { createRequire } from 'node:module';
import path from 'node:path';

const dist = path.resolve(process.argv[2]);
const require = createRequire(import.meta.url);
let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  console.error('build-cjs: esbuild is missing; run `npm ci` at the repository root first (it builds the CommonJS entry)');
  process.exit(1);
}
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  define: { 'import.meta.url': '__tbModuleUrl' },
  banner: { js: "'use strict';\nconst __tbModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
};
// require('ticketbridge'): every export of the Node entry.
await esbuild.build({ ...common, entryPoints: [path.join(dist, 'index.mjs')], outfile: path.join(dist, 'index.cjs') });
