// Prints the engine's download size (raw and gzip) after each WASM build and records it in
// dist/size.json, so README figures can be checked against the build.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2];
const files = ['ticketbridge-core.wasm', 'ticketbridge-core.mjs'];
const report = {};
for (const name of files) {
  const bytes = fs.readFileSync(path.join(dist, name));
  report[name] = { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}
fs.writeFileSync(path.join(dist, 'size.json'), JSON.stringify(report, null, 2) + '\n');
for (const [name, s] of Object.entries(report)) {
  console.log(`size: ${name} ${(s.raw / 1024).toFixed(1)} KiB raw, ${(s.gzip / 1024).toFixed(1)} KiB gzip`);
}
