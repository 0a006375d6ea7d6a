// The test results panel: parameter values in, the call run through the relay by the package's
// testCall, and out: the request as rendered (secrets masked), what the relay forwarded and
// attached, the status, the response body, and the Preview column, each output's value or
// error with the JSONata error's position marked in the expression. Editing an output in the
// form recomputes the Preview over the last response without calling the ITSM again.
import { jsonata, loadConfig, testCall } from 'ticketbridge';
import { clear, h } from '../shared/dom.js';

const pretty = (v) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

// Each output over `bodyText`: the configuration's own evaluation when the draft loads; when
// it does not (a broken expression is one reason), each expression alone, so the Preview still
// shows every value and every error.
export function previewOutputs(config, callName, outputs, bodyText) {
  try {
    return loadConfig(config).outputs(callName, bodyText);
  } catch { /* evaluated one by one below */ }
  let input;
  try { input = JSON.parse(bodyText); } catch { input = bodyText; }
  return Object.entries(outputs).map(([name, expression]) => {
    try {
      const value = jsonata(expression).evaluate(input);
      return { name, defined: value !== undefined, value };
    } catch (err) {
      return { name, defined: false, error: { code: err.code, message: err.message, position: err.position, token: err.token } };
    }
  });
}

// The expression with the error's place marked: the token ending at `position` when the error
// names one, else the character there (or the end, for "expression ended too soon").
export function markedExpression(expression, error) {
  if (!error || !Number.isInteger(error.position)) return [expression];
  const end = Math.min(Math.max(error.position, 0), expression.length);
  if (error.token === '(end)') return [expression, h('mark', { title: 'the expression ends too soon here' }, '␣')];
  let start = error.token ? expression.lastIndexOf(error.token, end) : -1;
  let stop = start >= 0 ? start + error.token.length : -1;
  if (start < 0) {
    start = Math.max(0, Math.min(end - 1, expression.length - 1));
    stop = start + 1;
  }
  if (start >= expression.length || expression.length === 0) return [expression, h('mark', { title: 'the error is here' }, '␣')];
  return [expression.slice(0, start), h('mark', { title: 'the error is here' }, expression.slice(start, stop)), expression.slice(stop)];
}

export function createTestPanel() {
  const paramsBox = h('div');
  const run = h('button', { type: 'submit', class: 'primary', 'data-testid': 'apicall-test-run' }, 'Run test');
  const status = h('p', { role: 'status', class: 'status', 'data-testid': 'test-status' });
  const result = h('div', { 'data-testid': 'test-result' });
  const preview = h('tbody');
  const el = h('section', { class: 'box', 'aria-labelledby': 'test-title', 'data-testid': 'test-panel' },
    h('h2', { id: 'test-title' }, 'Test results'),
    h('form', { onsubmit: (e) => { e.preventDefault(); runTest(); } },
      h('p', { class: 'hint' }, 'Runs the call with real data through the relay. It creates a real record when the call does.'),
      paramsBox, run),
    status, result,
    h('h3', {}, 'Preview'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Output'), h('th', { scope: 'col' }, 'Expression'), h('th', { scope: 'col' }, 'Value'))),
      preview)));

  let current = { name: '', call: null, config: null };
  let lastBody = null;
  const values = new Map();  // parameter values survive re-rendering while the form changes
  let shownParams = '';

  function renderParams() {
    const names = (current.call?.parameters ?? []).map((p) => p.name);
    const key = JSON.stringify(current.call?.parameters ?? []);
    if (key === shownParams) return;
    shownParams = key;
    clear(paramsBox, (current.call?.parameters ?? []).filter((p) => p.name).map((p, i) => {
      const input = h('input', { id: `test-param-${i}`, value: values.get(p.name) ?? '', placeholder: p.default === undefined ? '' : `default: ${pretty(p.default)}`,
        'data-testid': 'test-param', 'data-name': p.name, oninput: () => values.set(p.name, input.value) });
      return h('div', { class: 'field' }, h('label', { for: input.id }, `${p.name}${p.required ? ' (required)' : ''}`),
        p.description ? h('span', { class: 'hint' }, p.description) : null, input);
    }));
    if (!names.length) paramsBox.append(h('p', { class: 'hint' }, 'This call has no parameters.'));
  }

  function renderPreview() {
    const outputs = current.call?.outputs ?? {};
    if (lastBody === null) {
      clear(preview, Object.keys(outputs).map((name) => h('tr', {}, h('td', { class: 'mono' }, name), h('td', { class: 'mono' }, outputs[name]),
        h('td', { class: 'hint' }, 'Run the test to see the value.'))));
      return;
    }
    const results = previewOutputs(current.config, current.name, outputs, lastBody);
    clear(preview, results.map((o) => h('tr', {},
      h('td', { class: 'mono' }, o.name),
      h('td', { class: 'mono' }, markedExpression(outputs[o.name] ?? '', o.error)),
      h('td', {},
        h('span', { class: o.error ? 'mono error-text' : 'mono', 'data-testid': 'preview-output', 'data-name': o.name, 'data-state': o.error ? 'error' : o.defined ? 'value' : 'undefined' },
          o.error ? o.error.code : o.defined ? pretty(o.value) : '(no value)'),
        o.error ? h('span', { class: 'field-error' }, ` ${o.error.message}`) : null))));
  }

  async function runTest() {
    const params = {};
    for (const p of current.call?.parameters ?? []) {
      const v = values.get(p.name);
      if (v !== undefined && v !== '') params[p.name] = v;
    }
    run.disabled = true;
    status.textContent = 'Running…';
    clear(result);
    let report;
    try {
      report = await testCall(current.config, current.name, params, { fetch: (url, init) => fetch(url, init) });
    } catch (err) {
      // The draft does not load, or a required parameter has no value: nothing was sent.
      status.textContent = '';
      clear(result, h('p', { class: 'error-box', role: 'alert', 'data-testid': 'test-error' }, `${err.code}: ${err.message}`));
      run.disabled = false;
      return;
    }
    run.disabled = false;
    const headers = report.response?.headers ?? {};
    status.textContent = report.error ? '' : `HTTP ${report.status} in ${report.durationMs} ms`;
    clear(result,
      report.error ? h('p', { class: 'error-box', role: 'alert', 'data-testid': 'test-error' }, `${report.error.code}: ${report.error.message}`) : null,
      report.request ? [h('h3', {}, 'Request'), h('pre', { 'data-testid': 'test-request' }, `${report.request.method} ${report.request.url}\n${Object.entries(report.request.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${report.request.body ?? ''}`)] : null,
      headers['x-relay-target'] ? h('p', { class: 'hint', 'data-testid': 'test-relay' }, `The relay sent ${headers['x-relay-target']} with ${headers['x-relay-auth']}.`) : null,
      report.status !== undefined ? [h('h3', {}, `Response: HTTP ${report.status}`), h('pre', { 'data-testid': 'test-response' }, pretty(report.response?.body ?? ''))] : null);
    lastBody = report.response ? (typeof report.response.body === 'string' ? report.response.body : JSON.stringify(report.response.body)) : null;
    renderPreview();
  }

  return {
    el,
    update(name, call, config) {
      current = { name, call, config };
      renderParams();
      renderPreview();
    },
  };
}
