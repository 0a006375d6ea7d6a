// How the demo serves its static assets (the page bundles, the stylesheet and the engine's
// .wasm): compressed as the browser accepts, and with a validator, so that a repeat visit
// revalidates instead of downloading again. The .wasm is most of what the widget page
// downloads (docs/benchmarks.md): brotli takes it from about 712 to 235 KiB, gzip to 295. And a
// response the HTTP cache may keep is what lets Chromium reuse the machine code it compiled
// for the module on an earlier visit; `no-store` (what the API answers with) rules that out.
// docs/hosting.md says what a production host should do; this is the demo doing it.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

// Per asset body (the server keeps the bodies for its lifetime): its ETag and the compressed
// forms made so far. Brotli at quality 11 takes about 1.5 s of CPU for the .wasm, so it is made
// in the background (prepare()) and gzip is served until it is ready.
const forms = new WeakMap();

function formsOf(body) {
  let f = forms.get(body);
  if (!f) {
    // Weak: the same entity in each content coding (the bytes on the wire differ).
    const digest = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22);
    f = { etag: `W/"${digest}"`, gzip: null, br: null, brPending: null };
    forms.set(body, f);
  }
  return f;
}

const SMALL = 1024;  // not worth a content coding

/** Starts making the brotli form of `body` in the background (zlib's thread pool). */
export function prepare(body) {
  const f = formsOf(body);
  if (body.length < SMALL || f.br || f.brPending) return f.brPending ?? Promise.resolve();
  f.brPending = new Promise((resolve) => {
    zlib.brotliCompress(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }, (err, out) => {
      if (!err) f.br = out;  // on failure gzip keeps serving
      f.brPending = null;
      resolve();
    });
  });
  return f.brPending;
}

// The codings the request accepts with a non-zero weight ("br;q=0" refuses brotli).
function accepted(header) {
  const out = new Set();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

function notModified(header, etag) {
  if (!header) return false;
  const tag = etag.replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
}

/** Answers a GET or HEAD for a static asset: 304 on a matching If-None-Match, else the body. */
export function sendAsset(req, res, body, type) {
  const f = formsOf(body);
  const headers = {
    'content-type': type,
    // Kept, but checked with the server before each use: the demo's bundles change when the
    // server restarts, and the check costs one small request instead of the download.
    'cache-control': 'no-cache',
    etag: f.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
  };
  if (notModified(req.headers['if-none-match'], f.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  let out = body;
  if (body.length >= SMALL) {
    const codings = accepted(req.headers['accept-encoding']);
    if (codings.has('br') && f.br) {
      out = f.br;
      headers['content-encoding'] = 'br';
    } else if (codings.has('gzip')) {
      out = f.gzip ??= zlib.gzipSync(body, { level: 9 });
      headers['content-encoding'] = 'gzip';
    }
    if (codings.has('br')) prepare(body);
  }
  headers['content-length'] = out.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : out);
}
