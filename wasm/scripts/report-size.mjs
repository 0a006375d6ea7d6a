// Prints the engines' download sizes (raw and gzip) after each WASM build and records them in
// dist/size.json, so README figures can be checked against the build. Both modules are
// reported: ticketbridge-core (the main entry) and ticketbridge-jsonata (`ticketbridge/jsonata`),
// and the picture strings' module both load when an expression needs it (ticketbridge-pictures).
// Run after either link, it reports the files that exist.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2];
const files = ['ticketbridge-core.wasm', 'ticketbridge-core.mjs', 'ticketbridge-jsonata.wasm', 'ticketbridge-jsonata.mjs',
  'ticketbridge-pictures.wasm'];
const report = {};
for (const name of files) {
  const file = path.join(dist, name);
  if (!fs.existsSync(file)) continue;
  const bytes = fs.readFileSync(file);
  report[name] = { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}
fs.writeFileSync(path.join(dist, 'size.json'), JSON.stringify(report, null, 2) + '\n');
for (const [name, s] of Object.entries(report)) {
  console.log(`size: ${name} ${(s.raw / 1024).toFixed(1)} KiB raw, ${(s.gzip / 1024).toFixed(1)} KiB gzip`);
}
