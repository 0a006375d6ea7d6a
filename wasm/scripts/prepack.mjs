// `npm pack` / `npm publish` in wasm/ (or wasm/devtools/): make sure what is packed is a
// complete, current build. With a build tree (build/wasm) it rebuilds, which is quick when
// nothing changed; with Emscripten on PATH it configures one first; otherwise it packs a
// complete dist/ it finds, and refuses, naming what is missing, rather than packing a
// package without its engine.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const wasmDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.dirname(wasmDir);
const buildDir = path.join(root, 'build', 'wasm');
const devtools = process.argv.includes('--devtools');

const needed = devtools
  ? ['devtools/dist/itsm-sim/index.mjs', 'devtools/dist/itsm-sim/main.mjs', 'devtools/dist/conformance.mjs']
  : ['dist/ticketbridge-core.wasm', 'dist/ticketbridge-core.mjs', 'dist/ticketbridge-jsonata.wasm', 'dist/ticketbridge-pictures.wasm',
    'dist/ticketbridge-jsonata.mjs', 'dist/index.mjs', 'dist/index.web.mjs', 'dist/index.cjs', 'dist/dropin.cjs', 'dist/node-index.mjs', 'dist/node-jsonata.mjs',
    'dist/index.d.ts', 'dist/index.d.cts', 'dist/jsonata.mjs', 'dist/cli.mjs'];
const missing = () => needed.filter((f) => !fs.existsSync(path.join(wasmDir, f)));

const has = (tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });

try {
  if (fs.existsSync(path.join(buildDir, 'CMakeCache.txt'))) {
    console.error('prepack: rebuilding the package (build/wasm)');
    run('cmake', ['--build', buildDir]);
  } else if (has('emcmake')) {
    console.error('prepack: configuring and building build/wasm');
    const nodePath = [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(path.delimiter);
    run('emcmake', ['cmake', '-S', root, '-B', buildDir, '-DCMAKE_BUILD_TYPE=MinSizeRel'], { NODE_PATH: nodePath });
    run('cmake', ['--build', buildDir], { NODE_PATH: nodePath });
  } else if (missing().length === 0) {
    console.error('prepack: no Emscripten here; packing the existing build in dist/ (rebuild it if the sources changed)');
  }
} catch {
  console.error('prepack: the build failed; nothing was packed');
  process.exit(1);
}
const absent = missing();
if (absent.length) {
  console.error(`prepack: refusing to pack: ${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} missing.\n`
    + 'Build the package first: ./scripts/setup.sh (or npm ci, then emcmake cmake -S . -B build/wasm && cmake --build build/wasm).');
  process.exit(1);
}
