// A clone alone must build and test on a fresh machine: no suite, build file or script may
// read from outside the repository, except through a documented variable
// (TB_CONFORMANCE_DIR, tests/conformance/jsonata-suite/SOURCE.md). This check fails when
//   - a source file names a path that climbs out of the repository (`../` past its root), or
//     an absolute path into someone's machine (/work, /home, /root, /opt, /mnt, /srv);
//   - the build chose a conformance suite outside the repository without that variable.
// Usage: node tests/self-contained.mjs <repo root> <suite dir the build uses> [<TB_CONFORMANCE_DIR>]
import fs from 'node:fs';
import path from 'node:path';

const [rootArg, suiteArg = '', explicitArg = ''] = process.argv.slice(2);
const root = path.resolve(rootArg);
const SKIP_DIRS = new Set(['.git', 'node_modules', 'build', 'dist', '.sim-data', 'jsonata-suite', 'corpus']);
// Text that steers builds and tests. Docs (.md) may tell a reader about other places.
const CHECKED = /(\.(c|h)pp|\.m?js|\.cjs|\.ts|\.sh|\.cmake|\.json|\.txt|\.ya?ml)$|(^|\/)(CMakeLists\.txt|CMakePresets\.json)$|^\.ci\/run$/;
const ABSOLUTE = /(^|[^\w.])\/(work|home|root|opt|mnt|srv)\/[\w.-]/;
const CLIMB = /(?:\.\.\/)+(?:\.\.)?|(?:\.\.\/)*\.\.(?=['"`\s)])/g;
// A climb from the repository's root always leaves it: `${PROJECT_SOURCE_DIR}/..`,
// `$ROOT/..`, `path.join(root, '..')`.
const ROOT_CLIMB = /(PROJECT_SOURCE_DIR|CMAKE_SOURCE_DIR|ROOT|root)\}?\s*(\/|,\s*['"`])\.\./
// Fixture data quotes paths as text to be rendered or matched, never opened; and this file
// names the patterns it looks for.
const DATA_ONLY = /^tests\/fixtures\/.*\.(json|txt)$|^tests\/self-contained\.mjs$/;

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* walk(path.join(dir, entry.name));
    } else if (entry.isFile()) {
      yield path.join(dir, entry.name);
    }
  }
}

const problems = [];
let files = 0;
for (const file of walk(root)) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (!CHECKED.test(rel) || DATA_ONLY.test(rel)) continue;
  files++;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const where = `${rel}:${i + 1}`;
    if (ROOT_CLIMB.test(line)) problems.push(`${where}: climbs out of the repository from its root: ${line.trim()}`);
    if (ABSOLUTE.test(line)) problems.push(`${where}: an absolute path into a particular machine: ${line.trim()}`);
    // A run of ../ that, resolved from this file's folder, lands outside the repository. (A
    // script may resolve from another folder than its own, but every climb this project needs
    // stays inside the tree from both, so the file's folder is the strict reading.)
    for (const m of line.matchAll(CLIMB)) {
      const target = path.resolve(path.dirname(file), m[0]);
      if (target !== root && !target.startsWith(root + path.sep)) {
        problems.push(`${where}: "${m[0]}" climbs out of the repository: ${line.trim()}`);
      }
    }
  });
}

if (!suiteArg) {
  console.log('the JSONata conformance suite was not found; its tests are reported as skipped');
} else {
  const suite = path.resolve(suiteArg);
  const inside = suite.startsWith(root + path.sep);
  const explicit = explicitArg && path.resolve(explicitArg) === suite;
  if (!inside && !explicit && process.env.TB_CONFORMANCE_DIR !== suiteArg) {
    problems.push(`the build reads the conformance suite from ${suite}, outside the repository, without TB_CONFORMANCE_DIR`);
  }
}

for (const p of problems) console.log(p);
console.log(`${files} files checked: ${problems.length ? `${problems.length} problems` : 'the repository is self-contained'}`);
process.exit(problems.length ? 1 : 0);
