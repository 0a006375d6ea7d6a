// <ticketbridge-chat>: the employee's chat widget, embeddable with one script tag:
//   <script type="module" src="/assets/widget.js"></script>
//   <ticketbridge-chat config-url="/api/page-config" report-url="/api/conversations"></ticketbridge-chat>
// The escalation itself runs in the ticketbridge WASM module inside the page.
import { Categories, init } from 'ticketbridge';
import { pageSetup, putJson } from '../shared/api.js';
import { clear, h } from '../shared/dom.js';
import { GREETING, nextStep } from './assistant.js';
import { cockpitReport, loadState, newState, propose, runEscalation, saveState } from './session.js';
import { WIDGET_CSS } from './styles.js';

const PROGRESS = {
  HttpRequest: 'Creating your ticket…',
  Wait: 'The service desk system is busy; trying again shortly…',
};

class TicketbridgeChat extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    this.log = h('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
    this.panel = h('div', { class: 'panel' });
    this.status = h('p', { class: 'status', role: 'status' });
    this.input = h('input', { id: 'chat-input', 'data-testid': 'chat-input', autocomplete: 'off', placeholder: 'Describe your problem…' });
    this.send = h('button', { type: 'submit', 'data-testid': 'chat-send' }, 'Send');
    this.form = h('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); this.onSend(); } },
      h('label', { for: 'chat-input', class: 'visually-hidden' }, 'Message to the assistant'), this.input, this.send);
    root.append(h('style', {}, WIDGET_CSS), h('section', { class: 'chat', 'aria-label': 'Service-desk assistant' },
      h('header', {}, h('h2', {}, 'Service-desk assistant'),
        h('button', { type: 'button', class: 'link', onclick: () => this.restart() }, 'New conversation')),
      this.log, this.panel, this.status, this.form));
    this.boot();
  }

  get profile() {
    return {
      employee: { id: this.getAttribute('employee-id') ?? '', name: this.getAttribute('employee-name') ?? '', email: this.getAttribute('employee-email') ?? '' },
      device: { name: this.getAttribute('device') ?? '' },
    };
  }

  async boot() {
    this.setBusy(true, 'Starting the assistant…');
    try {
      // The engine and the page's configuration load side by side: neither needs the other.
      [, this.setup] = await Promise.all([init(), pageSetup(this.getAttribute('config-url') ?? '/api/page-config')]);
    } catch (err) {
      this.setBusy(true, '');
      clear(this.panel, h('div', { class: 'error', role: 'alert' },
        h('p', {}, `The assistant could not start (${err.code ?? 'ERROR'}): ${err.message}`),
        h('button', { type: 'button', onclick: () => { clear(this.panel); this.boot(); } }, 'Try again')));
      return;
    }
    try {
      this.categories = this.setup.categoriesCsv ? new Categories(this.setup.categoriesCsv) : null;
    } catch {
      this.categories = null;  // a broken list only costs the category proposal
    }
    this.state = loadState() ?? newState();
    if (!this.state.messages.length) this.say('assistant', GREETING);
    this.renderLog();
    this.setBusy(false, '');
    if (this.state.stage === 'escalating') this.escalate();  // a reload mid-escalation resumes it
    else if (this.state.stage === 'done') this.renderResult();
  }

  setBusy(busy, text) {
    this.input.disabled = busy;
    this.send.disabled = busy;
    this.status.textContent = text;
  }

  say(role, text) {
    this.state.messages.push({ role, text, at: new Date().toISOString() });
    saveState(this.state);
    this.log.append(this.messageItem(this.state.messages[this.state.messages.length - 1]));
    this.log.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
  }

  messageItem(m) {
    return h('li', { class: `msg ${m.role}`, 'data-testid': 'chat-message', 'data-role': m.role },
      h('span', { class: 'visually-hidden' }, m.role === 'employee' ? 'You: ' : 'Assistant: '), m.text);
  }

  renderLog() {
    clear(this.log, this.state.messages.map((m) => this.messageItem(m)));
  }

  restart() {
    this.state = newState();
    saveState(this.state);
    clear(this.panel);
    this.renderLog();
    this.say('assistant', GREETING);
    this.setBusy(false, '');
    this.input.focus();
  }

  onSend() {
    const text = this.input.value.trim();
    if (!text || this.state.stage !== 'chat') return;
    this.input.value = '';
    this.say('employee', text);
    const step = nextStep(text, this.state.lastTopic);
    if (step.kind === 'escalate') {
      this.state.reason = step.reason;
      this.state.proposal = propose(this.state, this.categories);
      this.say('assistant', 'I could not solve this here, so I can hand it over to the service desk as a ticket.');
      this.escalate();
      return;
    }
    this.state.lastTopic = step.kind === 'answer' ? step.topic : null;
    this.say('assistant', step.text);
    this.report(null);
  }

  async escalate() {
    this.state.stage = 'escalating';
    saveState(this.state);
    this.setBusy(true, 'Preparing the ticket…');
    clear(this.panel);
    this.report(null);
    let outcome;
    try {
      outcome = await runEscalation(this.state, {
        config: this.setup.config,
        profile: this.profile,
        categories: this.categories,
        ui: { confirm: (message) => this.askConfirmation(message), progress: (action) => this.progress(action) },
      });
    } catch (err) {
      // A configuration the package refuses: nothing was sent; the employee gets the portal.
      outcome = {
        status: 'failed', code: err.code ?? 'ERROR', employeeMessage: 'I could not create the ticket.',
        fallbackUrl: this.setup.config.escalation?.fallbackUrl ?? '', summary: this.state.proposal?.summary ?? '',
        record: { status: 'escalation_failed', ticket: null, failure: { code: err.code ?? 'ERROR', reason: err.message }, audit: [] },
      };
    }
    this.state.stage = 'done';
    this.state.result = {
      status: outcome.status, ticketNumber: outcome.ticketNumber, code: outcome.code,
      fallbackUrl: outcome.fallbackUrl, summary: outcome.summary,
    };
    this.say('assistant', outcome.employeeMessage);
    this.setBusy(true, '');
    this.renderResult();
    this.report(outcome);
  }

  askConfirmation(message) {
    const p = this.state.proposal ?? {};
    this.setBusy(true, '');
    return new Promise((resolve) => {
      const answer = (yes) => {
        clear(this.panel);
        this.say('employee', yes ? 'Yes, create the ticket.' : 'No, do not create a ticket.');
        this.setBusy(true, yes ? PROGRESS.HttpRequest : '');
        resolve(yes);
      };
      const confirm = h('button', { type: 'button', class: 'primary', 'data-testid': 'escalate-confirm', onclick: () => answer(true) }, 'Create ticket');
      clear(this.panel, h('div', { class: 'card', role: 'group', 'aria-labelledby': 'proposal-title' },
        h('p', { id: 'proposal-title', class: 'title' }, message),
        h('dl', {},
          h('dt', {}, 'Summary'), h('dd', {}, p.summary ?? ''),
          h('dt', {}, 'Category'), h('dd', {}, p.category ? `${p.category} / ${p.subCategory} (${Math.round(p.confidence * 100)}% sure)` : 'not sure: the service desk will choose')),
        h('div', { class: 'actions' }, confirm,
          h('button', { type: 'button', 'data-testid': 'escalate-decline', onclick: () => answer(false) }, 'No thanks'))));
      confirm.focus();
    });
  }

  progress(action) {
    if (PROGRESS[action.type]) this.status.textContent = PROGRESS[action.type];
  }

  renderResult() {
    const r = this.state.result;
    if (!r) return;
    const again = h('button', { type: 'button', onclick: () => this.restart() }, 'Start a new conversation');
    if (r.status === 'escalated') {
      clear(this.panel, h('div', { class: 'card success' },
        h('p', {}, 'Your ticket number: ', h('strong', { 'data-testid': 'ticket-number' }, r.ticketNumber)), again));
    } else if (r.status === 'failed') {
      const summary = h('textarea', { id: 'fallback-summary', readonly: true, rows: 3 }, r.summary ?? '');
      const copied = h('span', { role: 'status', class: 'hint' });
      clear(this.panel, h('div', { class: 'card failure' },
        h('p', {}, 'Please open a request on the self-service portal: ',
          h('a', { href: r.fallbackUrl, target: '_blank', rel: 'noopener', 'data-testid': 'fallback-link' }, 'Self-service portal')),
        h('label', { for: 'fallback-summary' }, 'Summary to paste into the request'), summary,
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => this.copy(summary, copied) }, 'Copy summary'),
          h('button', { type: 'button', class: 'primary', 'data-testid': 'escalate-retry', onclick: () => this.escalate() }, 'Try again'),
          again), copied));
    } else {
      clear(this.panel, h('div', { class: 'card' }, h('p', {}, 'No ticket was created.'), again));
    }
  }

  async copy(textarea, note) {
    try {
      await navigator.clipboard.writeText(textarea.value);
      note.textContent = 'Copied.';
    } catch {
      textarea.select();
      note.textContent = 'Press Ctrl+C to copy the selected summary.';
    }
  }

  // Tells the cockpit where the conversation stands. A failure here must not disturb the
  // employee; the next report carries the whole state again.
  // Reports go one after another, so an older state never lands after a newer one.
  report(outcome) {
    const url = `${this.getAttribute('report-url') ?? '/api/conversations'}/${encodeURIComponent(this.state.id)}`;
    const body = cockpitReport(this.state, outcome, this.profile);
    this.reporting = (this.reporting ?? Promise.resolve()).then(async () => {
      try {
        await putJson(url, body);
        this.removeAttribute('data-report-error');
      } catch (err) {
        this.setAttribute('data-report-error', err.code ?? 'ERROR');
      }
    });
    return this.reporting;
  }
}

if (!customElements.get('ticketbridge-chat')) customElements.define('ticketbridge-chat', TicketbridgeChat);
