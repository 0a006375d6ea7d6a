// Spark > Manage Settings > Issue categorization: upload a CSV, read the package's report
// (counts, each problem with its line, the category tree) and only then replace the list.
import { Categories, importCategories } from 'ticketbridge';
import { request } from '../shared/api.js';
import { clear, h } from '../shared/dom.js';

function tree(pairsByCategory, testid) {
  const entries = Object.entries(pairsByCategory);
  if (!entries.length) return h('p', { class: 'hint' }, 'No categories.');
  return h('ul', { 'data-testid': testid }, entries.map(([category, subs]) => h('li', {}, h('strong', {}, category), `: ${subs.join(', ')}`)));
}

function inForce(csv) {
  try {
    const byCategory = {};
    for (const { category, subCategory } of new Categories(csv).pairs) (byCategory[category] ??= []).push(subCategory);
    return byCategory;
  } catch {
    return {};
  }
}

export function renderCategories(view, app) {
  const current = h('div');
  const showCurrent = () => clear(current, h('h2', {}, 'The list in force'), tree(inForce(app.categoriesCsv), 'category-tree'));
  const input = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', 'data-testid': 'csv-file' });
  const report = h('div', { 'data-testid': 'csv-report', 'aria-live': 'polite' });
  let bytes = null;

  async function onFile() {
    const file = input.files?.[0];
    if (!file) return;
    bytes = new Uint8Array(await file.arrayBuffer());
    let r;
    try {
      r = importCategories(bytes);
    } catch (err) {
      clear(report, h('p', { class: 'error-box', role: 'alert' }, `${err.code}: ${err.message}`));
      return;
    }
    const errors = r.problems.filter((p) => p.severity === 'error').length;
    const confirm = h('button', { type: 'button', class: 'primary', 'data-testid': 'csv-confirm', onclick: () => replace(file.name, confirm) }, `Replace the list with these ${r.imported} pairs`);
    clear(report,
      h('h2', {}, `Report for ${file.name}`),
      h('p', { 'data-testid': 'csv-counts' }, `${r.rowsRead} rows read, ${r.imported} imported, ${r.rejected} rejected, ${errors} errors, ${r.problems.length - errors} warnings.`),
      r.accepted
        ? h('p', { class: 'ok-box' }, 'The file can be imported. Check the tree below, then confirm.')
        : h('p', { class: 'error-box', role: 'alert', 'data-testid': 'csv-rejected' }, 'This file cannot be imported: fix the errors listed and upload it again. The list in force is unchanged.'),
      r.problems.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Line', 'Column', 'Severity', 'Code', 'Problem'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, r.problems.map((p) => h('tr', { 'data-testid': 'csv-problem', 'data-code': p.code, 'data-line': p.line },
          h('td', {}, p.line), h('td', {}, p.column), h('td', {}, p.severity), h('td', { class: 'mono' }, p.code), h('td', {}, p.message)))))) : null,
      h('h3', {}, 'Category tree in the file'), r.accepted ? tree(r.tree, 'csv-tree') : h('p', { class: 'hint' }, 'None: nothing is imported from a file with errors.'),
      r.accepted ? confirm : null);
  }

  async function replace(name, button) {
    button.disabled = true;
    const status = h('p', { role: 'status', 'data-testid': 'csv-status' }, 'Replacing…');
    report.append(status);
    try {
      const answer = await request('PUT', '/api/categories', new TextDecoder().decode(bytes), { type: 'text/csv' });
      app.categoriesCsv = new TextDecoder().decode(bytes);
      status.className = 'ok-box';
      status.textContent = `The list in force is now ${name}: ${answer.report.imported} pairs.`;
      showCurrent();
    } catch (err) {
      status.className = 'error-box';
      status.textContent = `Not replaced (${err.code}): ${err.message}`;
      button.disabled = false;
    }
  }

  input.addEventListener('change', onFile);
  clear(view, h('section', { class: 'box', 'aria-labelledby': 'cat-title' },
    h('h1', { id: 'cat-title' }, 'Issue categorization'),
    h('p', { class: 'hint' }, 'A CSV with the columns category and sub_category, one issue type per row, up to 1000 rows. The assistant picks a pair from this list when it escalates.'),
    h('div', { class: 'field' }, h('label', { for: 'csv-file' }, 'Upload CSV file'), input),
    report, current));
  showCurrent();
}
