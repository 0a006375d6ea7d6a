// Administration > Start from a preset: pick the ITSM, read what its preset needs, give the base
// URL, the user name and the ids it guessed, and the server makes the credential and the API
// calls (replacing the configuration, after asking when the admin changed it, or beside it).
// The secret never passes through this page: it goes in secrets.json on the server.
import { getJson, request } from '../shared/api.js';
import { append, clear, h } from '../shared/dom.js';
import { losses, presetValueProblems } from '../shared/preset-values.js';
import { field, pointer, problemsOf, showProblems } from './fields.js';

const AUTH_LABELS = { username: 'User name', clientId: 'Client id', tokenUrl: 'Token URL', scope: 'Scope', header: 'Header', scheme: 'Scheme' };

// "[unverified]" marks what no source settled: shown as a marked word, not lost in the text.
const noteItem = (text) => h('li', {}, text.split('[unverified]').flatMap((part, i) => (i ? [h('strong', { class: 'unverified' }, 'unverified'), part] : [part])));

const freeName = (base, taken) => {
  let name = base;
  for (let i = 2; taken.includes(name); i++) name = `${base}${i}`;
  return name;
};

export async function renderPresetPicker(view, app, initial) {
  clear(view, h('p', { class: 'status' }, 'Loading the presets…'));
  let catalogue;
  try {
    catalogue = await getJson('/api/presets');
  } catch (err) {
    clear(view, h('div', { class: 'error-box', role: 'alert', 'data-testid': 'preset-load-error' }, h('p', {}, `The presets could not load (${err.code}): ${err.message}`),
      h('button', { type: 'button', onclick: () => renderPresetPicker(view, app, initial) }, 'Try again')));
    return;
  }
  let secrets = catalogue.secrets;
  const byName = new Map(catalogue.presets.map((p) => [p.name, p]));
  const system = field('ITSM system', h('select', { 'data-testid': 'preset-select' }, h('option', { value: '' }, 'Choose a system…'),
    catalogue.presets.map((p) => h('option', { value: p.name, selected: p.name === initial }, p.system))),
  { hint: 'Seven ready-made configurations; each fills the API calls, outputs, lookup and field mapping.' });
  const details = h('div', { 'data-testid': 'preset-details' });
  const needs = h('div');
  const form = h('form', { class: 'box', 'aria-labelledby': 'preset-title', novalidate: true },
    h('h1', { id: 'preset-title' }, 'Start from a preset'),
    h('p', { class: 'hint' }, 'A preset makes a connector credential and the API calls for one system. You can edit everything in the API call tabs afterwards.'),
    system.el, details, needs);
  clear(view, form, h('a', { href: '#api-calls' }, 'Back to the list'));
  // The heading arrives after the fetch, later than the router's focus: a keyboard user who
  // came here by a link lands on it, not at the top of the page.
  const title = form.querySelector('h1');
  title.tabIndex = -1;
  if (document.activeElement === document.body || !document.activeElement) title.focus();

  let current = null;  // the form for the chosen preset
  system.control.addEventListener('change', () => {
    history.replaceState(null, '', system.control.value ? `#presets/${system.control.value}` : '#presets');
    choose(byName.get(system.control.value));
  });
  choose(byName.get(initial));

  function choose(preset) {
    current = null;
    clear(details);
    clear(needs);
    if (!preset) return;
    const [templateName, template] = Object.entries(preset.config.credentials)[0];
    const [createName, lookupName] = [preset.config.escalation.apiCall, preset.config.escalation.lookup?.apiCall];
    clear(details, h('section', { class: 'preset-facts', 'aria-labelledby': 'facts-title' },
      h('h2', { id: 'facts-title' }, preset.system),
      h('dl', {},
        h('dt', {}, 'It needs'), h('dd', { 'data-testid': 'preset-needs' }, preset.needs),
        h('dt', {}, 'Authentication'), h('dd', {}, preset.auth),
        h('dt', {}, 'Ticket number people see'), h('dd', {}, preset.ticketNumber)),
      h('h3', {}, 'Notes'), h('ul', { 'data-testid': 'preset-notes' }, preset.notes.map(noteItem))));

    const credName = field('Credential name', h('input', { value: freeName(templateName, app.credentials), class: 'mono', 'data-testid': 'preset-credential-name', autocomplete: 'off' }),
      { hint: 'The connector credential the API calls use; an existing credential is never overwritten.' });
    const baseUrl = field('Base URL', h('input', { type: 'url', value: template.baseUrl, class: 'mono', 'data-testid': 'preset-baseurl', autocomplete: 'off' }),
      { hint: `${template.description ?? preset.system}. The API paths are relative to it; this server's relay sends the requests there.` });
    const authFields = Object.entries(template.auth).filter(([k, v]) => k !== 'type' && typeof v === 'string').map(([k, v]) => ({
      key: k, ...field(`${AUTH_LABELS[k] ?? k} (${template.auth.type} auth)`, h('input', { value: v, 'data-testid': 'preset-auth', 'data-name': k, autocomplete: 'off' })),
    }));
    const secretRows = (preset.secretFields[templateName] ?? []).map((key) => {
      const state = h('span', { class: 'mono', 'data-testid': 'preset-secret', 'data-name': key, id: `secret-${key}`, 'aria-describedby': `secret-${key}-error` });
      return { key, control: state, error: h('p', { class: 'field-error', id: `secret-${key}-error` }), state };
    });
    const secretsBox = h('div', { class: 'secret-box', 'data-testid': 'preset-secrets' });
    const check = h('button', { type: 'button', 'data-testid': 'preset-secret-check', onclick: recheck }, 'Check again');
    const params = [];
    for (const [callName, call] of Object.entries(preset.config.apiCalls)) {
      (call.parameters ?? []).forEach((p) => {
        if (p.default === undefined || typeof p.default !== 'string' || params.some((q) => q.name === p.name)) return;
        const f = field(`${p.name}`, h('input', { value: p.default, class: 'mono', 'data-testid': 'preset-param', 'data-name': p.name }), { hint: `${p.description ?? ''} (default of ${callName}; edit later in its Request tab)` });
        params.push({ name: p.name, ...f });
      });
    }
    const mode = (value, label, hint) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'preset-mode', value, checked: value === 'replace', 'data-testid': `preset-mode-${value}` }), h('span', {}, label, h('br'), h('span', { class: 'hint' }, hint)));
    const modes = h('fieldset', { class: 'modes' }, h('legend', {}, 'Your current configuration'),
      mode('replace', 'Replace it with the preset', 'Its API calls and escalation settings (mapping, lookup, fallback URL) take the place of the current ones. If you changed them, you are asked first.'),
      mode('beside', 'Keep it, add the preset\'s API calls beside it', 'Nothing is replaced; a call whose name is taken gets a number. Map it in Support escalation yourself.'));
    const fallback = field('Fallback URL', h('input', { type: 'url', value: preset.config.escalation.fallbackUrl, class: 'mono', 'data-testid': 'preset-fallback' }),
      { hint: 'Where employees go when no ticket can be created (https).', path: '/escalation/fallbackUrl' });
    const plan = h('div', { class: 'hint', 'data-testid': 'preset-plan' });
    const problemsBox = h('div', { 'data-testid': 'preset-problems' });
    const status = h('p', { role: 'status', class: 'status', 'data-testid': 'preset-status' });
    const confirmBox = h('div');
    const apply = h('button', { type: 'submit', class: 'primary', 'data-testid': 'preset-apply' }, 'Create from preset');

    clear(needs, h('h2', {}, 'What it needs from you'), credName.el, baseUrl.el, authFields.map((f) => f.el),
      h('div', { class: 'field' }, h('span', { class: 'label' }, 'Secret'), secretsBox, secretRows.map((r) => r.error), h('div', {}, check)),
      params.length ? [h('h3', {}, 'Ids and defaults it guessed'), params.map((p) => p.el)] : null,
      modes, fallback.el, plan, problemsBox, confirmBox, h('div', { class: 'row' }, apply), status);

    const modeNow = () => form.querySelector('input[name=preset-mode]:checked')?.value ?? 'replace';
    function draft() {
      const name = credName.control.value.trim();
      const config = JSON.parse(JSON.stringify(preset.config));
      for (const call of Object.values(config.apiCalls)) {
        call.credential = name;
        for (const p of call.parameters ?? []) {
          const given = params.find((q) => q.name === p.name);
          if (given && p.default !== undefined) p.default = given.control.value;
        }
      }
      const credential = { name, baseUrl: baseUrl.control.value.trim(), auth: Object.fromEntries(authFields.map((f) => [f.key, f.control.value])) };
      if (modeNow() === 'replace') {
        return { credential, settings: { apiCalls: config.apiCalls, escalation: { ...config.escalation, fallbackUrl: fallback.control.value.trim() } }, rename: (n) => n };
      }
      const names = {};
      for (const n of Object.keys(config.apiCalls)) names[n] = freeName(n, [...Object.keys(app.settings.apiCalls), ...Object.values(names)]);
      const added = Object.fromEntries(Object.entries(config.apiCalls).map(([n, c]) => [names[n], c]));
      return { credential, settings: { apiCalls: { ...app.settings.apiCalls, ...added }, escalation: app.settings.escalation }, rename: (n) => names[n] };
    }

    function validate() {
      const d = draft();
      const { name } = d.credential;
      const at = (...tokens) => pointer('credentials', name, ...tokens);
      credName.path = at();
      baseUrl.path = at('baseUrl');
      authFields.forEach((f) => { f.path = at('auth', f.key); });
      secretRows.forEach((r) => { r.path = at('auth', r.key); });
      params.forEach((p) => {
        const [call, index] = Object.entries(d.settings.apiCalls).flatMap(([cn, c]) => (c.credential === name ? [[cn, (c.parameters ?? []).findIndex((q) => q.name === p.name)]] : [])).find(([, i]) => i >= 0) ?? [];
        p.path = call ? pointer('apiCalls', call, 'parameters', index) : null;
      });
      fallback.el.hidden = modeNow() !== 'replace';
      const problems = [];
      if (!name) problems.push({ code: 'DEMO_NAME_REQUIRED', message: 'give the credential a name', path: at() });
      else if (app.credentials.includes(name)) problems.push({ code: 'DEMO_CREDENTIAL_EXISTS', message: `"${name}" exists already: choose another name`, path: at() });
      problems.push(...presetValueProblems({ credential: d.credential, fallbackUrl: d.settings.escalation?.fallbackUrl, withEscalation: modeNow() === 'replace' }));
      clear(secretsBox);
      for (const r of secretRows) {
        const set = (secrets.set?.[name] ?? []).includes(r.key);
        clear(r.state, set ? `${r.key}: set on the server` : `${r.key}: not set yet`);
        r.state.dataset.state = set ? 'set' : 'missing';
        if (!set) problems.push({ code: 'DEMO_SECRET_MISSING', message: `${secrets.file} on the server has no "${r.key}" for "${name}" yet`, path: r.path });
        secretsBox.append(h('p', {}, r.state));
      }
      append(secretsBox, [secrets.error ? h('p', { class: 'error-box', role: 'alert' }, secrets.error) : null,
        secretRows.length ? h('p', { class: 'hint' }, 'This page never holds a secret. Put it on the server, in ', h('code', { 'data-testid': 'preset-secrets-file' }, secrets.file), ' as ',
          h('code', {}, JSON.stringify({ [name || templateName]: Object.fromEntries(secretRows.map((r) => [r.key, '…'])) })),
          ', then press Check again. The relay adds it to each request; nothing this page shows or sends contains it.') : h('p', { class: 'hint' }, 'This preset\'s credential has no secret.')]);
      // The core's own word on the whole draft, the credential at its real base URL.
      const pageCredentials = { ...app.config.credentials, [name || templateName]: { baseUrl: d.credential.baseUrl, auth: { type: 'none' } } };
      problems.push(...problemsOf({ credentials: pageCredentials, ...d.settings }));
      const slots = [credName, baseUrl, ...authFields, ...secretRows, ...params.filter((p) => p.path), ...(modeNow() === 'replace' ? [fallback] : [])];
      showProblems(problems, slots, problemsBox);
      clear(plan, h('p', {}, `Creates the credential "${name}" and the API calls `, Object.keys(preset.config.apiCalls).map((n, i) => [i ? ', ' : '', h('code', {}, d.rename(n))]),
        modeNow() === 'replace' ? `; the escalation uses ${d.rename(createName)}${lookupName ? ` and looks earlier tickets up with ${d.rename(lookupName)}` : ''}.` : '; the escalation settings stay as they are.'));
      return { problems, draft: d };
    }

    async function recheck() {
      check.disabled = true;
      try {
        secrets = (await getJson('/api/presets')).secrets;
        status.textContent = 'Checked the server\'s secrets file.';
      } catch (err) {
        status.textContent = `Could not check (${err.code}): ${err.message}`;
      } finally {
        check.disabled = false;
      }
      validate();
    }

    function askFirst(lost, d) {
      const replace = h('button', { type: 'button', class: 'primary', 'data-testid': 'preset-confirm-replace', onclick: () => { clear(confirmBox); send(d, true); } }, 'Replace them');
      const beside = h('button', { type: 'button', 'data-testid': 'preset-confirm-beside', onclick: () => { clear(confirmBox); form.querySelector('[data-testid=preset-mode-beside]').checked = true; validate(); apply.focus(); } }, 'Add beside them instead');
      const cancel = h('button', { type: 'button', onclick: () => { clear(confirmBox); apply.focus(); } }, 'Cancel');
      clear(confirmBox, h('div', { class: 'confirm-box', role: 'alertdialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text', 'data-testid': 'preset-confirm',
        onkeydown: (e) => { if (e.key === 'Escape') cancel.click(); } },
      h('h3', { id: 'confirm-title' }, 'Replace your configuration?'),
      h('p', { id: 'confirm-text' }, `You changed it since it was set up: ${lost.join(', ')} would be replaced and lost.`),
      h('div', { class: 'row' }, replace, beside, cancel)));
      replace.focus();
    }

    async function send(d, replace) {
      apply.disabled = true;
      status.textContent = 'Creating…';
      try {
        const answer = await request('POST', '/api/presets/apply', { preset: preset.name, credential: d.credential, settings: d.settings, replace });
        app.applySaved(answer.config, answer);
        location.hash = `#api-calls/${encodeURIComponent(d.rename(createName))}`;
      } catch (err) {
        if (err.code === 'DEMO_CONFIRM_REPLACE') {
          status.textContent = '';
          askFirst(losses(app.settings, d.settings), d);
          return;
        }
        if (err.errors) showProblems(err.errors, [credName, baseUrl, ...authFields, ...secretRows, fallback], problemsBox);
        status.textContent = `Not created (${err.code}): ${err.message}`;
      } finally {
        apply.disabled = false;
      }
    }

    current = {
      validate,
      submit() {
        const { problems, draft: d } = validate();
        if (problems.length) {
          status.textContent = 'Fix the problems marked in the form first.';
          form.querySelector('[aria-invalid=true]')?.focus();
          return;
        }
        const lost = modeNow() === 'replace' && app.edited ? losses(app.settings, d.settings) : [];
        if (lost.length) askFirst(lost, d);
        else send(d, false);
      },
    };
    validate();
  }

  form.addEventListener('input', (e) => { if (e.target !== system.control) current?.validate(); });
  form.addEventListener('change', (e) => { if (e.target !== system.control) current?.validate(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); current?.submit(); });
}
