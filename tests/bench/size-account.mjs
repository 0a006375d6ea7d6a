#!/usr/bin/env node
// What each part of the engine costs in the .wasm a widget downloads. Links the WASM build's
// objects a second time with function names kept (--profiling-funcs; same objects, same flags,
// so the code is the shipped code plus a name section), reads the binary's sections, assigns
// every function body to the room its name says (jsonata regex, pictures, built-ins, the
// product core, nlohmann/json, libc++, Embind, libc), and measures each room's bytes raw and
// gzip -9. Static data (the data section: Unicode tables, strings) is one row: it has no names.
//
//   node tests/bench/size-account.mjs [--build build/wasm] [--wasm FILE] [--record]
// --wasm FILE reads an already linked build with names; --record writes
// tests/bench/size-account.json, from which docs/benchmarks.md's section is rendered.
//
// Approximations, stated in the rendered section: inlining moves code into its caller's room
// (link-time optimisation inlines freely), a library template counts to the room whose name it
// carries first, and gzip of a room alone is larger than its share of the whole file's gzip
// (cross-room repetition is lost), so the gzip column is scaled to add up to the file's.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
export const SIZE_RESULTS = path.join(here, 'size-account.json');

// First match wins; tested against the function's qualified name (its argument list removed,
// so a parameter type does not decide).
const ROOMS = [
  ['Embind glue', /emscripten::|_embind_|embind/],
  ['WASM boundary (wasm/src)', /Binding\b|Binding::|^tbwasm|tbwasm::|^tb_expression|host_call/],
  ['JSONata: regex engine', /tb::jsonata::regex|tb::regex/],
  ['JSONata: pictures and dates', /tb::jsonata::pictures|fn_format_number|fn_format_integer|fn_parse_integer|fn_to_millis|fn_from_millis|fn_format_base|datetime|iso_/],
  ['JSONata: Unicode case tables code', /tb::jsonata::unicode|unicode_case|case_fold/],
  ['JSONata: built-ins', /tb::jsonata::(\{anon\}::)?fn_|tb::jsonata::builtin/],
  ['JSONata: JSON reader/writer', /tb::jsonata::(\{anon\}::)?(read_json|write_json|Json|json_|JsonWriter|JsonReader)/],
  ['JSONata: parser and evaluator', /tb::jsonata|tb::text|tb::utf/],
  ['categories and CSV', /tb::categories|categor|Categor|classify|csv|Csv|import_report|ImportReport/],
  ['transcript redaction', /TextRedactor|tb::redaction|Transcript/],
  ['nlohmann/json', /nlohmann::/],
  ['product core (config, template, escalation, HTTP)', /\btb::/],
  ['libc++', /std::/],
];
const OTHER = 'libc and runtime (malloc, strtod, printf, …)';

export function qualifiedName(name) {
  const s = name.replaceAll('(anonymous namespace)', '{anon}');
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '<') depth++;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (c === '(' && depth === 0 && !s.startsWith('operator', i - 8)) return s.slice(0, i);
  }
  return s;
}

export function roomOf(name) {
  const q = qualifiedName(name);
  for (const [room, re] of ROOMS) if (re.test(q)) return room;
  return OTHER;
}

/** The code bodies (with their function names) and the data bytes of a WebAssembly binary. */
export function readWasm(bytes) {
  const b = bytes;
  if (b.readUInt32LE(0) !== 0x6d736100) throw new Error('not a WebAssembly binary');
  let p = 8;
  const leb = () => {
    let r = 0;
    let shift = 0;
    let x;
    do { x = b[p++]; r += (x & 0x7f) * 2 ** shift; shift += 7; } while (x & 0x80);
    return r;
  };
  const skipName = () => { const n = leb(); p += n; };
  const skipLimits = () => { const f = b[p++]; leb(); if (f & 1) leb(); };
  const names = new Map();
  const bodies = [];
  let imported = 0;
  let data = null;
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const end = p + size;
    if (id === 0) {  // custom: the "name" section's function names (subsection 1)
      const n = leb();
      const title = b.toString('utf8', p, p + n);
      p += n;
      while (title === 'name' && p < end) {
        const sub = b[p++];
        const subEnd = p + leb();
        if (sub === 1) {
          for (let i = leb(); i > 0; i--) {
            const index = leb();
            const len = leb();
            names.set(index, b.toString('utf8', p, p + len));
            p += len;
          }
        }
        p = subEnd;
      }
    } else if (id === 2) {  // imports: imported functions come first in the index space
      for (let i = leb(); i > 0; i--) {
        skipName(); skipName();
        const kind = b[p++];
        if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; skipLimits(); } else if (kind === 2) skipLimits(); else p += 2;
      }
    } else if (id === 10) {
      for (let i = 0, n = leb(); i < n; i++) {
        const len = leb();
        bodies.push({ index: imported + i, bytes: b.subarray(p, p + len) });
        p += len;
      }
    } else if (id === 11) data = b.subarray(p, end);
    p = end;
  }
  return { bodies: bodies.map((x) => ({ ...x, name: names.get(x.index) ?? `function ${x.index}` })), data, named: names.size };
}

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

export function account(bytes) {
  const { bodies, data, named } = readWasm(bytes);
  if (named < bodies.length / 2) throw new Error('the binary has no function names: link it with --profiling-funcs');
  const rooms = new Map();
  for (const f of bodies) {
    const room = roomOf(f.name);
    const r = rooms.get(room) ?? { room, functions: 0, parts: [], largest: [] };
    r.functions++;
    r.parts.push(f.bytes);
    r.largest.push({ name: qualifiedName(f.name).replaceAll('{anon}::', '').slice(0, 80), raw: f.bytes.length });
    rooms.set(room, r);
  }
  const rows = [...rooms.values()].map((r) => {
    const all = Buffer.concat(r.parts);
    r.largest.sort((x, y) => y.raw - x.raw);
    return { room: r.room, functions: r.functions, raw: all.length, gzipAlone: gz(all), largest: r.largest.slice(0, 3) };
  });
  if (data) rows.push({ room: 'static data (tables, strings)', functions: 0, raw: data.length, gzipAlone: gz(data), largest: [] });
  return rows.sort((x, y) => y.gzipAlone - x.gzipAlone);
}

// The same link as the package's engine, with names kept, into a temporary folder.
function linkWithNames(buildDir) {
  const dir = path.join(buildDir, 'wasm', 'CMakeFiles', 'ticketbridge-core.dir');
  const link = fs.readFileSync(path.join(dir, 'link.txt'), 'utf8').trim();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-size-'));
  const cmd = link.replace(/-o \S+/, `-o ${path.join(out, 'core.mjs')}`).replace(/^(\S+)/, '$1 --profiling-funcs');
  execFileSync('sh', ['-c', cmd], { cwd: path.join(buildDir, 'wasm'), stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':') } });
  return path.join(out, 'core.wasm');
}

export function measureSizeAccount({ build = path.join(root, 'build/wasm'), wasm } = {}) {
  const file = wasm ?? linkWithNames(build);
  const rows = account(fs.readFileSync(file));
  const result = { date: new Date().toISOString(), rows };
  // The build already measured the shipped module (wasm/scripts/report-size.mjs, gzip -9).
  const sizes = path.join(root, 'wasm/dist/size.json');
  if (fs.existsSync(sizes)) result.shipped = JSON.parse(fs.readFileSync(sizes, 'utf8'))['ticketbridge-core.wasm'];
  if (!wasm) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return result;
}

const kib = (n) => (n / 1024).toFixed(1);

export function renderSizeAccount() {
  const out = ['## What the engine\'s parts cost', ''];
  if (!fs.existsSync(SIZE_RESULTS)) return [...out, 'No measurement yet: run `node tests/bench/size-account.mjs --record`.'];
  const { date, rows, shipped } = JSON.parse(fs.readFileSync(SIZE_RESULTS, 'utf8'));
  const sumAlone = rows.reduce((a, r) => a + r.gzipAlone, 0);
  const scale = shipped ? shipped.gzip / sumAlone : 1;
  out.push(`\`node tests/bench/size-account.mjs --record\` (measured ${date.slice(0, 10)}): the package's \`.wasm\` ` +
    (shipped ? `(${kib(shipped.raw)} KiB raw, ${kib(shipped.gzip)} KiB gzip -9) ` : '') +
    'linked again with function names kept, each function body assigned to the room its name says. Inlined code counts ' +
    'to its caller, a library template to the first room its name carries; "gzip" is each room compressed alone, scaled ' +
    'so the rows add up to the file\'s gzip size (a room compressed alone loses the repetition it shares with others).', '',
    '| room | functions | raw KiB | gzip KiB | share | largest functions |', '|---|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const g = r.gzipAlone * scale;
    const share = shipped ? `${((100 * g) / shipped.gzip).toFixed(1)} %` : '';
    const largest = r.largest.map((f) => `\`${f.name.replaceAll('|', '\\|')}\` ${kib(f.raw)}`).join(', ');
    out.push(`| ${r.room} | ${r.functions || ''} | ${kib(r.raw)} | ${kib(g)} | ${share} | ${largest} |`);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (k) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
  try {
    const result = measureSizeAccount({ build: path.resolve(opt('--build') ?? path.join(root, 'build/wasm')), wasm: opt('--wasm') });
    if (argv.includes('--record')) fs.writeFileSync(SIZE_RESULTS, JSON.stringify(result, null, 2) + '\n');
    for (const r of result.rows) console.log(`${kib(r.gzipAlone).padStart(7)} KiB gzip alone  ${kib(r.raw).padStart(7)} KiB raw  ${r.room}`);
    if (result.shipped) console.log(`the shipped .wasm: ${kib(result.shipped.raw)} KiB raw, ${kib(result.shipped.gzip)} KiB gzip -9`);
  } catch (e) {
    console.error(`size account: ${e.message}`);
    process.exitCode = 1;
  }
}
