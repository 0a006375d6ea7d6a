// The demo server's routes: the three pages and their bundles, the settings API the console
// saves through, the conversations the widget reports and the cockpit streams, and the relay.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Categories, loadConfig } from 'ticketbridge';
import { prepare, sendAsset } from './asset-response.mjs';
import { applyPreset, presetsForPage } from './presets.mjs';
import { createRelay } from './relay.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const publicDir = path.join(here, '..', 'public');
const PAGES = { '/': 'index.html', '/admin': 'admin.html', '/cockpit': 'cockpit.html' };
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.map': 'application/json' };
const MAX_BODY = 1_100_000;
const STATUSES = new Set(['in_progress', 'escalated', 'escalation_failed', 'declined']);
export const RELAY_PREFIX = '/relay';

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}
const problem = (res, status, code, message, extra = {}) => send(res, status, { error: { code, message }, ...extra });

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// The configuration a page may see: every credential's base URL is the relay and its auth
// "none"; the relay adds the secret. Names and descriptions only, never a secret.
export function pageConfig(credentials, settings) {
  const pageCredentials = {};
  for (const [name, c] of Object.entries(credentials)) {
    pageCredentials[name] = { description: c.description ?? '', baseUrl: `${RELAY_PREFIX}/${encodeURIComponent(name)}/`, auth: { type: 'none' } };
  }
  return { credentials: pageCredentials, apiCalls: settings.apiCalls, escalation: settings.escalation };
}

// A conversation as the widget reports it, kept to the fields and sizes the cockpit shows.
function conversationEntry(id, body, previous) {
  const text = (v, max) => (typeof v === 'string' ? v.slice(0, max) : '');
  const messages = Array.isArray(body.messages) ? body.messages.slice(-200).map((m) => ({
    role: m?.role === 'assistant' ? 'assistant' : 'employee', text: text(m?.text, 4000), at: text(m?.at, 40),
  })) : previous?.messages ?? [];
  const audit = Array.isArray(body.audit) ? body.audit.slice(-200).map((a) => ({
    at: Number(a?.at) || 0, event: text(a?.event, 80), from: text(a?.from, 40), to: text(a?.to, 40), detail: text(a?.detail, 1000),
  })) : previous?.audit ?? [];
  const ticket = body.ticket && typeof body.ticket === 'object' ? { id: text(body.ticket.id, 100), number: text(body.ticket.number, 100) } : null;
  const failure = body.failure && typeof body.failure === 'object' ? { code: text(body.failure.code, 80), reason: text(body.failure.reason, 1000) } : null;
  return {
    id, status: body.status, employee: text(body.employee, 200) || previous?.employee || '',
    category: text(body.category, 100), subCategory: text(body.subCategory, 100),
    confidence: Number.isFinite(body.confidence) ? Math.max(0, Math.min(1, body.confidence)) : null,
    ticket, failure, messages, audit, updatedAt: Date.now(), startedAt: previous?.startedAt ?? Date.now(),
  };
}

/**
 * The request handler. `credentials` the server-side ones (credentials.mjs: secrets included,
 * never sent), `data` the data file, `assets` the built bundles by file name, `wasmFile` the engine.
 */
export function createApp({ credentials, data, assets, wasmFile, itsmUrl }) {
  const fullConfig = () => ({ credentials: credentials.all(), ...data.settings });
  // What the console needs after any change: the page configuration, and the state beside it.
  const consoleState = () => ({ config: pageConfig(credentials.all(), data.settings), credentials: credentials.names(), secrets: credentials.status(), edited: data.edited });
  const { nodeHandler: relayHandler } = createRelay({ getConfig: fullConfig, prefix: RELAY_PREFIX });
  const listeners = new Set();
  // The engine and the bundles are read and built once; their brotli forms are made in the
  // background from the start, so the first page load already gets them or gzip.
  const wasm = fs.existsSync(wasmFile) ? fs.readFileSync(wasmFile) : null;
  // The picture strings' module beside it, which the pages fetch when an expression formats
  // numbers or dates (docs/hosting.md, "Pictures and dates").
  const picturesFile = path.join(path.dirname(wasmFile), 'ticketbridge-pictures.wasm');
  const pictures = fs.existsSync(picturesFile) ? fs.readFileSync(picturesFile) : null;
  for (const body of [wasm, pictures, ...assets.values()]) if (body) prepare(body);

  function broadcast(entry) {
    const line = `event: conversation\ndata: ${JSON.stringify(entry)}\n\n`;
    for (const res of listeners) res.write(line);
  }

  async function putSettings(req, res) {
    const text = await readBody(req);
    let body;
    try { body = JSON.parse(text ?? ''); } catch { return problem(res, 400, 'DEMO_BAD_REQUEST', 'the body must be JSON {apiCalls, escalation}'); }
    const settings = { apiCalls: body?.apiCalls, escalation: body?.escalation };
    try {
      loadConfig({ credentials: credentials.all(), ...settings });
    } catch (err) {
      // The core's own problems, each {code, message, path}; nothing stored changes.
      return problem(res, 422, err.code ?? 'CONFIG_INVALID', err.message, { errors: err.errors ?? [] });
    }
    data.setSettings(settings);
    send(res, 200, { saved: true, ...consoleState() });
  }

  async function postPreset(req, res) {
    let body;
    try { body = JSON.parse((await readBody(req)) ?? ''); } catch { return problem(res, 400, 'DEMO_BAD_REQUEST', 'the body must be JSON {preset, credential, settings, replace}'); }
    try {
      applyPreset(body, { credentials, data });
    } catch (err) {
      if (!err.status) throw err;
      return problem(res, err.status, err.code, err.message, err.errors ? { errors: err.errors } : {});
    }
    send(res, 200, { saved: true, ...consoleState() });
  }

  async function putCategories(req, res) {
    const csv = await readBody(req);
    if (csv === null) return problem(res, 413, 'CSV_FILE_TOO_LARGE', 'the file is over 1 MiB');
    const list = new Categories();
    const report = list.replaceFromCsv(csv);
    if (!report.accepted) return problem(res, 422, 'CSV_REJECTED', 'the category file was rejected; the list in force is unchanged', { report });
    data.setCategoriesCsv(csv);
    send(res, 200, { saved: true, report });
  }

  async function putConversation(req, res, id) {
    if (!/^[\w.:-]{1,100}$/.test(id)) return problem(res, 400, 'DEMO_BAD_REQUEST', 'a conversation id is 1-100 letters, digits, . _ : -');
    let body;
    try { body = JSON.parse((await readBody(req)) ?? ''); } catch { return problem(res, 400, 'DEMO_BAD_REQUEST', 'the body must be JSON'); }
    if (!STATUSES.has(body?.status)) return problem(res, 400, 'DEMO_BAD_REQUEST', `status must be one of ${[...STATUSES].join(', ')}`);
    const entry = conversationEntry(id, body, data.conversation(id));
    data.putConversation(entry);
    broadcast(entry);
    send(res, 200, entry);
  }

  function events(req, res) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`event: hello\ndata: {}\n\n`);
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
  }

  function staticFile(res, file) {
    if (!fs.existsSync(file)) return problem(res, 404, 'DEMO_NOT_FOUND', 'no such page');
    send(res, 200, fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
  }

  async function handle(req, res) {
    // Only loopback names: a DNS-rebinding page on another name must not reach the API.
    if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(req.headers.host ?? '')) {
      return problem(res, 421, 'DEMO_HOST_REFUSED', 'the demo answers on 127.0.0.1 and localhost only');
    }
    const url = new URL(req.url, 'http://demo.invalid');
    const route = `${req.method} ${url.pathname}`;
    if (url.pathname.startsWith(`${RELAY_PREFIX}/`)) return relayHandler(req, res);
    if (req.method === 'GET' && PAGES[url.pathname]) return staticFile(res, path.join(publicDir, PAGES[url.pathname]));
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith('/assets/')) {
      const name = url.pathname.slice('/assets/'.length);
      if (name === 'ticketbridge-core.wasm') {
        return wasm ? sendAsset(req, res, wasm, TYPES['.wasm']) : problem(res, 404, 'DEMO_NOT_FOUND', 'the engine is not built');
      }
      if (name === 'ticketbridge-pictures.wasm' && pictures) return sendAsset(req, res, pictures, TYPES['.wasm']);
      if (assets.has(name)) return sendAsset(req, res, assets.get(name), TYPES[path.extname(name)] ?? 'application/octet-stream');
      const css = path.join(publicDir, name);
      if (/^[\w-]+\.css$/.test(name) && fs.existsSync(css)) return sendAsset(req, res, fs.readFileSync(css), TYPES['.css']);
      return problem(res, 404, 'DEMO_NOT_FOUND', 'no such asset');
    }
    switch (route) {
      case 'GET /api/page-config':
        return send(res, 200, { ...consoleState(), categoriesCsv: data.categoriesCsv, itsm: itsmUrl });
      case 'GET /api/presets': return send(res, 200, { presets: presetsForPage(), secrets: credentials.status() });
      case 'POST /api/presets/apply': return postPreset(req, res);
      case 'PUT /api/settings': return putSettings(req, res);
      case 'PUT /api/categories': return putCategories(req, res);
      case 'GET /api/conversations': return send(res, 200, { conversations: data.conversations() });
      case 'GET /api/events': return events(req, res);
      default:
        if (url.pathname.startsWith('/api/conversations/')) {
          const id = decodeURIComponent(url.pathname.slice('/api/conversations/'.length));
          if (req.method === 'PUT') return putConversation(req, res, id);
          if (req.method === 'GET') {
            const entry = data.conversation(id);
            return entry ? send(res, 200, entry) : problem(res, 404, 'DEMO_NOT_FOUND', 'no such conversation');
          }
        }
        return problem(res, 404, 'DEMO_NOT_FOUND', `nothing at ${req.method} ${url.pathname}`);
    }
  }

  return async (req, res) => {
    try {
      await handle(req, res);
    } catch (err) {
      if (!res.headersSent) problem(res, 500, 'DEMO_INTERNAL', 'the demo server failed on this request');
      else res.end();
      console.error(`demo server: ${req.method} ${req.url}: ${err?.code ?? ''} ${err?.message ?? err}`);
    }
  };
}
