// Form fields that show the core's validation problems beside themselves. Each field owns a
// place in the configuration as a JSON pointer, the form the core's `path` takes
// (/apiCalls/createIncident/resource); a problem goes to the field whose pointer is the
// longest prefix of the problem's, the rest to the form's own list.
import { loadConfig } from 'ticketbridge';
import { clear, h } from '../shared/dom.js';

let counter = 0;

/** {field, control, error} for a labelled control; `control` is any input/select/textarea. */
export function field(label, control, { hint, path } = {}) {
  const id = control.id || `f${++counter}`;
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  control.setAttribute('aria-describedby', `${id}-error`);
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('span', { class: 'hint' }, hint) : null, control, error);
  return { el: wrap, control, error, path };
}

/** An error slot for a control that is labelled elsewhere (a table cell). */
export function slot(control, path) {
  const id = control.id || `f${++counter}`;
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  control.setAttribute('aria-describedby', `${id}-error`);
  return { control, error, path };
}

/** Every problem loadConfig finds in `config`, each {code, message, path}; [] when it loads. */
export function problemsOf(config) {
  try {
    loadConfig(config);
    return [];
  } catch (err) {
    return err.errors?.length ? err.errors : [{ code: err.code ?? 'ERROR', message: err.message, path: err.path ?? '' }];
  }
}

const under = (path, prefix) => path === prefix || path.startsWith(`${prefix}/`);

/** A JSON pointer from its tokens: pointer('apiCalls', 'a/b') is /apiCalls/a~1b. */
export const pointer = (...tokens) => tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * Puts each problem beside its field (slots: [{control, error, path}]) and the unplaced ones in
 * `rest` (an element). Returns the number of problems per slot path, for tab badges.
 */
export function showProblems(problems, slots, rest) {
  for (const s of slots) {
    clear(s.error);
    s.control.removeAttribute('aria-invalid');
  }
  const unplaced = [];
  for (const p of problems) {
    let best = null;
    for (const s of slots) if (s.path && under(p.path ?? '', s.path) && (!best || s.path.length > best.path.length)) best = s;
    if (!best) { unplaced.push(p); continue; }
    best.error.append(h('span', { class: 'problem', 'data-code': p.code }, `${p.code}: ${p.message}`), ' ');
    best.control.setAttribute('aria-invalid', 'true');
  }
  if (rest) {
    clear(rest, unplaced.length ? h('ul', { class: 'error-box', role: 'alert' }, unplaced.map((p) => h('li', {}, `${p.code}${p.path ? ` at ${p.path}` : ''}: ${p.message}`))) : null);
  }
  return unplaced;
}
