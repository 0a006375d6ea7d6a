// The page's script (esbuild for the browser, Vite, webpack 5): the ITSM's URL comes in the
// query string; the result goes to window.__result for the test to read.
import * as tb from 'ticketbridge';
import { run } from './run.mjs';

const params = new URLSearchParams(location.search);
run(tb, { itsmUrl: params.get('itsm'), name: params.get('name') ?? 'browser' })
  .then(async (result) => {
    // The picture strings' module, fetched from where the build put it (or beside the page).
    await tb.loadPictures();
    window.__result = { ...result, picture: tb.jsonata('$formatNumber(1234.5, "#,##0.0")').evaluate() };
  })
  .catch((err) => { window.__result = { error: err.code ?? 'THROWN', message: err.message }; });
