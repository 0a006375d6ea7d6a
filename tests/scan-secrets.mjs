// The last test of the suite: scans everything the suite printed (CTest's log of every test's
// output) and the files it wrote under the build tree for the secrets the suites configure
// (tests/secrets-configured.txt), in every form they travel in. Secrets must never appear in
// an action, audit trail, error, CLI output or test report.
import fs from 'node:fs';
import path from 'node:path';

const [listFile, ...roots] = process.argv.slice(2);
const needles = new Set();
for (const raw of fs.readFileSync(listFile, 'utf8').split('\n')) {
  const line = raw.trim();
  if (!line || line.startsWith('#')) continue;
  if (line.includes(':')) needles.add(Buffer.from(line).toString('base64'));
  else {
    needles.add(line);
    needles.add(encodeURIComponent(line));
  }
}

function* files(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isFile()) yield p;
  else if (st.isDirectory()) for (const e of fs.readdirSync(p)) yield* files(path.join(p, e));
}

let scanned = 0;
const leaks = [];
for (const root of roots) {
  for (const file of files(root)) {
    if (/\.(o|a|so|wasm|bin)$/.test(file) || fs.statSync(file).size > 64 * 1024 * 1024) continue;
    const text = fs.readFileSync(file, 'latin1');
    scanned++;
    for (const n of needles) {
      const at = text.indexOf(n);
      if (at >= 0) leaks.push(`${file}: "${n.slice(0, 3)}…" at byte ${at}: …${text.slice(Math.max(0, at - 60), at).replace(/\s+/g, ' ')}`);
    }
  }
}
for (const l of leaks) console.log(l);
console.log(`${scanned} files scanned for ${needles.size} secret forms: ${leaks.length} leaks`);
process.exitCode = leaks.length ? 1 : 0;
