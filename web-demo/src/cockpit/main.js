// The cockpit: every conversation with its status, ticket and category, updated live from the
// server's event stream; a row opens the transcript and the audit trail.
import { getJson } from '../shared/api.js';
import { clear, h } from '../shared/dom.js';

const LABELS = { in_progress: 'In progress', escalated: 'Escalated', escalation_failed: 'Escalation failed', declined: 'Declined' };
const rows = document.getElementById('rows');
const detail = document.getElementById('detail');
const live = document.getElementById('live');
const conversations = new Map();
let selected = null;

const time = (ms) => new Date(ms).toLocaleTimeString();

function row(c) {
  const open = () => show(c.id);
  return h('tr', {
    'data-testid': 'cockpit-row', 'data-id': c.id, 'data-status': c.status, 'data-ticket': c.ticket?.number ?? '',
    tabindex: 0, 'aria-selected': String(c.id === selected), onclick: open,
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } },
  },
  h('td', { class: 'mono' }, c.id, h('br'), h('span', { class: 'hint' }, c.employee)),
  h('td', { 'data-label': 'Status' }, h('span', { class: `badge ${c.status}` }, LABELS[c.status] ?? c.status)),
  h('td', { class: 'mono', 'data-label': 'Ticket' }, c.ticket?.number ?? '–'),
  h('td', { 'data-label': 'Category' }, c.category ? `${c.category} / ${c.subCategory}` : '–'),
  h('td', { 'data-label': 'Confidence' }, c.confidence === null || c.confidence === undefined ? '–' : `${Math.round(c.confidence * 100)}%`),
  h('td', { 'data-label': 'Updated' }, time(c.updatedAt)));
}

function render() {
  const focused = document.activeElement?.closest?.('tr[data-id]')?.dataset.id;
  const list = [...conversations.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  if (!list.length) {
    clear(rows, h('tr', {}, h('td', { colspan: 6, class: 'hint' }, 'No conversations yet: start one on the employee page.')));
  } else {
    clear(rows, list.map(row));
    if (focused) rows.querySelector(`tr[data-id="${CSS.escape(focused)}"]`)?.focus();
  }
  if (selected) show(selected, false);
}

function show(id, focus = true) {
  const c = conversations.get(id);
  if (!c) return;
  const changed = selected !== id;
  selected = id;
  if (changed) for (const tr of rows.querySelectorAll('tr[data-id]')) tr.setAttribute('aria-selected', String(tr.dataset.id === id));
  detail.hidden = false;
  const title = h('h2', { tabindex: -1 }, `Conversation ${c.id}`);
  clear(detail,
    title,
    h('p', {}, h('span', { class: `badge ${c.status}` }, LABELS[c.status]), ' ',
      c.ticket ? `Ticket ${c.ticket.number}` : '', c.failure ? ` ${c.failure.code}: ${c.failure.reason}` : ''),
    h('div', { class: 'split' },
      h('div', { class: 'box' }, h('h3', {}, 'Transcript'),
        h('ol', { class: 'transcript' }, c.messages.map((m) => h('li', {}, h('strong', {}, m.role === 'employee' ? 'Employee: ' : 'Assistant: '), m.text)))),
      h('div', { class: 'box' }, h('h3', {}, 'Audit trail'),
        c.audit.length
          ? h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Time'), h('th', { scope: 'col' }, 'Event'), h('th', { scope: 'col' }, 'Detail'))),
            h('tbody', {}, c.audit.map((a) => h('tr', {}, h('td', {}, time(a.at)), h('td', {}, `${a.event} (${a.from} → ${a.to})`), h('td', { class: 'mono' }, a.detail)))))
          : h('p', { class: 'hint' }, 'The audit trail arrives when the escalation ends.'))));
  if (focus && changed) title.focus();
}

async function load() {
  try {
    const { conversations: list } = await getJson('/api/conversations');
    conversations.clear();
    for (const c of list) conversations.set(c.id, c);
    render();
    return true;
  } catch (err) {
    live.textContent = `Could not load the conversations (${err.code}): ${err.message}`;
    live.className = 'error-box';
    return false;
  }
}

// Live updates: the server pushes each conversation as it changes. When the stream drops,
// EventSource reconnects by itself; the list is reloaded then, in case something was missed.
function connect() {
  const events = new EventSource('/api/events');
  events.addEventListener('hello', async () => {
    if (await load()) {
      live.textContent = 'Live: rows update as conversations change.';
      live.className = 'status';
    }
  });
  events.addEventListener('conversation', (e) => {
    const c = JSON.parse(e.data);
    conversations.set(c.id, c);
    render();
  });
  events.onerror = () => {
    live.textContent = 'Connection to the server lost; reconnecting…';
    live.className = 'error-box';
  };
}

render();
connect();
