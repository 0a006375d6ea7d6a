// The measured size cuts of the .wasm and the plan toward issue #17's goal (everything a widget
// page downloads to escalate, JS + .wasm, at most 150 KB gzip -9). Rendered under the size
// account in docs/benchmarks.md. These figures were measured by hand on 2026-12-05 (engine
// a724c5a; sizes gzip -9 of ticketbridge-core.wasm; speed: tests/bench/jsonata.mjs and
// categories.mjs over every fourth suite case, builds timed in alternation, three rounds each,
// best round per figure); `node tests/bench/variants.mjs --only default,default-cold-Oz,
// default-emmalloc,browser-Oz` rebuilds and times the same variants. The second round (issue #11's
// size check, engine bcc3b13) was timed with tests/bench/wasm-ab.mjs (interleaved, one process).

export function renderSizePlan() {
  return [
    '### Size cuts measured, and the way to 150 KB', '',
    'Measured by hand on 2026-12-05 (sizes gzip -9 of the `.wasm`; speed: the WASM columns over every fourth suite case, ' +
      'builds timed in alternation, three rounds each, best round per figure; between rounds of one build the figures ' +
      'moved by 10–40 %, so differences under about 10 % are noise). The variants are in tests/bench/variants.mjs ' +
      '(`default`, `default-cold-Oz`, `default-emmalloc`, `browser-Oz`).', '',
    '| change | .wasm gzip KiB | against | speed | taken |', '|---|---:|---|---|---|',
    '| default before these cuts | 297.9 | — | — | — |',
    '| **default after them (log2 cut, no RTTI)** | **292.9** | **−5.0** | | |',
    '| transcript redaction: entropy through `std::log` (linked anyway) instead of `std::log2` (musl\'s 2.1 KiB `__log2_data` and its code) | 295.2 | −2.7 | not on a timed path | yes |',
    '| cold files (all but `TB_WASM_HOT_MODULES`) at `-Oz -flto` instead of `-Os -flto` | 292.1 | −3.1 | the rich extraction 20 % slower (best 49.4 → 59.4 µs, every `-Oz` round slower than every `-Os` round); the other five figures within noise (0.97× over the six) | no: that expression\'s `$uppercase`, `$lookup`, `$string` and UTF-16 offsets live in cold files (unicode_case.cpp, builtins_object.cpp, numbers.cpp, utf.cpp); `-Oz` for the other cold files is the next thing to measure |',
    '| no RTTI (`-fno-rtti`, Embind without type names) | 292.9 | −2.3 on 295.2 | not on a timed path (same code, fewer type_info names) | yes (`TB_WASM_RTTI`, off) |',
    '| emmalloc instead of dlmalloc (`-sMALLOC=emmalloc`) | 295.6 (on 297.9) | −2.3 | six figures: 1.04× (noise); the 1,000-row CSV import 9 % slower (best 789 → 860 µs, every emmalloc round slower than every dlmalloc round) | no (browser build: yes) |',
    '| browser build: `-Oz -flto` everywhere, no hot files, binaryen `-Oz` (measured with RTTI) | 257.0 | −38.2 on 295.2 | about half the speed (the `-Os` rows of the tables above) | not shipped: a variant |', '',
    'Second round, for issue #11\'s check that the `.wasm` is not larger than before the refactor (289.8 KiB = 296,755 ' +
      'bytes; goal 296,000 to leave room for other work), measured on 2026-12-05 from 302,090 bytes (295.0 KiB). Sizes ' +
      'are gzip -9 in bytes; speed with `node tests/bench/wasm-ab.mjs` (both packages in one process, 61 pairs of ~30 ms ' +
      'batches back to back, order alternating; the figure is the median of the per-pair ratio, with its interquartile ' +
      'range). A copy of the base package run as a third build gave ×0.99–1.03 on every row but the suite cases (×1.04–1.06), ' +
      'so that is the noise: rows ' +
      'ticket, rich, numeric keys, `$formatNumber`, `$match`, compile set, every eighth suite case, categories import, ' +
      'templates render.', '',
    '| change | .wasm gzip bytes | against 302,090 | speed (ratio to the base; copy of the base for noise) | taken |', '|---|---:|---:|---|---|',
    '| binaryen `--converge -O3` again after the link (`TB_WASM_POST_OPT`): emcc runs its `-O3` before `wasm-metadce` removes ' +
      'what the JS glue does not use, so a second pass finds more | 300,988 | −1,102 | the clean build of the branch: ticket ' +
      '×0.99, rich ×1.01, numeric keys ×1.02, `$formatNumber` ×1.00, `$match` ×0.98, compile ×1.02, suite cases ×1.05 ' +
      '[0.96–1.18], categories ×1.01, templates ×0.99, with the base\'s copy at ×0.99–1.02 and suite ×1.06 [0.99–1.12]; ' +
      'an earlier run had the suite at ×1.08 [1.02–1.12] with the copy at ×1.04 | yes |',
    '| the same with `-Oz` instead of `-O3` | 300,418 | −1,672 | `$formatNumber` ×1.16 [1.08–1.25]: binaryen\'s -Oz merges ' +
      'similar functions into shared bodies with an extra argument | no |',
    '| `--ignore-implicit-traps -O3` after the link | 300,287 | −1,803 | not timed | no: the optimiser may then move a load ' +
      'past the test that guards it, which can trap where the program did not (Emscripten documents it as unsafe in general) |',
    '| emmalloc (`TB_WASM_MALLOC=emmalloc`), with the pass above | 298,663 | −3,427 | categories import ×1.05 [0.97–1.11] in ' +
      'the 61-pair run, ×1.13 [1.02–1.23] in an 11-pair run (9 % in the first round); the other rows within noise | no: the ' +
      'option exists for a size-first build |',
    '| a third tier: product files no row runs (config, conversation, credentials, errors, escalation, test call, redaction, ' +
      'classification, the AST writer) at `-Oz -flto` (`TB_WASM_COLD_MODULES`) | 302,237 | +147 | — | no: with LTO and ' +
      'binaryen\'s -O3 deciding the code, -Oz saves nothing there; the option stays, empty |',
    '| the same plus the date and integer pictures, `builtins_datetime`, `builtins_encoding`, regex and engine errors | ' +
      '302,173 | +83 | — | no |',
    '| #18\'s `$formatNumber` cache: the lookup moved out of the hot `builtins_numeric.cpp` into the picture code (-Os) | ' +
      '302,007 | −83 | — | no (not worth a shared C++ change): binaryen inlines a function with one caller wherever it ' +
      'is compiled, and the 14 KiB `fn_format_number` is the picture analysis and formatting inlined into the built-in, ' +
      'not the cache |', '',
    'Third round, which reached the goal: musl\'s number text. `strtod` (with `__floatscan`) and `snprintf` ' +
      '(`printf_core`, `fmt_fp`) run on 128-bit `long double`, which WebAssembly does in software (`__multf3`, `__divtf3`, ' +
      '`__addtf3`, `fmodl`, …): 21 KB raw, 10.7 KiB of the gzip size. The engine and the core now do their number text ' +
      'exactly in integer arithmetic with `core/text/decimal.hpp` (every digit of a double, correctly rounded reading of ' +
      'decimal text, printf\'s `%.*f` and JavaScript\'s `toFixed`; 64- and 128-bit fast paths, a small big integer for the ' +
      'rest; tests/unit/test_text_decimal.cpp checks it against glibc on random doubles of every exponent, random decimal ' +
      'text and the exact midpoints between neighbouring doubles). nlohmann/json still calls both, so the WASM link wraps ' +
      'them (`--wrap`, wasm/src/libc_number_text.cpp): its lexer\'s `strtod` reads through the same exact reader, and its ' +
      '`snprintf`, which only formats integers, goes to musl\'s integer-only printf (`vsniprintf`), which has no ' +
      'floating-point formatter; a floating-point format is refused (−1) rather than reaching it. Result: 301,299 → ' +
      '295,047 bytes (294.2 → 288.1 KiB, the new code included), 1,708 bytes under the issue\'s 296,755. Speed, ' +
      '`wasm-ab.mjs` with 61 pairs, the new package against the base and a copy of the base for noise: ticket ×1.00, ' +
      'rich ×1.01, numeric keys ×0.99, `$formatNumber` ×1.00, `$match` ×1.00, compile ×1.01, suite cases ×1.03 ' +
      '[0.88–1.49] (the copy ×1.04 [0.88–1.20]), categories ×1.00, templates ×1.00: no change. Native instruction ' +
      'counts (callgrind over the bench plan; glibc\'s own `strtod`/`printf` before): the suite\'s evaluate-only 278.2 → ' +
      '272.0 million (−2.2 %), `$formatNumber` −0.6 %, every other row within ±0.3 %.', '',
    'The data section, now split, holds few big tables: the JSONata Unicode case tables (7 KiB gzip), musl\'s tables for ' +
      '`log`, `exp` and `pow` (4 KiB since the `log2` cut), strings (error messages) spread over the rooms. The largest ' +
      'functions are large because binaryen\'s `-O3` inlines every function with one caller and LTO at `-O2` (the hot files) ' +
      'inlines freely: `Eval::eval` (26 KiB raw) carries the evaluator\'s node handlers, `read_json` (24 KiB) the whole JSON ' +
      'reader with its SIMD scanners, `Parser::expression` (19 KiB) the Pratt parser\'s nud/led functions, ' +
      '`ConfigBinding::load` (16 KiB) the whole configuration reader (the earlier account showed 15 KiB under ' +
      '`operator_new<ConfigBinding>`, the binding\'s constructor, with Embind: the reader inlined into whichever one function ' +
      'called it), `import_categories_csv` (15 KiB) the CSV reader and checks. ' +
      'That code would exist once anyway; what inlining adds is copies where a helper has several callers.', '',
    'What is left between the browser build (257 KiB; about 255 without RTTI) and the goal (150 KB = 146.5 KiB for the page; the façade JS a ' +
      'widget bundles is about 18 KB, so the `.wasm` must come to about 128 KiB), each figure from the size account of the ' +
      'browser build (gzip of the room alone, KiB):', '',
    '1. **emmalloc** in the browser build: −2.',
    '2. **Rooms a chat widget never runs**: the CSV import and its report (`import_categories_csv`, `import_report_json_text`, ' +
      'the `Importer`: 10), the Test panel\'s flow (`TestCall`: 3), the drop-in\'s `ast()` (the AST writer: 1.5). A widget ' +
      'build drops them by not registering their bindings (a `TB_WASM_WIDGET` option in wasm/CMakeLists.txt that compiles ' +
      'bindings.cpp without them; LTO removes the rest): −14.',
    '3. **What the browser already has**: JSONata\'s pictures and dates (`$formatNumber`, `$formatInteger`, `$fromMillis`, ' +
      '`$toMillis`, `$parseInteger`: 27 with their words and tables), the regex engine (7) and the Unicode case tables (6). ' +
      'JSONata\'s regex semantics are JavaScript\'s, and `toUpperCase`/`toLowerCase` are the reference the tables were ' +
      'generated from, so a browser build can call the host for both (through the host-call mechanism of wasm/src/host_calls.cpp) ' +
      'and keep the self-contained build for Node and native, with the conformance suite and the shared fixtures run on both. ' +
      'Pictures and dates are JSONata\'s own, not the host\'s: they belong in a second module loaded when a compiled ' +
      'expression names one of those functions (the compiler knows; binaryen\'s `wasm-split` is installed, Emscripten 3.1.6 has ' +
      '`-sSPLIT_MODULE`). −40 from the first download.',
    '4. **Number text**: done in every build, not only the browser\'s (the third round above): musl\'s long-double ' +
      '`strtod` and printf are out of the module, −6.1 KiB.',
    '5. **One JSON library**: the product core reads and writes JSON with nlohmann/json (12 with its strings) while the ' +
      'JSONata engine has its own reader and writer (6): moving the config, conversation and reply code to the engine\'s ' +
      '`Value` removes nlohmann/json: about −12, and the std::map/vector instantiations it brings.',
    '6. **Embind out**: the hot path already calls plain exports; the remaining classes (Config, Escalation, Categories, ' +
      'TestCall) can be plain exports too, which removes Embind\'s C++ (2) and most of the 13 KiB of generated JS glue.',
    '', 'Items 1–6 bring the `.wasm` to about 170–180 KiB: still 40–50 KiB over. The rest must come from the product core ' +
      'itself (config reading and validation 39 with its strings, the boundary\'s replies 20, redaction 14, classification): ' +
      'either a widget that loads a configuration already validated and compiled by the admin tool (no validation code or ' +
      'messages in the widget), or a second lazily loaded module for escalation, so the first download is the JSONata engine ' +
      'alone and the escalation code arrives while the employee types. The next session should build the browser variant ' +
      'with items 1 and 2 (cheap, no behaviour change), then measure item 3 with `wasm-split` before choosing between them.',
    '', 'Done since (2026-12-06): the JSONata engine alone is a second module, `ticketbridge-jsonata.wasm`, which ' +
      '`ticketbridge/jsonata` loads when the main entry is not in the program (docs/hosting.md, "Which file for which ' +
      'entry"): linked from the same objects, without nlohmann/json (its error replies and host-function list written and ' +
      'read with the engine\'s own JSON code), with emmalloc, and without musl\'s printf (Embind\'s one `sprintf("%p")` ' +
      'answered by a stand-in): 175.5 KiB gzip as first linked, 158.1 then, against the full ' +
      'module\'s 289.0. So a page that only evaluates JSONata downloads about 55 % of what one that escalates downloads. ' +
      'The full module grew by 1.2 KiB in the same work (the keys-only projection, and the error writer both modules now ' +
      'share beside nlohmann/json, which the product core still needs): item 5 removes that overlap.',
    '', 'Then (2026-12-06, second stop): item 3\'s case tables, in both modules: `$uppercase`/`$lowercase` ask the host\'s ' +
      '`toUpperCase`/`toLowerCase` (wasm/src/host_case.cpp; ASCII is still mapped in the module; the native build keeps the ' +
      'tables, and one fixture of every code point\'s mapping checks both), −5.1 KB gzip of the full module and −4.9 KB of the ' +
      'small one, measured with gzip -9 on the two builds. And item 6 for the JSONata engine: its compiled expressions and ' +
      'documents are plain exports (wasm/src/jsonata_bindings.cpp, wrapped by wasm/js/native-jsonata.mjs), so the small ' +
      'module links no Embind (nor the `sprintf("%p")` stand-in Embind needed): −1.2 KB of its `.wasm` and 12.4 → 4.9 KiB ' +
      'of its glue. And `$toMillis`\'s picture matcher remembers failed positions in a byte table instead of a hash set, ' +
      'which took libc++\'s hash table out of the small module (−1.3 KB; −0.6 KB in the full one, whose product code keeps ' +
      'it). A page that only evaluates JSONata now downloads 150.1 + 4.9 KiB (it was 158.1 + 12.4); the full module ' +
      'is 283.0 KiB + 13.5 KiB glue (289.0 + 12.9). The escalating page is still about twice the goal: items 2, 3 (pictures) ' +
      'and 5 and a lazily loaded escalation module remain. Item 3\'s regex half is withdrawn: the engine\'s own matcher ' +
      'bounds every match by a step budget and checks the time limit between matches (issue 18), and a host `RegExp` cannot be ' +
      'interrupted, so an admin\'s catastrophic pattern would hang the page.',
    '', 'Then (2026-12-06, afternoon): item 6 for the product core. Config, Categories, Escalation and TestCall are opaque ' +
      'handles with plain exports (wasm/src/*_exports.cpp, wrapped by wasm/js/native-core.mjs), texts cross in the heap ' +
      'and every reply is decoded once by TextDecoder, so neither module links Embind: the full module\'s `.wasm` ' +
      '283.0 → 281.6 KiB and its glue 13.5 → 5.8 KiB (wasm/dist/size.json of the two builds); a page that escalates ' +
      '(esbuild\'s minified bundle of the browser entry and the `.wasm`, gzip -9) 304.0 → 297.3 KiB. The templates row (`config.render`, whose 6 KB reply Embind copied byte by byte) ×0.76 of the build ' +
      'before in tests/bench/wasm-ab.mjs (41 pairs; a second copy of the old build ×1.01), the other rows within noise. ' +
      'Node\'s main entry, new process to first answer: 183.7 → 164.3 ms, the "instantiate, `limits()`" step 9.7 → 5.7 ' +
      '(`limits()` now written without nlohmann/json) and the first evaluation 18.7 → 11.7 (medians of 61 new processes ' +
      'each, old and new alternating; paired difference of the first answer −17.6 ms, interquartile −21.6 to −12.2, ' +
      'where two copies of the old build differ by +0.5).',
    '', 'Then (2026-12-06, evening; sizes gzip -9 of each build\'s wasm/dist): `Math.pow`, `Math.exp` and `Math.log` come ' +
      'from the host in every module (`tb::text::js_math`, wasm/src/host_math.cpp; native builds keep the C library\'s): ' +
      '`$power` is defined as `Math.pow`, so the engine now answers as jsonata-js does to the last bit (the differential ' +
      'suite\'s rule for C\'s `pow` against V8\'s matched nothing afterwards and is gone), and musl\'s three functions with ' +
      'their tables leave the full module (−10.1 KiB: the classifier and the redaction\'s entropy use `exp` and `log`) and ' +
      'the JSONata-only one (−5.3). `Config.renderPayload()` and the parameters read from their JSON text without a DOM ' +
      'added 3.3 KiB to the full module (the tree-based path stays for the escalation and C++ hosts). Then item 3\'s ' +
      'pictures: `$formatNumber`, `$formatInteger`, `$parseInteger`, `$fromMillis`, `$toMillis` and `$now` are a third ' +
      'module, ticketbridge-pictures.wasm (45.0 KiB, no glue, Math.pow from the host too), which the package loads only ' +
      'when an expression or configuration names one of them, or when the host asks (docs/hosting.md, "Pictures and ' +
      'dates"): the full module 275.1 → 247.7 KiB, the JSONata-only one 144.2 → 117.1. The price is warm speed where ' +
      'pictures are used: every picture call crosses between the two modules, and the `$formatNumber` row is about 1.45× ' +
      'slower, the suite, whose cases name pictures often, about 1.1× (tests/bench/wasm-ab.mjs, 41 pairs against the build before). The escalating page is still far ' +
      'over 150 KB; what remains is item 5 (nlohmann/json), the product core\'s own size, and a widget that takes a ' +
      'configuration the admin tool has already checked.',
    '', 'Then (2026-12-06, night): the pictures split\'s price on `$formatNumber` is taken back without moving the ' +
      'pictures home. The engines format the everyday pictures themselves (`#,##0.00`, `0.000`, `#,##0`: digits, regular ' +
      'grouping and a point, no options object; core/jsonata/src/simple_number_picture.cpp), straight from the digits of ' +
      'a value whose shortest form has at most 15 significant digits, and the picture is still analysed by the pictures ' +
      'module once per evaluation (so its errors, and `PICTURES_NOT_LOADED`, are unchanged). Full module 247.7 → 249.0 ' +
      'KiB, JSONata-only 117.1 → 118.2 (then 249.4 and 118.7 with text around the number, `$#,##0.00`, `#,##0 EUR`, ' +
      'after this run); the `$formatNumber` rows ×0.23–0.25 of the build before (tests/bench/wasm-ab.mjs, ' +
      '15 pairs on a shared machine; the other rows within noise), below where they were before the split (1,042 µs ' +
      'evaluate only then, 1,657 with the crossing, 330 now). What the escalating page would still carry after every ' +
      'trim named above (CSV import, Test panel, AST writer, nlohmann/json: about −27 KiB) is about 222 KiB of `.wasm`, ' +
      'where the goal leaves room for about 128: the rest is the evaluator, the built-ins, the product core, the ' +
      'boundary, classification and redaction, which an escalation runs. 150 KB is not reachable by trimming; it needs a ' +
      'decision on what the widget does itself (for example, expressions compiled by the admin tool, classification or ' +
      'redaction done elsewhere), or a different measure of the download (brotli, which browsers accept, instead of gzip -9).',
  ];
}
