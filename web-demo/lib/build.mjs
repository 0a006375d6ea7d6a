// Bundles the three pages' scripts with esbuild, in memory: the server serves the result
// and nothing is written to disk, so a clone needs no build step before `node server.mjs`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
export const ENTRIES = { widget: 'widget/element.js', admin: 'admin/main.js', cockpit: 'cockpit/main.js' };

/** Resolves with a Map of file name (widget.js, admin.js, cockpit.js, their .map) to bytes. */
export async function buildAssets({ minify = true } = {}) {
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(src, file)])),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    minify,
    sourcemap: 'linked',
    outdir: '/assets',
    write: false,
    logLevel: 'silent',
  });
  if (result.warnings.length) throw new Error(`esbuild warned: ${result.warnings.map((w) => w.text).join('; ')}`);
  return new Map(result.outputFiles.map((f) => [path.basename(f.path), Buffer.from(f.contents)]));
}
