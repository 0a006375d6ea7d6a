// The measured size cuts of the .wasm and the plan toward issue #17's goal (everything a widget
// page downloads to escalate, JS + .wasm, at most 150 KB gzip -9). Rendered under the size
// account in docs/benchmarks.md. These figures were measured by hand on 2026-12-05 (engine
// a724c5a; sizes gzip -9 of ticketbridge-core.wasm; speed: tests/bench/jsonata.mjs and
// categories.mjs over every fourth suite case, builds timed in alternation, three rounds each,
// best round per figure); `node tests/bench/variants.mjs --only default,default-cold-Oz,
// default-emmalloc,browser-Oz` rebuilds and times the same variants.

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
    '2. **Rooms a chat widget never runs**: the CSV import and its report (`import_categories_csv`, `import_report_to_json`, ' +
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
    '4. **Number text through the host** in the browser build: `strtod` and printf\'s `fmt_fp`/`printf_core` (12 KiB raw in ' +
      'libc) serve the number reader/writer in core/jsonata/src/numbers.cpp and the pictures (plus three small uses in the ' +
      'escalation code: `strtod` in response_outcome.cpp, `snprintf` in categorize.cpp and snapshot.cpp); JavaScript\'s ' +
      '`Number.prototype.toString`/`toFixed` and `Number()` are the semantics that code reproduces: about −5.',
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
  ];
}
