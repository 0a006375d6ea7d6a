// Spark > Manage Settings > Support escalation: which API call creates the ticket, what
// conversation data each of its parameters receives, the lookup call and the fallback URL.
import { putJson } from '../shared/api.js';
import { clear, h } from '../shared/dom.js';
import { field, pointer, problemsOf, showProblems } from './fields.js';

// What a parameter can be mapped to (docs/configuration.md, "The conversation context templates read").
const CONVERSATION_DATA = [
  ['{{employee.id}}', 'the employee\'s id (the caller)'], ['{{employee.name}}', 'the employee\'s name'], ['{{employee.email}}', 'the employee\'s e-mail'],
  ['{{summary}}', 'a one-line summary'], ['{{transcript}}', 'the whole conversation as text'], ['{{diagnosticsText}}', 'the diagnostics the assistant ran'],
  ['{{category}}', 'the chosen category'], ['{{subCategory}}', 'the chosen subcategory'], ['{{categorization}}', 'how the category was chosen'],
  ['{{device.name}}', 'the affected device'], ['{{escalation.key}}', 'the idempotency key (correlation_id)'], ['{{escalation.reason}}', 'why the assistant escalated'],
];

export function renderEscalationSettings(view, app) {
  const saved = app.settings.escalation ?? { apiCall: '', parameters: {}, fallbackUrl: '' };
  const callNames = Object.keys(app.settings.apiCalls);
  const values = { ...(saved.parameters ?? {}) };
  const apiCall = field('API call that creates the ticket', h('select', { 'data-testid': 'escalation-apicall' },
    h('option', { value: '' }, 'Choose…'), callNames.map((n) => h('option', { value: n, selected: n === saved.apiCall }, n))), { path: '/escalation/apiCall' });
  const lookup = field('Lookup call (finds a ticket an earlier attempt created)', h('select', {},
    h('option', { value: '' }, 'None'), callNames.map((n) => h('option', { value: n, selected: n === saved.lookup?.apiCall }, n))), { path: '/escalation/lookup' });
  const fallback = field('Fallback URL', h('input', { type: 'url', value: saved.fallbackUrl ?? '', 'data-testid': 'escalation-fallback' }),
    { path: '/escalation/fallbackUrl', hint: 'The self-service portal employees are sent to when the ticket cannot be created (https).' });
  const paramsBox = h('div');
  let paramFields = [];
  const formProblems = h('div');
  const status = h('p', { role: 'status', class: 'status', 'data-testid': 'escalation-save-status' });

  function renderParams() {
    const call = app.settings.apiCalls[apiCall.control.value];
    paramFields = (call?.parameters ?? []).map((p) => {
      // A textarea: mappings are often several lines (a description with the transcript).
      const text = values[p.name] ?? '';
      const input = h('textarea', { rows: Math.min(8, text.split('\n').length), 'data-testid': 'escalation-param', 'data-name': p.name,
        oninput: () => { values[p.name] = input.value; } }, text);
      const f = field(`${p.name}${p.required ? ' (required)' : ''}`, input, { path: pointer('escalation', 'parameters', p.name), hint: p.description });
      const insert = h('select', { 'aria-label': `Insert conversation data into ${p.name}`, onchange: () => {
        if (!insert.value) return;
        input.setRangeText(insert.value, input.selectionStart, input.selectionEnd, 'end');
        values[p.name] = input.value;
        insert.value = '';
        input.focus();
        validate();
      } }, h('option', { value: '' }, 'Insert conversation data…'), CONVERSATION_DATA.map(([v, label]) => h('option', { value: v }, `${v}: ${label}`)));
      f.el.append(insert);
      return f;
    });
    clear(paramsBox, h('h2', {}, 'Parameters'),
      call ? h('p', { class: 'hint' }, 'Map each parameter to conversation data: insert a placeholder from the list, or type a template mixing text and {{placeholders}}.') : h('p', { class: 'hint' }, 'Choose the API call first.'),
      paramFields.map((f) => f.el));
  }

  const draft = () => {
    const call = app.settings.apiCalls[apiCall.control.value];
    const parameters = {};
    for (const p of call?.parameters ?? []) if (values[p.name]) parameters[p.name] = values[p.name];
    const escalation = { ...saved, apiCall: apiCall.control.value, parameters, fallbackUrl: fallback.control.value };
    if (lookup.control.value) escalation.lookup = { apiCall: lookup.control.value, parameters: saved.lookup?.parameters ?? { correlation_id: '{{escalation.key}}' } };
    else delete escalation.lookup;
    return escalation;
  };

  function validate() {
    const problems = problemsOf({ credentials: app.config.credentials, apiCalls: app.settings.apiCalls, escalation: draft() })
      .filter((p) => !p.path || p.path.startsWith('/escalation'));
    return showProblems(problems, [apiCall, lookup, fallback, ...paramFields], formProblems).length + problems.length;
  }

  async function save(e) {
    e.preventDefault();
    if (validate()) {
      status.textContent = 'Fix the problems marked in the form first.';
      return;
    }
    status.textContent = 'Saving…';
    try {
      const answer = await putJson('/api/settings', { apiCalls: app.settings.apiCalls, escalation: draft() });
      app.applySaved(answer.config, answer);
      status.textContent = 'Saved. New escalations use these settings.';
    } catch (err) {
      if (err.errors) showProblems(err.errors, [apiCall, lookup, fallback, ...paramFields], formProblems);
      status.textContent = `Not saved (${err.code}): ${err.message}`;
    }
  }

  apiCall.control.addEventListener('change', renderParams);
  renderParams();
  clear(view, h('form', { class: 'box', 'aria-labelledby': 'esc-title', oninput: validate, onchange: validate, onsubmit: save },
    h('h1', { id: 'esc-title' }, 'Support escalation'),
    apiCall.el, paramsBox, lookup.el, fallback.el, formProblems,
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'escalation-save' }, 'Save'), status));
  validate();
}
