// The "Cold start" section of docs/benchmarks.md, from tests/bench/cold-start.mjs's figures:
// written by `npm run bench` with the rest of the doc, or alone by `node cold-start.mjs --doc`.
import { replaceSection } from './doc-section.mjs';

const ms = (v) => (typeof v === 'number' ? `${v.toFixed(1)} ms` : '—');

/** The section's lines. */
export function coldStartSection(cs) {
  const n = cs.node;
  const c = cs.chromium;
  const out = ['## Cold start', '',
    `How long until the engine is ready and until its first answer (\`${cs.expression}\` over a small object), from a new ` +
      'Node process and from a new Chromium page, ours beside jsonata-js in the same run (`tests/bench/cold-start.mjs`; ' +
      `medians of ${n.ticketbridge.runs} runs each, ours and the peer alternating). ` +
      'Node: the process\'s own clock, so Node\'s start-up (the first row) is in every figure; ours is `import` of the entry ' +
      'Node resolves the package\'s name to (the bundled `dist/node-index.mjs`, `dist/node-jsonata.mjs`) + ' +
      '`await init()`, then `jsonata(expr).evaluate(input)`; jsonata-js is `import` then `await jsonata(expr).evaluate(input)`. ' +
      'Chromium: a new browser context per run (empty caches), clock from the start of navigation; ours is the browser entry ' +
      'bundled and minified by esbuild with its `.wasm` served as application/wasm (streaming compilation), jsonata-js is ' +
      'its `jsonata.min.js`. Everything is served from 127.0.0.1, so no network time is counted: on a real network the ' +
      '.wasm download (gzip size in Machine, above) comes on top.', '',
    '| host | engine | module ready | first answer |', '|---|---|---:|---:|',
    `| Node | (Node alone: process start to the first line of the script) | ${ms(n.node.ready)} | — |`,
    `| Node | ticketbridge | ${ms(n.ticketbridge.ready)} | ${ms(n.ticketbridge.first)} |`,
    `| Node | ticketbridge, \`init({ warmUp: false })\` | ${ms(n['ticketbridge, warmUp: false']?.ready)} | ${ms(n['ticketbridge, warmUp: false']?.first)} |`,
    ...(n['ticketbridge, modules'] ? [`| Node | ticketbridge, its ES modules unbundled (\`dist/index.mjs\` and the nineteen modules it imports) | ${ms(n['ticketbridge, modules'].ready)} | ${ms(n['ticketbridge, modules'].first)} |`] : []),
    `| Node | ticketbridge/jsonata (the drop-in: \`import\`, then \`await jsonata(expr).evaluate(input)\`, which waits for the JSONata-only engine, ticketbridge-jsonata.wasm, whose loading began at the import) | ${ms(n['ticketbridge/jsonata']?.ready)} | ${ms(n['ticketbridge/jsonata']?.first)} |`,
    `| Node | jsonata-js | ${ms(n['jsonata-js'].ready)} | ${ms(n['jsonata-js'].first)} |`];
  if (c.skipped) {
    out.push('', `Chromium was not measured: ${c.skipped}.`);
  } else {
    const row = (label, page) => (c[page] ? [`| Chromium ${c.version} | ${label} | ${ms(c[page].ready)} | ${ms(c[page].first)} |`] : []);
    out.push(...row('ticketbridge, the recommended page (docs/hosting.md: `<link rel="preload">` of ticketbridge-core.wasm, then ' +
        '`<script type="module" src>` naming the page\'s code bundled with the package)', 'ticketbridge-widget'),
      ...row('ticketbridge/jsonata alone, the recommended page (the same, preloading ticketbridge-jsonata.wasm; the drop-in ' +
        'loads it at its first evaluate; "ready" is the import)', 'ticketbridge-jsonata-widget'),
      ...row('jsonata-js, its page built the same way (`<script type="module" src>` naming jsonata and the page\'s code bundled)', 'jsonata-js-widget'),
      ...row('ticketbridge, inline page (an inline `<script type="module">` importing the bundle; init() fetches the .wasm)', 'ticketbridge'),
      ...row('ticketbridge, inline page, `init({ warmUp: false })`', 'ticketbridge-lazy'),
      ...row('ticketbridge, inline page preloading the .wasm (`<link rel="preload" as="fetch">`)', 'ticketbridge-preload'),
      ...row('ticketbridge/jsonata alone, inline page (the drop-in bundled, fetching ticketbridge-jsonata.wasm at its first ' +
        'evaluate; "ready" is the import)', 'ticketbridge-jsonata'),
      ...row('jsonata-js (`<script src="jsonata.min.js">`, then the page\'s code inline)', 'jsonata-js'));
    if (c.returning) {
      out.push(`| Chromium ${c.version}, returning visitor | ticketbridge, inline page (third visit: HTTP cache and V8's code caches kept) | ${ms(c.returning.ticketbridge.ready)} | ${ms(c.returning.ticketbridge.first)} |`,
        `| Chromium ${c.version}, returning visitor | jsonata-js (third visit, as above) | ${ms(c.returning['jsonata-js'].ready)} | ${ms(c.returning['jsonata-js'].first)} |`,
        '', `The returning-visitor rows (medians of ${c.returning.ticketbridge.runs}) are the third visit of the page, each visit ` +
          'in a browser started anew on one profile kept on disk and given a second to finish starting, the scripts and the ' +
          '.wasm served cacheable for a year, each ' +
          'earlier visit staying 2.5 s on the page (V8 writes a WebAssembly module\'s code to the cache only once nothing new ' +
          'has been compiled for 2 s). A new browser each time, because within one renderer process V8 reuses the module it ' +
          'compiled for the same bytes, lazily compiled code included, whatever the caches hold: in one tab, a third visit\'s ' +
          'warm-up took about 1 ms. Across browser starts it took 31–37 ms on the third visit as on the first (trial visits, ' +
          '2026-12-06): what a returning visitor gains is the downloads from the HTTP cache, and jsonata-js\'s script its ' +
          'compiled code from V8\'s code cache (Chromium caches a script\'s code at its second load); the engine\'s lazily ' +
          'compiled baseline code did not come back from the WebAssembly code cache, which V8 writes for optimised code ' +
          '(`--wasm-caching-threshold`), and a cold start runs nothing long enough to be optimised.');
    }
    if (c['ticketbridge-widget']) {
      out.push('', 'The recommended pages are built as [hosting.md](hosting.md#the-recommended-page) tells a site to build ' +
        'its widget, and as the goals are judged: the page\'s `<head>` preloads the engine\'s .wasm (`as="fetch"` with ' +
        '`crossorigin`, so the loader\'s `fetch()` takes the preloaded response: every visit is checked to ask for each file ' +
        'once) and names the page\'s code, bundled by esbuild with the package into one minified module, in a ' +
        '`<script type="module" src>`; the browser\'s preload scanner finds both in the HTML as it arrives, so the two ' +
        'download together. The inline pages keep the page\'s code in an inline `<script type="module">` that imports the ' +
        'bundled entry, which the browser finds only when the parser reaches it, and fetch the .wasm when init() runs (or ' +
        'preload it). Each recommended page runs the same code as its inline twin; jsonata-js\'s is built the same way too.');
    }
    if (c['ticketbridge-escalate']) out.push('', ...escalationPages(c));
  }
  const lazyCost = (x) => x.first - x.ready;
  const warm = n.ticketbridge;
  const lazy = n['ticketbridge, warmUp: false'];
  if (lazy) {
    out.push('', 'The engine\'s code is compiled lazily (a function at its first call). `init()` runs one small ' +
      'evaluation by default (`warmUp`), so that cost is paid before anyone waits: the first answer after `init()` took ' +
      `${ms(lazyCost(warm))} in Node${c.skipped ? '' : ` and ${ms(lazyCost(c.ticketbridge))} in Chromium`} with it, ` +
      `${ms(lazyCost(lazy))}${c.skipped ? '' : ` and ${ms(lazyCost(c['ticketbridge-lazy']))}`} without. ` +
      `From process start to the first answer it is ${ms(warm.first)} with the warm-up and ${ms(lazy.first)} without` +
      (c.skipped ? '' : `; from navigation, ${ms(c.ticketbridge.first)} and ${ms(c['ticketbridge-lazy'].first)}`) + ': the ' +
      'warm-up moves the compilation into init() (and compiles a little more than one expression needs), it does not ' +
      'remove it. A page or a long-lived process that calls init() early answers faster with it; a serverless handler ' +
      'that evaluates right after a cold init() may pass `{ warmUp: false }`.');
  }
  const idle = n['ticketbridge/jsonata, idle'];
  if (idle) {
    out.push('', 'On Node, importing the package starts reading and compiling the engine in the background (docs/hosting.md, ' +
      '"Cold start"), which the rows above, evaluating at once, can barely use. A host that imports it and is asked later ' +
      '(a server\'s first request) can: asked 200 ms after the import, the first `evaluate` of `ticketbridge/jsonata` ' +
      `took ${ms(idle.answer)} (instantiating the engine and compiling its code lazily), jsonata-js's ` +
      `${ms(n['jsonata-js, idle']?.answer)} (medians of the same runs).`);
  }
  if (n.phases) out.push('', ...phasesSection(n.phases, n));
  if (!c.skipped && c.phases) out.push('', ...chromiumPhasesSection(c.phases));
  out.push('', `Load average during the run: ${cs.loadAverage?.map((x) => x.toFixed(1)).join(' → ') ?? 'not recorded'} ` +
    '(two cores shared with other build and test jobs): Node\'s own start-up time in the first row shows how much of ' +
    'each figure that load accounts for; on an idle machine every figure is several times smaller.');
  if (cs.notes) out.push('', ...cs.notes);
  return out;
}

// Navigation to the first rendered escalation request (cold-start.mjs, writeEscalationPages).
function escalationPages(c) {
  const row = (label, page) => (c[page] ? [`| ${label} | ${ms(c[page].ready)} | ${ms(c[page].first)} |`] : []);
  return ['Navigation to the first rendered escalation request: the example ServiceNow configuration and conversation ' +
      '(examples/servicenow), the clock stopped when the page\'s `fetch` is handed the create request. Ours is the ' +
      'browser entry\'s `escalate()` after `init()` (it first looks for a ticket an earlier attempt made, which the page\'s ' +
      'fetch answers with none). The peer is what a widget would otherwise be built from: jsonata-js for the output ' +
      'expression and mustache 4 with values JSON-escaped by hand for the parameter mapping and the payload, the ' +
      'transcript, diagnostics and idempotency key written by hand; it does less than ours (no redaction, no ' +
      'categorization, no check of the configuration), so the comparison favours it. Both must send the same fields, ' +
      'caller and key, and read the same ticket number from the answer.', '',
    '| page | scripts and engine ready | create request rendered |', '|---|---:|---:|',
    ...row('ticketbridge (`init()`, then `escalate()`), the recommended page (ticketbridge-core.wasm preloaded, the page\'s code bundled with the package in a `<script type="module" src>`)', 'ticketbridge-escalate-widget'),
    ...row('jsonata-js + mustache, built the same way (the page\'s code bundled with both in a `<script type="module" src>`)', 'jsonata-js-escalate-widget'),
    ...row('ticketbridge, inline page (an inline `<script type="module">` importing the bundle; init() fetches the .wasm)', 'ticketbridge-escalate'),
    ...row('jsonata-js + mustache (`<script src>` for each, the page\'s code inline)', 'jsonata-js-escalate')];
}

// Where ours goes in Chromium, step by step (cold-start-chromium.mjs, the phases pages).
function chromiumPhasesSection(ph) {
  const pages = [['phases-widget', 'ticketbridge, recommended page'], ['phases-jsonata-widget', 'ticketbridge/jsonata, recommended page'],
    ['phases', 'ticketbridge, inline page'], ['phases-lazy', '`warmUp: false`, inline page'], ['phases-jsonata-js', 'jsonata-js']].filter(([k]) => ph[k]);
  const cell = (v) => (typeof v === 'number' ? v.toFixed(1) : '—');
  const main = ph.phases;
  return ['### Where the Chromium cold start goes', '',
    'The recommended pages (the drop-in\'s: its first evaluate loads the engine, so its "ready" is the import), the inline ' +
      `\`ticketbridge\` and \`warmUp: false\` rows' pages, and jsonata-js's, again, each step timed by the page's own clocks ` +
      '(Navigation and Resource Timing, a mark at the bundle\'s first and last line, and marks around the engine\'s ' +
      '`WebAssembly.compileStreaming` and `instantiate` calls; cold-start-chromium.mjs, the phases pages), in new contexts ' +
      `alternating with the rows above (medians of ${main.runs}; each step is the median of its own duration, so the steps ` +
      'need not add up to the last two rows).', '',
    `| step | ${pages.map(([, t]) => `${t}, ms`).join(' | ')} |`, `|---|${pages.map(() => '---:|').join('')}`,
    ...main.steps.map((step, i) => `| ${step.name} | ${pages.map(([k]) => cell(ph[k].steps[i].ms)).join(' | ')} |`),
    `| module ready, from navigation start | ${pages.map(([k]) => cell(ph[k].ready)).join(' | ')} |`,
    `| first answer, from navigation start | ${pages.map(([k]) => cell(ph[k].first)).join(' | ')} |`,
    `| \`compileStreaming\` called, ms after the .wasm's last byte (negative: while it arrived) | ${pages.map(([k]) => cell(ph[k].compileCalledAfterLastByte)).join(' | ')} |`, '',
    'What the steps hold, from Chromium traces of these pages (`browser.startTracing` with the v8, v8.wasm, v8.compile and ' +
      'devtools.timeline categories, 2026-12-06; tracing slows every step, so its times are proportions, not figures). The ' +
      'first two steps are the browser\'s and the same work for every page: the renderer commits the navigation and creates ' +
      'the page\'s JavaScript contexts (the page\'s and Playwright\'s own) before the HTML parser runs. jsonata-js\'s page asks ' +
      'for its script sooner because the preload scanner finds a classic `<script src>` in the HTML as it arrives (the ' +
      'trace shows the request queued by the scanner before the page\'s contexts exist); a module ' +
      'imported by an inline module script is found only when the parser reaches that script. The bundle is parsed on a ' +
      'background thread while it downloads (script streaming), and its top level, every module\'s own code, takes a ' +
      'millisecond or two. The .wasm is a second round trip that begins only when the bundle has run and called `init()`, ' +
      'unless the page preloads it. Streaming compilation decodes and validates function bodies on background threads as ' +
      'the bytes arrive, but compiles none (V8 compiles a function at its first call); finishing that after the last byte ' +
      'and settling the promise is, with the warm-up, the largest of the engine\'s own steps. The warm-up, or without it the first evaluate, ' +
      'is that lazy compilation, on the main thread, by V8\'s baseline compiler: in a trace 183 functions, of which ' +
      '`Eval::eval` (26 KB of code), `read_json` (24 KB) and `Parser::expression` (20 KB) took about half the compiling time. The ' +
      'escalation page\'s first `escalate()` compiles some 520 functions more (`tb_config_load`, 17 KB, and ' +
      '`tb_escalation_start`, 9 KB, the largest), most of its time from "ready" to the create request. A returning visitor ' +
      'in a new browser process compiles them again (the returning-visitor rows above). On the recommended pages the ' +
      '.wasm is asked for by the preload, before the bundle has run (a negative step), and has arrived before ' +
      '`compileStreaming` is called: the step after its last byte is then mostly the wait for the bundle, and the ' +
      'script\'s download takes longer, sharing the connection and the two cores with the .wasm\'s.', '',
    'Until 2026-12-06 the benchmark waited for each page with Playwright\'s `waitForFunction`, which injects Playwright\'s ' +
      'script into the page once its load event has fired: some 40 ms of parsing on the main thread in a trace, in the middle ' +
      'of `init()` for our pages (which fetch the .wasm after the load event) and after the answer for jsonata-js\'s. The ' +
      'pages now log a message the harness waits for, which runs nothing in the page; in 25 alternating runs ours answered ' +
      '45 ms sooner by the median (308 against 353 ms, load average 6 to 8) and jsonata-js\'s within the noise (150 against 161).', '',
    'Levers measured on 2026-12-06 with `tests/bench/cold-start-ab.mjs` (31 alternating runs; the difference from the ' +
      'current build in the same run, median and interquartile range; load average 2 to 10, on which two copies of one ' +
      'package differed by up to ±100 ms a run): the page preloading the .wasm, first answer −55 ms [−169, +15]; the ' +
      'page also naming the bundle in a `<link rel="modulepreload">`, +44 ms [−48, +124] against the .wasm preload ' +
      'alone, no gain; the evaluator\'s core and the JSON reader (eval_core.cpp, json_reader.cpp) at -Os instead of ' +
      '-O2, which shrinks `Eval::eval` from 26 to 19 KB and `read_json` from 24 to 11 KB: the warm-up 38.5 → 29.8 ms, ' +
      'the first answer −23 ms [−62, +38], the escalation −6 ms [−33, +29], the .wasm 6.2 KiB gzip smaller, but the ' +
      'warm rows 10–26 % slower (`wasm-ab.mjs`, 21 pairs: ticket ×1.26, numeric keys ×1.19, suite ×1.13), so not ' +
      'taken; binaryen at -Os instead of -O3 at link leaves the three largest functions as they are (518 bytes less in ' +
      'all). V8 flags no page can set, to size the suspects: eager compilation (`--no-wasm-lazy-compilation`) made the ' +
      'first answer 112 ms slower [+1, +201] (compiling after the last byte took 147 ms instead of 36): lazy compilation ' +
      'is the right default for this module; without tier-up (`--no-wasm-tier-up`) −39 ms [−109, +51], within the noise.', '',
    'The recommended pages against the inline ones, measured on 2026-12-06 with `cold-start-ab.mjs` given one package, ' +
      'page against page in the same runs (the pages\' order alternating run by run; median difference of the first ' +
      'answer and its interquartile range; two runs, of 31 at load average 5.6–5.8 and of 41 at 0.7–5.2): the drop-in\'s ' +
      '−20.1 ms [−68.8, +3.2] and −21.7 [−64.3, +21.8]; the main entry\'s against the inline page that preloads the .wasm ' +
      '−14.0 [−56.4, +13.9] and +3.4 [−25.4, +44.3]; the escalation +6.8 [−66.6, +61.1] and −15.1 [−65.8, +24.1]; ' +
      'jsonata-js\'s page built the same way against its `<script src>` page +12.3 [−19.3, +37.4], its escalation ' +
      '−7.3 [−27.3, +26.5] (the run of 31); a third run, of 51 at 1.9–5.6: the drop-in\'s −20.8 [−54.6, +16.2], the ' +
      'escalation +11.9 [−35.9, +36.6], jsonata-js\'s +3.0 [−29.5, +37.4] and +8.6 [−30.8, +39.0]. Every visit asked for the .wasm once: the preloaded response is the one the ' +
      'loader uses. Not taken: the page starting the compilation itself from an inline classic script in its `<head>` ' +
      '(`WebAssembly.compileStreaming(fetch(…))`, handed to `init({ wasm })`, so that compiling overlaps the bundle\'s ' +
      'download instead of following it), against the recommended page: −14.0 [−49.0, +25.9] and −24.9 [−63.5, +22.1] for ' +
      'the first answer, −16.4 [−107.6, +20.6] and −7.8 [−30.7, +30.0] for the escalation, within the noise and a script ' +
      'a strict Content-Security-Policy refuses; the preload at low priority (`fetchpriority="low"`, so that the script ' +
      'downloads first), +12.7 [−29.7, +27.2] (31 runs).'];
}

/** Replaces (or adds, before the instruction counts) the section in an existing doc. */
export function updateColdStartSection(docFile, cs) {
  replaceSection(docFile, '## Cold start', coldStartSection(cs).join('\n') + '\n', { insertBefore: '## Native instruction counts' });
}

// Where ours goes in Node, step by step (cold-start.mjs's phases script), and what was learnt
// from profiles (--cpu-prof, --trace-wasm-compilation-times) that the figures alone do not say.
function phasesSection(p, n) {
  const total = p.steps.reduce((a, step) => a + step.ms, 0);
  // The drop-in alone on the JSONata-only module, the same steps (cold-start.mjs, phases-dropin).
  const d = n.phasesDropin;
  const col = (v) => (d ? ` ${typeof v === 'number' ? v.toFixed(1) : '—'} |` : '');
  const lines = ['### Where the Node cold start goes', '',
    `The same work as the \`ticketbridge\` row (with \`init({ warmUp: false })\`), in a new process per run, each step timed ` +
      `(medians of ${n.ticketbridge.runs}; the steps' medians need not add up to a row above)` +
      (d ? '; beside it the `ticketbridge/jsonata` row\'s work, on the JSONata-only module (ticketbridge-jsonata.wasm):' : ':'), '',
    `| step | ms |${d ? ' drop-in alone, ms |' : ''}`, `|---|---:|${d ? '---:|' : ''}`,
    `| Node's own start, before the script's first line | ${p.node.toFixed(1)} |${col(d?.node)}`,
    ...p.steps.map((step, i) => `| ${step.name} | ${step.ms.toFixed(1)} |${col(d?.steps[i]?.ms)}`),
    `| total after Node's start | ${total.toFixed(1)} |${col(d?.steps.reduce((a, step) => a + step.ms, 0))}`,
    ...(p.background ?? []).map((step, i) => `| meanwhile, off the main thread: ${step.name} | ${step.ms.toFixed(1)} |${col(d?.background?.[i]?.ms)}`), '',
    'What the steps hold, from V8 CPU profiles and `--trace-wasm-compilation-times` of this build: V8 validates the ' +
      'whole module in `WebAssembly.compile` and compiles each function with its baseline compiler (Liftoff) at its first ' +
      'call, on the thread that calls it; by the first answer some 250 functions have been compiled, and three of them ' +
      '(`Eval::eval`, `read_json`, `Parser::expression`, 20–26 KB of code each) account for about half of that step. ' +
      'Every first answer needs those three, so no warm-up expression is much cheaper than another: variants measured ' +
      'side by side (a bare `$sum`, a path, the default) differed by less than the noise. Reading and compiling the ' +
      '.wasm start when the host module has been imported (core.mjs) and run beside the main thread\'s other steps, ' +
      'the last two rows; the glue is imported by that load, so Node parses it while V8 compiles (in this step-by-step ' +
      'script that parsing lands in whichever step is running then, mostly the JSONata façade\'s import). The instantiate step is ' +
      'the module\'s instantiation and the first call of `limits()`; neither module links Embind, whose registration of the ' +
      'product classes was about half of this step until 2026-12-06. Of the module loading, the escalation, store and HTTP modules cost about as much as the engine\'s glue; ' +
      '`ticketbridge/jsonata` (the drop-in row) loads only the JSONata ones and skips the warm-up, because its first ' +
      '`evaluate` follows the load at once.'];
  return lines;
}
