// Builds the CommonJS entries, dist/index.cjs (`require('ticketbridge')`) and dist/dropin.cjs
// (`require('ticketbridge/jsonata')`), from the Node ES modules: one file each, import.meta.url
// replaced by the file's own URL. Needs esbuild, a
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
// require('ticketbridge/jsonata'): the function itself, as require('jsonata') gives it.
await esbuild.build({
  ...common,
  stdin: {
    contents: "const jsonata = require('./dropin.node.mjs').default;\nmodule.exports = jsonata;\nmodule.exports.default = jsonata;\n",
    resolveDir: dist,
    sourcefile: 'dropin-require-entry.cjs',
  },
  outfile: path.join(dist, 'dropin.cjs'),
});
