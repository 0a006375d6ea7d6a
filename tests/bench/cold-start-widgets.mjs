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

export const WIDGET_PAGES = WIDGETS.map((w) => w.page);

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
    await esbuild.build({ stdin: { contents: code, resolveDir: root, sourcefile: `${w.page}.src.mjs`, loader: 'js' },
      bundle: true, minify: true, format: 'esm', platform: 'browser', outfile: path.join(dir, `${w.page}.js`), logLevel: 'error' });
    fs.writeFileSync(path.join(dir, `${w.page}.html`), '<!DOCTYPE html><meta charset="utf-8">\n'
      + `${w.wasm ? preload(w.wasm) : ''}<script type="module" src="./${w.page}.js"></script>\n`);
  }
}
