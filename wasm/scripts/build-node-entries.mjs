// Builds what Node loads for the package's entries, from the ES modules in dist/:
// - the CommonJS entries, dist/index.cjs (`require('ticketbridge')`) and dist/dropin.cjs
//   (`require('ticketbridge/jsonata')`): one file each, import.meta.url replaced by the file's
//   own URL;
// - the ES module entries Node resolves through package.json's "node" conditions,
//   dist/node-index.mjs (`ticketbridge`), dist/node-jsonata.mjs (`ticketbridge/jsonata`) and
//   dist/node-redis-store.mjs (`ticketbridge/redis-store`), bundled together with their shared
//   code split into dist/node-chunk-*.mjs. Node pays for every module of an import graph
//   (resolving, reading, compiling, linking), and the main entry's graph is some twenty small
//   modules: bundled, it is four files, which took about 15 ms of CPU time off a new process's
//   first answer (docs/benchmarks.md, "Cold start"). Splitting, not one bundle per entry,
//   keeps one copy of the engine loader and the error classes however many entries a program
//   imports: the drop-in still uses the main entry's engine, and a redis store's StoreError is
//   the main entry's StoreError. The glue (ticketbridge-*.mjs) stays its own file, imported
//   when the engine loads, and every module stays beside the .wasm it names by
//   import.meta.url. The browser entries are left as modules for the page's bundler.
// Needs esbuild, a devDependency installed by `npm ci` at the repository root.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const dist = path.resolve(process.argv[2]);
const require = createRequire(import.meta.url);
let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  console.error('build-node-entries: esbuild is missing; run `npm ci` at the repository root first (it builds the Node entries)');
  process.exit(1);
}
const node = { bundle: true, platform: 'node', target: 'node18', legalComments: 'none', logLevel: 'warning', absWorkingDir: dist };
const cjs = {
  ...node,
  format: 'cjs',
  define: { 'import.meta.url': '__tbModuleUrl' },
  banner: { js: "'use strict';\nconst __tbModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};
// require('ticketbridge'): every export of the Node entry.
await esbuild.build({ ...cjs, entryPoints: [path.join(dist, 'index.mjs')], outfile: path.join(dist, 'index.cjs') });
// require('ticketbridge/jsonata'): the function itself, as require('jsonata') gives it.
await esbuild.build({
  ...cjs,
  stdin: {
    contents: "const jsonata = require('./dropin.node.mjs').default;\nmodule.exports = jsonata;\nmodule.exports.default = jsonata;\n",
    resolveDir: dist,
    sourcefile: 'dropin-require-entry.cjs',
  },
  outfile: path.join(dist, 'dropin.cjs'),
});

// The ES module entries. Chunks are named by content hash: last build's are removed first.
for (const file of fs.readdirSync(dist)) if (/^node-chunk-.*\.mjs$/.test(file)) fs.rmSync(path.join(dist, file));
await esbuild.build({
  ...node,
  format: 'esm',
  splitting: true,
  entryPoints: {
    'node-index': path.join(dist, 'index.mjs'),
    'node-jsonata': path.join(dist, 'dropin.node.mjs'),
    'node-redis-store': path.join(dist, 'redis-store.mjs'),
  },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'node-chunk-[hash]',
  // The glue is loaded when the engine is (core.mjs), and ioredis is the host's own.
  external: ['./ticketbridge-core.mjs', './ticketbridge-jsonata.mjs', 'ioredis'],
});
