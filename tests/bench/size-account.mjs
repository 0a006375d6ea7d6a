#!/usr/bin/env node
// What each part of the engine costs in the .wasm a widget downloads. Links the WASM build's
// objects a second time with function names kept (--profiling-funcs; same objects, same flags,
// so the code is the shipped code plus a name section), reads the binary's sections, assigns
// every function body to the room its name says (jsonata regex, pictures, built-ins, the
// product core, nlohmann/json, libc++, Embind, libc), and measures each room's bytes raw and
// gzip -9. The data section is split the same way with the linker's map (-Wl,--Map): named
// tables by their symbol, string literals by the code that takes their address.
//
//   node tests/bench/size-account.mjs [--build build/wasm] [--module core|jsonata] [--wasm FILE [--map FILE]] [--record]
// --wasm FILE reads an already linked build with names (--map: its wasm-ld link map); --record writes
// tests/bench/size-account.json, from which docs/benchmarks.md's section is rendered. --module
// jsonata accounts the JSONata-only module (ticketbridge-jsonata.wasm, what `ticketbridge/jsonata`
// loads) instead of the full one, --module pictures the picture strings' module both load when an
// expression needs it (ticketbridge-pictures.wasm); they are printed only: the recorded account
// is the full module's.
//
// Approximations, stated in the rendered section: inlining moves code into its caller's room
// (link-time optimisation inlines freely), a library template counts to the room whose name it
// carries first, and gzip of a room alone is larger than its share of the whole file's gzip
// (cross-room repetition is lost), so the gzip column is scaled to add up to the file's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { renderSizePlan } from './size-plan.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
export const SIZE_RESULTS = path.join(here, 'size-account.json');

// First match wins; tested against the function's qualified name (its argument list removed,
// so a parameter type does not decide).
const ROOMS = [
  ['Embind glue', /emscripten::|_embind_|embind/],
  ['WASM boundary (wasm/src)', /Binding\b|Binding::|^tbwasm|tbwasm::|^tb_[a-z_]+$|host_call/],
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
  const sleb = () => {
    let r = 0;
    let shift = 0;
    let x;
    do { x = b[p++]; r |= (x & 0x7f) << shift; shift += 7; } while (x & 0x80);
    return shift < 32 && (x & 0x40) ? r | (-1 << shift) : r;
  };
  const skipName = () => { const n = leb(); p += n; };
  const skipLimits = () => { const f = b[p++]; leb(); if (f & 1) leb(); };
  const names = new Map();
  const bodies = [];
  let imported = 0;
  let data = null;
  const segments = [];
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
    } else if (id === 11) {
      data = b.subarray(p, end);
      for (let i = leb(); i > 0; i--) {  // active segments of memory 0: flags 0 (or 2 and an index), i32.const offset
        const flags = leb();
        if (flags === 2) leb();
        let offset = null;
        if (flags !== 1) {
          if (b[p++] !== 0x41) throw new Error('a data segment whose offset is not an i32.const');
          offset = sleb();
          p++;  // end
        }
        const len = leb();
        segments.push({ offset, bytes: b.subarray(p, p + len) });
        p += len;
      }
    }
    p = end;
  }
  return { bodies: bodies.map((x) => ({ ...x, name: names.get(x.index) ?? `function ${x.index}` })), data, segments, named: names.size };
}

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

// The data section's rooms. Named data (a symbol in the link map) goes by its name; what has no
// name (string literals, private constants) is cut into NUL-terminated pieces, each given to
// the room whose code takes its address most often.
const DATA_ROOMS = [
  ['data: vtables and type info (RTTI)', /^(vtable|typeinfo|typeinfo name|VTT|construction vtable) for /],
  ['data: libm tables (log, log2, exp, pow)', /^__(log|log2|exp|pow_log|exp2f?|logf?|log2f?)_data$/],
  ['data: JSONata Unicode case tables ($uppercase, $lowercase)', /tb::jsonata::unicode::/],
  ['data: text case folding tables (core/text)', /tb::text::/],
  ['data: JSONata: regex engine', /tb::jsonata::regex::/],
  ['data: JSONata: pictures and dates', /tb::jsonata::pictures::/],
];

export function dataRoomOf(name) {
  for (const [room, re] of DATA_ROOMS) if (re.test(name)) return room;
  return `data: ${roomOf(name)}`;
}

/** The data chunks of a wasm-ld link map (--Map), each with the symbols it defines:
 *  [{addr, size, name, symbols: [{addr, size, name}]}], sorted by address. */
export function dataChunks(mapText) {
  // Columns: Addr Off Size (hex), then the output section, an input chunk or a symbol, indented
  // 1, 9 or 17 spaces past the Size column. Only data has an address (functions show "-").
  const chunks = [];
  for (const line of mapText.split('\n')) {
    const m = /^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)( +)(\S.*)$/.exec(line);
    if (!m) continue;
    const item = { addr: parseInt(m[1], 16), size: parseInt(m[2], 16), name: m[4] };
    if (m[3].length === 9) chunks.push({ ...item, symbols: [] });
    else if (m[3].length === 17 && chunks.length) chunks[chunks.length - 1].symbols.push(item);
  }
  return chunks.sort((x, y) => x.addr - y.addr);
}

// Where the code takes addresses (i32.const immediates): address -> {room: count}. A byte scan,
// not a decoder, so a 0x41 inside another immediate can fake a reference; a piece therefore
// goes to the room that names it most often.
function addressReferences(bodies, lo, hi) {
  const refs = new Map();
  for (const f of bodies) {
    const b = f.bytes;
    const room = roomOf(f.name);
    for (let i = 0; i + 1 < b.length; i++) {
      // i32.const ADDR, or a load/store whose offset immediate is the address (0x28-0x3e: align, offset).
      const op = b[i];
      if (op !== 0x41 && (op < 0x28 || op > 0x3e)) continue;
      let p = i + 1;
      if (op !== 0x41) { if (b[p] > 16) continue; p++; }
      let r = 0;
      let shift = 0;
      let x;
      do { x = b[p++]; r |= (x & 0x7f) << shift; shift += 7; } while (x & 0x80 && shift < 35 && p < b.length);
      if (op === 0x41 && shift < 32 && x & 0x40) r |= -1 << shift;
      if (r < lo || r >= hi) continue;
      const m = refs.get(r) ?? new Map();
      m.set(room, (m.get(room) ?? 0) + 1);
      refs.set(r, m);
    }
  }
  return refs;
}

export function accountData(segments, bodies, chunks) {
  const active = segments.filter((s) => s.offset !== null && s.bytes.length);
  if (!active.length) return [];
  const lo = Math.min(...active.map((s) => s.offset));
  const hi = Math.max(...active.map((s) => s.offset + s.bytes.length));
  // The file's data bytes by address (what the segments leave out is zero and costs nothing).
  const mem = Buffer.alloc(hi - lo);
  const present = new Uint8Array(hi - lo);
  for (const s of active) { s.bytes.copy(mem, s.offset - lo); present.fill(1, s.offset - lo, s.offset - lo + s.bytes.length); }
  // Pieces: each named symbol (the first of aliases at one address); a chunk without symbols
  // (a private constant) whole; merged string literals, and whatever lies between, cut after
  // each NUL, so every string finds its own users.
  const pieces = [];
  const cut = (from, to) => {
    let start = from;
    for (let a = from; a < to; a++) {
      if (mem[a - lo] === 0 && (a + 1 === to || mem[a + 1 - lo] !== 0)) { pieces.push({ addr: start, end: a + 1, name: null }); start = a + 1; }
    }
    if (start < to) pieces.push({ addr: start, end: to, name: null });
  };
  let at = lo;
  const upTo = (addr) => { if (addr > at) cut(at, Math.min(addr, hi)); at = Math.max(at, Math.min(addr, hi)); };
  for (const c of chunks) {
    if (c.addr >= hi || c.addr + c.size <= lo || c.addr < at) continue;
    upTo(c.addr);
    const symbols = c.symbols.filter((x) => x.size > 0).sort((x, y) => x.addr - y.addr);
    if (symbols.length) {
      for (const x of symbols) {
        if (x.addr < at) continue;
        upTo(x.addr);
        const end = Math.min(x.addr + x.size, hi);
        pieces.push({ addr: x.addr, end, name: x.name.startsWith('.L') ? null : x.name });  // .L: a private label
        at = end;
      }
    } else if (!/\(\.rodata\)$|\.str/.test(c.name)) {
      const end = Math.min(c.addr + c.size, hi);
      pieces.push({ addr: c.addr, end, name: null });
      at = end;
    }
    upTo(c.addr + c.size);
  }
  upTo(hi);
  const refs = addressReferences(bodies, lo, hi);
  const starts = pieces.map((x) => x.addr);
  const pieceAt = (a) => {
    let l = 0;
    let h = starts.length - 1;
    while (l < h) { const mid = (l + h + 1) >> 1; if (starts[mid] <= a) l = mid; else h = mid - 1; }
    return pieces[l];
  };
  for (const [a, rooms] of refs) {
    const piece = pieceAt(a);
    piece.refs ??= new Map();
    for (const [room, n] of rooms) piece.refs.set(room, (piece.refs.get(room) ?? 0) + n);
  }
  const roomOfPiece = (x) => {
    if (x.name) return dataRoomOf(x.name);
    if (x.refs) return `data: ${[...x.refs].sort((p, q) => q[1] - p[1])[0][0]}`;
    return null;
  };
  // Strings reached only through other data (a table of names, a vtable): a 32-bit pointer in a
  // piece whose room is known gives that room to the piece it points at, for a few rounds.
  for (let round = 0; round < 3; round++) {
    for (const x of pieces) {
      const room = roomOfPiece(x);
      if (!room) continue;
      for (let a = x.addr + ((4 - (x.addr & 3)) & 3); a + 4 <= x.end; a += 4) {
        const v = mem.readUInt32LE(a - lo);
        if (v < lo || v >= hi) continue;
        const target = pieceAt(v);
        if (target === x || target.name || target.refs) continue;
        target.via = target.via ?? new Map();
        target.via.set(room, (target.via.get(room) ?? 0) + 1);
      }
    }
    for (const x of pieces) {
      if (x.via && !x.refs) {
        x.refs = new Map([...x.via].map(([room, n]) => [room.replace(/^data: /, ''), n]));
        x.via = null;
      }
    }
  }
  const rooms = new Map();
  for (const x of pieces) {
    let bytes = 0;
    const parts = [];
    for (let a = x.addr; a < x.end; a++) if (present[a - lo]) bytes++;
    if (!bytes) continue;  // zero-initialised: not in the file
    parts.push(mem.subarray(x.addr - lo, x.end - lo));
    const room = roomOfPiece(x) ?? 'data: no reference found (strings, constants)';
    const r = rooms.get(room) ?? { room, functions: 0, parts: [], raw: 0, unnamed: 0, largest: [] };
    r.parts.push(...parts);
    r.raw += bytes;
    if (x.name) r.largest.push({ name: qualifiedName(x.name).replaceAll('(anonymous namespace)::', '').slice(0, 80), raw: bytes });
    else r.unnamed += bytes;
    rooms.set(room, r);
  }
  return [...rooms.values()].map((r) => {
    if (r.unnamed) r.largest.push({ name: 'string literals, unnamed constants', raw: r.unnamed });
    r.largest.sort((x, y) => y.raw - x.raw);
    return { room: r.room, functions: 0, raw: r.raw, gzipAlone: gz(Buffer.concat(r.parts)), largest: r.largest.slice(0, 3), data: true };
  });
}

export function account(bytes, mapText = null) {
  const { bodies, data, segments, named } = readWasm(bytes);
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
  if (mapText) rows.push(...accountData(segments, bodies, dataChunks(mapText)));
  else if (data) rows.push({ room: 'static data (tables, strings)', functions: 0, raw: data.length, gzipAlone: gz(data), largest: [] });
  return rows.sort((x, y) => y.gzipAlone - x.gzipAlone);
}

// The same link as the package's engine, with names kept, into a temporary folder, and the
// linker's map of it (core.map). emcc 3.1.6 drops -Wl,--Map (it filters linker flags starting
// with -M), so the map comes from running the wasm-ld command emcc printed (EMCC_VERBOSE) again
// with --Map: same inputs, same layout (binaryen does not move data, so the addresses hold).
function linkWithNames(buildDir, module = 'core') {
  const dir = path.join(buildDir, 'wasm', 'CMakeFiles', `ticketbridge-${module}.dir`);
  const link = fs.readFileSync(path.join(dir, 'link.txt'), 'utf8').trim();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-size-'));
  // The pictures module is a standalone .wasm with no glue: linked straight to core.wasm.
  const cmd = link.replace(/-o \S+/, `-o ${path.join(out, module === 'pictures' ? 'core.wasm' : 'core.mjs')}`).replace(/^(\S+)/, '$1 --profiling-funcs');
  const cwd = path.join(buildDir, 'wasm');
  const env = { ...process.env, EMCC_VERBOSE: '1', NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':') };
  const r = spawnSync('sh', ['-c', cmd], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`the link with names failed:\n${r.stderr}`);
  const lld = r.stderr.split('\n').find((l) => /^\s*"?\S*wasm-ld\S*"? /.test(l));
  if (lld) {
    const map = spawnSync('sh', ['-c', `${lld} --Map=${path.join(out, 'core.map')} -o ${path.join(out, 'mapped.wasm')}`],
      { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (map.status !== 0) fs.rmSync(path.join(out, 'core.map'), { force: true });
  }
  // The shipped module went through TB_WASM_POST_OPT after the link (wasm/CMakeLists.txt): the
  // same passes here, with -g so the names stay.
  const cache = fs.readFileSync(path.join(buildDir, 'CMakeCache.txt'), 'utf8');
  const post = /^TB_WASM_POST_OPT:STRING=(.*)$/m.exec(cache)?.[1]?.trim();
  if (post) {
    const simd = !/^TB_WASM_SIMD:BOOL=(OFF|0|FALSE|NO)$/mi.test(cache);
    const wasmOpt = /^TB_WASM_OPT:FILEPATH=(.*)$/m.exec(cache)?.[1] ?? 'wasm-opt';
    const file = path.join(out, 'core.wasm');
    const args = ['-g', '--mvp-features', ...(simd ? ['--enable-simd'] : []), '--low-memory-unused', '--zero-filled-memory',
      ...post.split(/\s+/), file, '-o', file];
    const r2 = spawnSync(wasmOpt, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r2.status !== 0) throw new Error('the post-link passes (TB_WASM_POST_OPT) failed on the module with names');
  }
  return path.join(out, 'core.wasm');
}

export function measureSizeAccount({ build = path.join(root, 'build/wasm'), wasm, map, module = 'core' } = {}) {
  const file = wasm ?? linkWithNames(build, module);
  const mapFile = map ?? (wasm ? null : path.join(path.dirname(file), 'core.map'));
  const rows = account(fs.readFileSync(file), mapFile && fs.existsSync(mapFile) ? fs.readFileSync(mapFile, 'utf8') : null);
  const result = { date: new Date().toISOString(), rows };
  // The build already measured the shipped module (wasm/scripts/report-size.mjs, gzip -9).
  const sizes = path.join(root, 'wasm/dist/size.json');
  if (fs.existsSync(sizes)) {
    const shipped = JSON.parse(fs.readFileSync(sizes, 'utf8'));
    result.shipped = shipped[`ticketbridge-${module}.wasm`];
    // The picture strings are a module of their own, downloaded only by pages that use them:
    // recorded beside the engine's rows, not among them.
    if (module === 'core' && shipped['ticketbridge-pictures.wasm']) result.pictures = shipped['ticketbridge-pictures.wasm'];
  }
  if (!wasm) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return result;
}

const kib = (n) => (n / 1024).toFixed(1);

export function renderSizeAccount() {
  const out = ['## What the engine\'s parts cost', ''];
  if (!fs.existsSync(SIZE_RESULTS)) return [...out, 'No measurement yet: run `node tests/bench/size-account.mjs --record`.'];
  const { date, rows, shipped, pictures } = JSON.parse(fs.readFileSync(SIZE_RESULTS, 'utf8'));
  const sumAlone = rows.reduce((a, r) => a + r.gzipAlone, 0);
  const scale = shipped ? shipped.gzip / sumAlone : 1;
  out.push(`\`node tests/bench/size-account.mjs --record\` (measured ${date.slice(0, 10)}): the package's \`.wasm\` ` +
    (shipped ? `(${kib(shipped.raw)} KiB raw, ${kib(shipped.gzip)} KiB gzip -9) ` : '') +
    'linked again with function names kept, each function body assigned to the room its name says. Inlined code counts ' +
    'to its caller, a library template to the first room its name carries; "gzip" is each room compressed alone, scaled ' +
    'so the rows add up to the file\'s gzip size (a room compressed alone loses the repetition it shares with others). ' +
    'The "data:" rows split the data section (tables, strings) with the linker\'s map: a named table by its symbol, a ' +
    'string literal or unnamed constant by the room whose code takes its address most often (or whose table points at it).', '',
    '| room | functions | raw KiB | gzip KiB | share | largest functions |', '|---|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const g = r.gzipAlone * scale;
    const share = shipped ? `${((100 * g) / shipped.gzip).toFixed(1)} %` : '';
    const largest = r.largest.map((f) => `\`${f.name.replaceAll('|', '\\|')}\` ${kib(f.raw)}`).join(', ');
    out.push(`| ${r.room} | ${r.functions || ''} | ${kib(r.raw)} | ${kib(g)} | ${share} | ${largest} |`);
  }
  if (pictures) {
    out.push('', `The picture strings ($formatNumber, $formatInteger, $parseInteger, $fromMillis, $toMillis, $now) are not in ` +
      `this file: they are \`ticketbridge-pictures.wasm\`, ${kib(pictures.raw)} KiB raw, ${kib(pictures.gzip)} KiB gzip -9, ` +
      'which a page downloads only when an expression names one of them (docs/hosting.md, "Pictures and dates"; ' +
      '`node tests/bench/size-account.mjs --module pictures` accounts it). The row "JSONata: pictures and dates" above is ' +
      'what stays in the engine: the built-ins\' argument handling and the calls across to that module.');
  }
  return [...out, '', ...renderSizePlan()];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (k) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
  try {
    const module = opt('--module') ?? 'core';
    if (!['core', 'jsonata', 'pictures'].includes(module)) throw new Error(`--module is core, jsonata or pictures, not ${module}`);
    if (module !== 'core' && argv.includes('--record')) throw new Error('--record keeps the full module\'s account only');
    const result = measureSizeAccount({ build: path.resolve(opt('--build') ?? path.join(root, 'build/wasm')), wasm: opt('--wasm'), map: opt('--map'), module });
    if (argv.includes('--record')) fs.writeFileSync(SIZE_RESULTS, JSON.stringify(result, null, 2) + '\n');
    for (const r of result.rows) {
      console.log(`${kib(r.gzipAlone).padStart(7)} KiB gzip alone  ${kib(r.raw).padStart(7)} KiB raw  ${r.room}`);
      // --largest: the room's three largest functions (or data), to see what a room holds.
      if (argv.includes('--largest')) for (const f of r.largest) console.log(`${' '.repeat(36)}${kib(f.raw).padStart(6)}  ${f.name}`);
    }
    if (result.shipped) console.log(`the shipped .wasm: ${kib(result.shipped.raw)} KiB raw, ${kib(result.shipped.gzip)} KiB gzip -9`);
  } catch (e) {
    console.error(`size account: ${e.message}`);
    process.exitCode = 1;
  }
}
