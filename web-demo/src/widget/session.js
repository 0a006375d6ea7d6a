// One employee conversation in this browser tab: its messages and stage, kept in
// sessionStorage so a reload continues it, and its escalation, run by the package inside the
// page (the WASM machine; HTTP through the page's fetch, to the relay).
import { escalate, localStorageStore } from 'ticketbridge';
import { summarise } from './assistant.js';

const STATE_KEY = 'tb-chat:conversation';

function newId() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function loadState(storage = sessionStorage) {
  try {
    const state = JSON.parse(storage.getItem(STATE_KEY) ?? 'null');
    if (state && typeof state.id === 'string' && Array.isArray(state.messages)) return state;
  } catch { /* a damaged entry starts a new conversation */ }
  return null;
}

export function newState() {
  return { id: newId(), messages: [], stage: 'chat', lastTopic: null, proposal: null, result: null };
}

export function saveState(state, storage = sessionStorage) {
  storage.setItem(STATE_KEY, JSON.stringify(state));
}

// The snapshot store: this tab's sessionStorage, without claims. A reload is the same tab
// continuing, never a second instance, so it must not wait for the lease of the page it replaced.
function tabStore() {
  const { get, set, delete: remove } = localStorageStore(sessionStorage, 'tb-escalation:');
  return { get, set, delete: remove };
}

/** The conversation document the escalation sends (what the parameters' {{…}} read). */
export function conversationOf(state, profile) {
  const doc = {
    id: state.id,
    employee: profile.employee,
    device: profile.device,
    messages: state.messages.map(({ role, text, at }) => ({ role, text, at })),
    summary: state.proposal?.summary ?? summarise(state.messages),
  };
  if (state.proposal?.category) {
    doc.category = state.proposal.category;
    doc.subCategory = state.proposal.subCategory ?? '';
  }
  return doc;
}

/** The category the classifier picks for the conversation so far (null when unsure or no list). */
export function propose(state, categories) {
  const summary = summarise(state.messages);
  let picked = { category: null, subCategory: null, confidence: 0 };
  if (categories) {
    try {
      picked = categories.classify({ id: state.id, messages: state.messages, summary });
    } catch { /* no category is a valid proposal */ }
  }
  return { summary, category: picked.category, subCategory: picked.subCategory, confidence: picked.confidence };
}

/**
 * Runs (or resumes) the escalation. `ui.confirm(message)` resolves true/false; `ui.progress(action)`
 * sees each action. Resolves with the outcome the package gives.
 */
export function runEscalation(state, { config, profile, categories, ui }) {
  return escalate(config, conversationOf(state, profile), {
    categories: categories ?? undefined,  // the proposal is checked against the admin's list
    fetch: (url, init) => fetch(url, init),
    store: tabStore(),
    reason: state.reason,
    confirm: (message) => ui.confirm(message),
    onAction: (action) => ui.progress(action),
  });
}

/** What the cockpit is told about the conversation now. */
export function cockpitReport(state, outcome, profile) {
  const report = {
    employee: profile.employee?.name ?? '',
    messages: state.messages,
    category: state.proposal?.category ?? '',
    subCategory: state.proposal?.subCategory ?? '',
    confidence: state.proposal ? state.proposal.confidence : null,
    status: 'in_progress',
  };
  if (outcome) {
    const record = outcome.record;
    report.status = record.status === 'not_started' ? 'in_progress' : record.status;
    report.ticket = record.ticket;
    report.failure = record.failure;
    report.audit = record.audit;
  }
  return report;
}
