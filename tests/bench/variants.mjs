// The WASM build's size/speed trade-off: builds the package with each set of optimisation
// flags in build/wasm-variants/<name>, times its WASM columns (tests/bench/run.mjs --only wasm)
// and records size and figures in tests/bench/wasm-variants.json, one set per engine version
// (the last commit of core/src, core/include, wasm/src), which docs/benchmarks.md shows beside
// the reasoning for the default.
//   node tests/bench/variants.mjs [--only NAME,NAME] [--runs N] [--quick] [--no-build] [--no-bench]
// (--no-bench builds only, so the timing can wait for a quiet machine.)
// Slow: every variant is a full Emscripten build (minutes on two cores).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { root } from './plan.mjs';

// The hot files the top-level CMakeLists.txt names (TB_WASM_HOT_DEFAULT), at its -O2 -flto.
const HOT_DEFAULT = 'default';
const HOT_ALL = 'jsonata;categories;redaction';
const HOT_PARSERS = 'categories;redaction';
// The top-level CMakeLists.txt's TB_WASM_POST_OPT default.
const POST_DEFAULT = '--converge -O3';

/** Each variant: the CMake cache values it sets (TB_WASM_COMPILE_OPT, TB_WASM_LINK_OPT, hot modules). */
export const VARIANTS = [
  { name: 'Os', compile: '-Os', link: '-Os' },
  { name: 'Oz', compile: '-Oz', link: '-Oz' },
  { name: 'Os-inline', compile: '-Os -finline-functions', link: '-Os' },
  { name: 'O2-Os', compile: '-O2', link: '-Os' },
  { name: 'O2-O2', compile: '-O2', link: '-O2' },
  { name: 'O3-O3', compile: '-O3', link: '-O3' },
  { name: 'Os-lto', compile: '-Os -flto', link: '-Os -flto' },
  { name: 'O2-lto-Os', compile: '-O2 -flto', link: '-Os -flto' },
  { name: 'Os-inline-lto', compile: '-Os -finline-functions -flto', link: '-Os -flto' },
  { name: 'Os-O3link', compile: '-Os', link: '-O3' },
  { name: 'Os-inline-O3link', compile: '-Os -finline-functions', link: '-O3' },
  { name: 'Os-lto-O3link', compile: '-Os -flto', link: '-O3 -flto' },
  { name: 'Os-inline-lto-O3link', compile: '-Os -finline-functions -flto', link: '-O3 -flto' },
  // What a per-file -O2 after -Os compiled to before the build type's -O was stripped.
  { name: 'Os-jsonata-O2-noinline', compile: '-Os', link: '-Os', hot: 'jsonata', hotOpt: '-O2 -fno-inline-functions' },
  { name: 'Os-hot-parsers-O2', compile: '-Os', link: '-Os', hot: HOT_PARSERS, hotOpt: '-O2' },
  { name: 'Os-hot-all-O2', compile: '-Os', link: '-Os', hot: HOT_ALL, hotOpt: '-O2' },
  { name: 'Os-inline-hot-parsers-O2', compile: '-Os -finline-functions', link: '-Os', hot: HOT_PARSERS, hotOpt: '-O2' },
  // The shipped default and the size cuts measured against it (docs/benchmarks.md, "What the
  // engine's parts cost"): the cold files at -Oz, emmalloc, and the size-first browser build.
  // `post` is TB_WASM_POST_OPT (binaryen again after the link; none unless given), `malloc` TB_WASM_MALLOC.
  { name: 'default', compile: '-Os -flto', link: '-O3 -flto', hot: HOT_DEFAULT, hotOpt: '-O2 -flto', post: POST_DEFAULT },
  { name: 'default-no-post', compile: '-Os -flto', link: '-O3 -flto', hot: HOT_DEFAULT, hotOpt: '-O2 -flto' },
  { name: 'default-post-Oz', compile: '-Os -flto', link: '-O3 -flto', hot: HOT_DEFAULT, hotOpt: '-O2 -flto', post: '--converge -Oz' },
  { name: 'default-cold-Oz', compile: '-Oz -flto', link: '-O3 -flto', hot: HOT_DEFAULT, hotOpt: '-O2 -flto', post: POST_DEFAULT },
  { name: 'default-emmalloc', compile: '-Os -flto', link: '-O3 -flto', hot: HOT_DEFAULT, hotOpt: '-O2 -flto', post: POST_DEFAULT, malloc: 'emmalloc' },
  { name: 'browser-Oz', compile: '-Oz -flto', link: '-Oz -flto', malloc: 'emmalloc' },
];

const resultsFile = path.join(root, 'tests/bench/wasm-variants.json');
const log = (m) => process.stderr.write(`[variants] ${m}\n`);
const env = { ...process.env, NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':') };

function buildVariant(v, dir) {
  const dist = path.join(dir, 'dist');
  const defs = [`-DTB_WASM_COMPILE_OPT=${v.compile}`, `-DTB_WASM_LINK_OPT=${v.link}`, `-DTB_DIST_DIR=${dist}`,
    `-DTB_WASM_POST_OPT=${v.post ?? ''}`, `-DTB_WASM_MALLOC=${v.malloc ?? 'dlmalloc'}`,
    ...(v.hot === HOT_DEFAULT ? [] : [`-DTB_WASM_HOT_MODULES=${v.hot ?? ''}`, `-DTB_WASM_HOT_OPT=${v.hotOpt ?? '-O2'}`])];
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env };
  // Configure from scratch, so the -D values are taken as given (see tb_wasm_option in CMakeLists.txt).
  fs.rmSync(path.join(dir, 'CMakeCache.txt'), { force: true });
  execFileSync('emcmake', ['cmake', '-S', root, '-B', dir, '-DCMAKE_BUILD_TYPE=MinSizeRel', ...defs], quiet);
  const t0 = Date.now();
  execFileSync('cmake', ['--build', dir, '-j2'], quiet);
  return { dist, buildSeconds: (Date.now() - t0) / 1000 };
}

function size(file) {
  const bytes = fs.readFileSync(file);
  return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}

// The figures the goals are stated in, from a WASM-only run's table.
function headline(results) {
  const pick = (id) => results.table.find((r) => r.id === id)?.wasm ?? null;
  return {
    ticket: pick('a.ticket.parseEval'),
    rich: pick('a.rich.parseEval'),
    suiteGeomean: pick('b.eval.geomean'),
    suiteSum: pick('b.eval.sum'),
    compileGeomean: pick('c.suite.geomean'),
    categories: pick('cat.report'),
  };
}

function args(argv) {
  const a = { only: null, runs: 1, quick: false, build: true, bench: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') a.only = argv[++i].split(',');
    else if (argv[i] === '--runs') a.runs = Number(argv[++i]);
    else if (argv[i] === '--quick') a.quick = true;
    else if (argv[i] === '--no-build') a.build = false;
    else if (argv[i] === '--no-bench') a.bench = false;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return a;
}

const a = args(process.argv.slice(2));
const recorded = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { sets: [] };
const engine = execFileSync('git', ['log', '-1', '--format=%h', '--', 'core/src', 'core/include', 'wasm/src'], { cwd: root, encoding: 'utf8' }).trim();
let set = recorded.sets.find((x) => x.engine === engine);
if (!set) recorded.sets.push(set = { engine, variants: {} });
for (const v of VARIANTS) {
  if (a.only && !a.only.includes(v.name)) continue;
  const dir = path.join(root, 'build/wasm-variants', v.name);
  log(`${v.name}: compile "${v.compile}", link "${v.link}"${v.hot ? `, ${v.hot} at "${v.hotOpt}"` : ''}`);
  const built = a.build ? buildVariant(v, dir) : { dist: path.join(dir, 'dist'), buildSeconds: null };
  if (built.buildSeconds !== null) fs.writeFileSync(path.join(dir, 'build-seconds'), String(built.buildSeconds));
  if (!a.bench) continue;
  if (built.buildSeconds === null && fs.existsSync(path.join(dir, 'build-seconds'))) built.buildSeconds = Number(fs.readFileSync(path.join(dir, 'build-seconds'), 'utf8'));
  const out = path.join(dir, 'results.json');
  const runArgs = [path.join(root, 'tests/bench/run.mjs'), '--only', 'wasm', '--no-build', '--wasm-dist', built.dist,
    '--out', out, '--runs', String(a.runs), ...(a.quick ? ['--quick'] : [])];
  execFileSync(process.execPath, runArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
  const results = JSON.parse(fs.readFileSync(out, 'utf8'));
  set.variants[v.name] = {
    ...v,
    date: results.date,
    quick: a.quick,
    loadAverage: results.loadAverage,
    wasm: size(path.join(built.dist, 'ticketbridge-core.wasm')),
    glue: size(path.join(built.dist, 'ticketbridge-core.mjs')),
    buildSeconds: built.buildSeconds,
    figures: headline(results),
  };
  fs.writeFileSync(resultsFile, JSON.stringify(recorded, null, 1) + '\n');
  log(`${v.name}: ${(set.variants[v.name].wasm.raw / 1024).toFixed(1)} KiB, ${JSON.stringify(set.variants[v.name].figures)}`);
}
