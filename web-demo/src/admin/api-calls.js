// Administration > API Calls: the list, and the editor with its General / Request / Output
// tabs. Every keystroke revalidates the draft with the package (loadConfig) and puts each
// {code, message, path} beside its field; the test panel sits beside the form.
import { putJson } from '../shared/api.js';
import { clear, h } from '../shared/dom.js';
import { field, pointer, problemsOf, showProblems, slot } from './fields.js';
import { createTestPanel } from './test-panel.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function renderApiCallList(view, app) {
  const calls = Object.entries(app.settings.apiCalls);
  clear(view, h('section', { class: 'box', 'aria-labelledby': 'calls-title' },
    h('div', { class: 'row' }, h('h1', { id: 'calls-title' }, 'API Calls'),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', 'data-testid': 'apicall-new', onclick: () => { location.hash = '#api-calls/new'; } }, 'New API Call'),
        h('button', { type: 'button', 'data-testid': 'apicall-from-preset', onclick: () => { location.hash = '#presets'; } }, 'New from a preset…'))),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Name', 'Method', 'Resource', 'Credential', 'Outputs'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, calls.map(([name, c]) => h('tr', { 'data-testid': 'apicall-row' },
        h('td', {}, h('a', { href: `#api-calls/${encodeURIComponent(name)}` }, name), h('br'), h('span', { class: 'hint' }, c.description ?? '')),
        h('td', {}, c.method), h('td', { class: 'mono' }, c.resource), h('td', {}, c.credential),
        h('td', {}, Object.keys(c.outputs ?? {}).join(', ')))))))));
}

function headersText(headers = {}) {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n');
}

function parseHeaders(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const i = line.indexOf(':');
    out[i < 0 ? line.trim() : line.slice(0, i).trim()] = i < 0 ? '' : line.slice(i + 1).trim();
  }
  return out;
}

// Rows of a small editable table (parameters, outputs): add, remove, each row's controls.
function rowTable(columns, rows, makeRow, onChange, addLabel) {
  const body = h('tbody');
  const entries = [];
  const add = (values) => {
    const r = makeRow(values);
    const tr = h('tr', {}, r.cells.map((c) => h('td', {}, c)),
      h('td', {}, h('button', { type: 'button', 'aria-label': `Remove ${r.label()}`, onclick: () => { entries.splice(entries.indexOf(r), 1); tr.remove(); onChange(); } }, 'Remove')));
    entries.push(r);
    body.append(tr);
    return r;
  };
  rows.forEach(add);
  const el = h('div', {}, h('div', { class: 'table-wrap' }, h('table', { class: 'rows' }, h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)), h('th', {}, h('span', { class: 'visually-hidden' }, 'Actions')))), body)),
    h('button', { type: 'button', onclick: () => { const r = add({}); r.first.focus(); onChange(); } }, addLabel));
  return { el, entries };
}

function tabs(names) {
  const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'API call settings' });
  const panels = {};
  const buttons = {};
  const select = (name, focus) => {
    for (const n of names) {
      buttons[n].setAttribute('aria-selected', String(n === name));
      buttons[n].tabIndex = n === name ? 0 : -1;
      panels[n].hidden = n !== name;
    }
    if (focus) buttons[name].focus();
  };
  names.forEach((n, i) => {
    panels[n] = h('div', { role: 'tabpanel', id: `tab-${n}`, 'aria-labelledby': `tab-${n}-button` });
    buttons[n] = h('button', {
      type: 'button', role: 'tab', id: `tab-${n}-button`, 'aria-controls': `tab-${n}`, 'data-testid': `tab-${n.toLowerCase()}`,
      onclick: () => select(n),
      onkeydown: (e) => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (step) select(names[(i + step + names.length) % names.length], true);
      },
    }, n);
    list.append(buttons[n]);
  });
  select(names[0]);
  return { list, panels, buttons, select };
}

/** The editor for the API call `name` (null: a new one). */
export function renderApiCallEditor(view, app, name) {
  const isNew = name === null;
  const saved = isNew ? { credential: app.credentials[0] ?? '', method: 'POST', resource: '', parameters: [], payload: '', outputs: { ticketId: '', ticketNumber: '' } } : app.settings.apiCalls[name];
  if (!saved) {
    clear(view, h('p', { class: 'error-box', role: 'alert' }, `There is no API call named "${name}".`), h('a', { href: '#api-calls' }, 'Back to the list'));
    return;
  }
  let callName = name ?? '';
  const slots = [];
  const bind = (f) => { slots.push(f); return f; };
  const nameField = field('Name', h('input', { value: callName, readonly: !isNew, 'data-testid': 'apicall-name', oninput: () => { callName = nameField.control.value.trim(); changed(); } }),
    { hint: isNew ? 'Letters, digits and _; referenced by the escalation settings.' : 'The name cannot change: the escalation settings refer to it.' });
  const description = bind(field('Description', h('input', { value: saved.description ?? '' })));
  const credential = bind(field('Connector credential', h('select', {}, app.credentials.map((c) => h('option', { value: c, selected: c === saved.credential }, c))),
    { hint: 'Its secret stays on the server; requests go through the relay.' }));
  const method = bind(field('Method', h('select', {}, METHODS.map((m) => h('option', { value: m, selected: m === saved.method }, m)))));
  const resource = bind(field('Resource', h('input', { value: saved.resource ?? '', class: 'mono', 'data-testid': 'apicall-resource' }),
    { hint: 'Relative to the credential\'s base URL; {{parameter}} placeholders allowed.' }));
  const headers = bind(field('Headers', h('textarea', { rows: 2 }, headersText(saved.headers)), { hint: 'One "Name: value" per line, at most 5.' }));
  const payload = bind(field('Payload', h('textarea', { rows: 10, 'data-testid': 'apicall-payload' }, saved.payload ?? ''), { hint: 'JSON with {{parameter}} placeholders.' }));
  const paramsError = h('p', { class: 'field-error' });
  const params = rowTable(['Name', 'Description', 'Required', 'Default'], saved.parameters ?? [], (p) => {
    const cells = [h('input', { value: p.name ?? '', 'aria-label': 'Parameter name', class: 'mono' }), h('input', { value: p.description ?? '', 'aria-label': 'Parameter description' }),
      h('input', { type: 'checkbox', checked: !!p.required, 'aria-label': 'Required' }), h('input', { value: p.default === undefined ? '' : typeof p.default === 'string' ? p.default : JSON.stringify(p.default), 'aria-label': 'Default value' })];
    return { cells, first: cells[0], label: () => `parameter ${cells[0].value}`, slot: slot(cells[0]) };
  }, changed, 'Add parameter');
  const outputsError = h('p', { class: 'field-error' });
  const outputs = rowTable(['Output name', 'JSONata expression'], Object.entries(saved.outputs ?? {}).map(([k, v]) => ({ name: k, expression: v })), (o) => {
    const cells = [h('input', { value: o.name ?? '', 'aria-label': 'Output name', class: 'mono' }), h('textarea', { rows: Math.min(6, String(o.expression ?? '').split('\n').length), 'aria-label': 'JSONata expression', 'data-testid': 'output-expression', 'data-name': o.name ?? '' }, o.expression ?? '')];
    const s = slot(cells[1]);
    return { cells: [cells[0], h('div', {}, cells[1], s.error)], first: cells[0], label: () => `output ${cells[0].value}`, slot: s, nameInput: cells[0], exprInput: cells[1] };
  }, changed, 'Add output');

  const draftCall = () => {
    const call = { credential: credential.control.value, method: method.control.value, resource: resource.control.value };
    if (description.control.value) call.description = description.control.value;
    const hs = parseHeaders(headers.control.value);
    if (Object.keys(hs).length) call.headers = hs;
    call.parameters = params.entries.map((r) => {
      const [n, d, req, def] = r.cells;
      const p = { name: n.value.trim() };
      if (d.value) p.description = d.value;
      if (req.checked) p.required = true;
      if (def.value !== '') p.default = def.value;
      return p;
    });
    if (payload.control.value.trim()) call.payload = payload.control.value;
    call.outputs = Object.fromEntries(outputs.entries.map((r) => [r.nameInput.value.trim(), r.exprInput.value]));
    return call;
  };
  const draftSettings = () => ({ ...app.settings, apiCalls: { ...app.settings.apiCalls, [callName]: draftCall() } });
  const draftConfig = () => ({ credentials: app.config.credentials, ...draftSettings() });

  const t = tabs(['General', 'Request', 'Output']);
  t.panels.General.append(nameField.el, description.el, credential.el);
  t.panels.Request.append(method.el, resource.el, headers.el, h('h3', {}, 'Parameters'), paramsError, params.el, payload.el);
  t.panels.Output.append(h('p', { class: 'hint' }, 'JSONata over the response body. An escalation call needs ticketId and ticketNumber.'), outputsError, outputs.el);
  const formProblems = h('div', { 'data-testid': 'form-problems' });
  const saveStatus = h('p', { role: 'status', class: 'status', 'data-testid': 'apicall-save-status' });
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'apicall-save' }, 'Save');
  const panel = createTestPanel(app);

  function changed() {
    const at = (...tokens) => pointer('apiCalls', callName, ...tokens);
    nameField.path = pointer('apiCalls');
    description.path = at('description');
    credential.path = at('credential');
    method.path = at('method');
    resource.path = at('resource');
    headers.path = at('headers');
    payload.path = at('payload');
    params.entries.forEach((r, i) => { r.slot.path = at('parameters', i); });
    outputs.entries.forEach((r) => { r.slot.path = at('outputs', r.nameInput.value.trim()); r.exprInput.dataset.name = r.nameInput.value.trim(); });
    const problems = callName ? problemsOf(draftConfig()) : [{ code: 'DEMO_NAME_REQUIRED', message: 'give the API call a name', path: nameField.path }];
    const paramSlot = { control: h('span'), error: paramsError, path: at('parameters') };
    const outSlot = { control: h('span'), error: outputsError, path: at('outputs') };
    const all = [nameField, ...slots, paramSlot, outSlot, ...params.entries.map((r) => r.slot), ...outputs.entries.map((r) => r.slot)];
    // Problems elsewhere in the document (another call, the escalation settings) are not this form's.
    const own = (p) => !p.path || p.path === nameField.path || p.path === at() || p.path.startsWith(`${at()}/`);
    // What the escalation settings say about this call (a mapping to a parameter just removed)
    // is worth showing only when the call itself is sound; otherwise it is the same problem
    // seen from elsewhere ("not defined").
    const mine = problems.some(own) ? problems.filter(own) : problems.filter((p) => p.path?.startsWith('/escalation'));
    showProblems(mine, all, formProblems);
    for (const [tab, scope] of Object.entries({ General: [nameField, description, credential], Request: [method, resource, headers, payload, paramSlot, ...params.entries.map((r) => r.slot)], Output: [outSlot, ...outputs.entries.map((r) => r.slot)] })) {
      const count = scope.filter((s) => s.control.getAttribute('aria-invalid') === 'true' || s.error.childElementCount).length;
      t.buttons[tab].textContent = count ? `${tab} (${count} to fix)` : tab;
    }
    panel.update(callName, draftCall(), draftConfig());
    return mine;
  }

  async function onSave(e) {
    e.preventDefault();
    if (changed().length) {
      saveStatus.textContent = 'Fix the problems marked in the form first.';
      return;
    }
    save.disabled = true;
    saveStatus.textContent = 'Saving…';
    try {
      const answer = await putJson('/api/settings', draftSettings());
      app.applySaved(answer.config, answer);
      saveStatus.textContent = `Saved "${callName}".`;
      if (nameField.control.readOnly === false) {
        // Saved once, the name is fixed: the page now edits that call (its own URL, no reload).
        nameField.control.readOnly = true;
        history.replaceState(null, '', `#api-calls/${encodeURIComponent(callName)}`);
        view.querySelector('#editor-title').textContent = `API Call: ${callName}`;
      }
    } catch (err) {
      if (err.errors) showProblems(err.errors, [nameField, ...slots], formProblems);
      saveStatus.textContent = `Not saved (${err.code}): ${err.message}`;
    } finally {
      save.disabled = false;
    }
  }

  const form = h('form', { class: 'box', 'aria-labelledby': 'editor-title', oninput: changed, onchange: changed, onsubmit: onSave },
    h('h1', { id: 'editor-title' }, isNew ? 'New API Call' : `API Call: ${name}`),
    t.list, t.panels.General, t.panels.Request, t.panels.Output, formProblems,
    h('div', { class: 'row' }, save, h('a', { href: '#api-calls' }, 'Back to the list')), saveStatus);
  clear(view, h('div', { class: 'split' }, form, panel.el));
  changed();
}
