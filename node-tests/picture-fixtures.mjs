// The shared picture fixtures (tests/fixtures/pictures/*.json, jsonata-js 2.2.2's answers,
// which the native suites also check) as JSONata evaluations through the package: every row
// is `$fn($a0, $a1, …)` with its arguments bound, so it crosses from the engine to the pictures
// module and back (pictures.mjs) like any expression a host evaluates. `evaluate(expr,
// bindings)` is the entry under test; it throws what the engine throws.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './paths.mjs';

const FILES = ['format_number', 'format_integer', 'parse_integer', 'from_millis', 'to_millis'];

// What JSON.stringify / the reference give for a string with lone surrogates (the fixtures
// keep toWellFormed() text; Node 18 has no String.prototype.toWellFormed).
const wellFormed = (s) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** Runs every row; answers the rows that disagree (at most `limit`) and how many ran. */
export async function checkPictureFixtures(evaluate, { limit = 20 } = {}) {
  const wrong = [];
  let ran = 0;
  const realNow = Date.now;
  try {
    for (const file of FILES) {
      const { rows } = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'pictures', `${file}.json`), 'utf8'));
      for (const row of rows) {
        const names = row.args.map((a, i) => (a === null ? 'undefined' : `$a${i}`));
        const bindings = Object.fromEntries(row.args.map((a, i) => [`a${i}`, a]).filter(([, a]) => a !== null));
        // NaN and infinities have no JSON form: asked as questions about the value instead.
        let expr = `$${row.fn}(${names.join(', ')})`;
        if (row.expect.nan) expr = `($v := ${expr}; $v != $v)`;
        else if (row.expect.infinity) expr = `${expr} ${row.expect.infinity > 0 ? '>' : '<'} ${row.expect.infinity > 0 ? '' : '-'}1.7e308`;
        // $toMillis defaults the components a picture leaves out from the evaluation's clock.
        Date.now = row.now === undefined ? realNow : () => row.now;
        let got;
        try {
          const value = await evaluate(expr, bindings);
          got = value === undefined ? { undefined: true } : { result: value };
        } catch (err) {
          got = { error: { code: err.code, message: err.message } };
        }
        ran++;
        const e = row.expect;
        const ok = e.error ? got.error?.code === e.error.code && got.error.message === e.error.message
          : e.runtime_error ? got.error?.code === 'PICTURE_RUNTIME_ERROR'
            : e.undefined ? got.undefined === true
              : e.nan || e.infinity ? got.result === true
                : typeof e.result === 'string' ? typeof got.result === 'string' && wellFormed(got.result) === e.result
                  : got.result === e.result;
        if (!ok && wrong.length < limit) wrong.push({ row: `${file} ${JSON.stringify(row.args)}`, expected: e, got });
      }
    }
  } finally {
    Date.now = realNow;
  }
  return { ran, wrong };
}
