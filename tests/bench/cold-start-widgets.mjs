// The cold-start pages built as docs/hosting.md ("Serving the engine to a page") recommends, as
// a site building a widget would ship them: the page's own code in a file of its own, bundled by
// esbuild with the package it imports into one module that the page names in a
// `<script type="module" src>`, and our engine's .wasm preloaded in the page's <head>. The
// preload scanner sees both in the HTML as it arrives, so the script and the .wasm download
// together instead of one after the other (the inline-script pages of cold-start.mjs have the
// browser find the bundle only when the parser reaches the inline script, and the .wasm only when
// that script has run and called init()). The code is the inline pages' own, so each widget page
// does exactly what its inline twin does; jsonata-js's pages get the same build (jsonata, and
// mustache for the escalation, imported from npm and bundled with the page's code), since a site
// that builds its widget with a bundler would build that one the same way.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { COLLECT, PROBE, finish } from './cold-start-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The preload docs/hosting.md shows: `crossorigin` gives the preload the mode and credentials of
// the loader's fetch() (cors, same-origin), without which the browser downloads the file twice.
const preload = (wasm) => `<link rel="preload" href="./${wasm}" as="fetch" type="application/wasm" crossorigin>\n`;

// Each widget page: the inline page it is built from, the module specifiers its code imports
// (the inline pages' bundles, replaced by the package's entries; jsonata-js's globals, by the
// npm packages), and the .wasm its <head> preloads.
const WIDGETS = [
  { page: 'ticketbridge-widget', from: 'ticketbridge', entry: { './tb.js': 'index.web.mjs' }, wasm: 'ticketbridge-core.wasm' },
  { page: 'ticketbridge-jsonata-widget', from: 'ticketbridge-jsonata', entry: { './tb-jsonata.js': 'dropin.web.mjs' }, wasm: 'ticketbridge-jsonata.wasm' },
  { page: 'ticketbridge-escalate-widget', from: 'ticketbridge-escalate', entry: { './tb.js': 'index.web.mjs' }, wasm: 'ticketbridge-core.wasm' },
  { page: 'jsonata-js-widget', from: 'jsonata-js', imports: 'import jsonata from \'jsonata\';' },
  { page: 'jsonata-js-escalate-widget', from: 'jsonata-js-escalate', imports: 'import jsonata from \'jsonata\'; import Mustache from \'mustache\';' },
];

// The phases pages' twins (cold-start-chromium.mjs, writePhasePages) for the widget pages that
// answer a JSONata question: the probe of the WebAssembly calls runs first, a mark starts the
// bundle and another the page's own code (the bundle's last module), and the page reports the
// Resource Timing of its script and its .wasm.
const PHASE_WIDGETS = [
  { page: 'phases-widget', from: 'ticketbridge-widget' },
  { page: 'phases-jsonata-widget', from: 'ticketbridge-jsonata-widget' },
];

export const WIDGET_PAGES = WIDGETS.map((w) => w.page);
export const WIDGET_PHASE_PAGES = PHASE_WIDGETS.map((w) => w.page);

/**
 * Writes each widget page and its bundled script (<page>.js) into `dir`, from `scripts`, the
 * inline pages' module code by page name; `wasmDist` is the package whose entries the code imports.
 */
export async function writeWidgetPages(esbuild, wasmDist, dir, scripts) {
  for (const w of WIDGETS) {
    let code = scripts[w.from];
    if (code === undefined) throw new Error(`no inline page ${w.from} to build ${w.page} from`);
    for (const [spec, file] of Object.entries(w.entry ?? {})) {
      const quoted = `'${spec}'`;
      if (!code.includes(quoted)) throw new Error(`${w.from} does not import ${spec}`);
      code = code.replaceAll(quoted, JSON.stringify(path.join(wasmDist, file)));
    }
    if (w.imports) code = `${w.imports}\n${code}`;
    await bundle(esbuild, w.page, code, dir);
    fs.writeFileSync(path.join(dir, `${w.page}.html`), '<!DOCTYPE html><meta charset="utf-8">\n'
      + `${w.wasm ? preload(w.wasm) : ''}<script type="module" src="./${w.page}.js"></script>\n`);
    const phases = PHASE_WIDGETS.find((p) => p.from === w.page);
    if (phases) await writePhaseWidget(esbuild, phases.page, code, w.wasm, dir);
  }
}

function bundle(esbuild, page, code, dir, banner) {
  return esbuild.build({ stdin: { contents: code, resolveDir: root, sourcefile: `${page}.src.mjs`, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', outfile: path.join(dir, `${page}.js`), logLevel: 'error',
    ...(banner ? { banner: { js: banner } } : {}) });
}

// The page code ends by reporting {ready, first, v} (finish()); its twin reports the phases too.
async function writePhaseWidget(esbuild, page, code, wasm, dir) {
  const end = finish('{ ready, first, v }');
  if (!code.includes(end)) throw new Error(`${page}: the page code does not end as the phases need`);
  const marked = `performance.mark("tb-bundle-end");\n${code.replace(end, `${COLLECT}
${finish(`{ v, ready, first, html: nav.responseEnd, script: res('${page}.js'), wasm: res('${wasm}'), marks }`)}`)}`;
  await bundle(esbuild, page, marked, dir, 'performance.mark("tb-bundle-start");');
  fs.writeFileSync(path.join(dir, `${page}.html`), `<!DOCTYPE html><meta charset="utf-8">\n${PROBE}\n${preload(wasm)}`
    + `<script type="module" src="./${page}.js"></script>\n`);
}
