// The admin console: API Calls (list, editor, test panel), Issue categorization and Support
// escalation, one section at a time, chosen by the URL's #fragment so each can be linked.
import { init } from 'ticketbridge';
import { pageSetup } from '../shared/api.js';
import { clear, h } from '../shared/dom.js';
import { renderApiCallEditor, renderApiCallList } from './api-calls.js';
import { renderCategories } from './categories.js';
import { renderEscalationSettings } from './escalation-settings.js';
import { renderPresetPicker } from './presets.js';

const view = document.getElementById('view');
const app = {};

function route() {
  const hash = decodeURIComponent(location.hash.slice(1)) || 'api-calls';
  const [section, item] = hash.split('/');
  for (const a of document.querySelectorAll('.sections a')) a.setAttribute('aria-current', String(a.getAttribute('href') === `#${section}`));
  if (section === 'categories') renderCategories(view, app);
  else if (section === 'escalation') renderEscalationSettings(view, app);
  else if (section === 'presets') renderPresetPicker(view, app, item);
  else if (item !== undefined) renderApiCallEditor(view, app, item === 'new' ? null : item);
  else renderApiCallList(view, app);
  view.querySelector('h1')?.setAttribute('tabindex', '-1');
}

async function start() {
  try {
    // The engine and the configuration load side by side: neither needs the other. The Preview
    // evaluates outputs synchronously, so the picture strings' module comes with the engine.
    const [, setup] = await Promise.all([init({ pictures: true }), pageSetup()]);
    Object.assign(app, {
      config: setup.config,
      settings: { apiCalls: setup.config.apiCalls, escalation: setup.config.escalation },
      credentials: setup.credentials,
      categoriesCsv: setup.categoriesCsv,
      // Whether the admin changed the settings since the seed or the last preset: a preset asks first.
      edited: setup.edited,
      // After a save: what the server now holds (the credentials as absolute relay URLs).
      applySaved(config, answer = {}) {
        app.settings = { apiCalls: config.apiCalls, escalation: config.escalation };
        const credentials = Object.fromEntries(Object.entries(config.credentials ?? app.config.credentials).map(([n, c]) => [n, { ...c, baseUrl: new URL(c.baseUrl, location.href).href }]));
        app.config = { ...app.config, credentials, apiCalls: config.apiCalls, escalation: config.escalation };
        if (answer.credentials) app.credentials = answer.credentials;
        if (typeof answer.edited === 'boolean') app.edited = answer.edited;
      },
    });
  } catch (err) {
    clear(view, h('div', { class: 'error-box', role: 'alert' }, h('p', {}, `The console could not load (${err.code ?? 'ERROR'}): ${err.message}`),
      h('button', { type: 'button', onclick: start }, 'Try again')));
    return;
  }
  route();
  window.addEventListener('hashchange', () => {
    route();
    view.querySelector('h1')?.focus();
  });
}

start();
