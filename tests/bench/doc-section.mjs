// One "## " section of a Markdown page rewritten in place (docs/benchmarks.md, the README's
// "Size and speed"): the scripts that measure one part of the benchmarks (fleet, templates,
// cold start) and the full run replace only their own section and keep the rest of the page.
import fs from 'node:fs';

/**
 * Replaces the section of `file` that starts at `title` (up to the next "## " heading) with
 * `section`, text ending in a newline. A page without it gets it before the heading
 * `insertBefore` when given and present, else at the end; with `replaceOnly` it is left as it
 * is. Returns whether the page was written.
 */
export function replaceSection(file, title, section, { insertBefore, replaceOnly = false } = {}) {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(title);
  if (start < 0) {
    if (replaceOnly) return false;
    const before = insertBefore ? text.indexOf(`\n${insertBefore}`) : -1;
    fs.writeFileSync(file, before < 0 ? text.replace(/\n*$/, '\n\n') + section
      : text.slice(0, before + 1) + section + '\n' + text.slice(before + 1));
    return true;
  }
  const next = text.indexOf('\n## ', start + title.length);
  fs.writeFileSync(file, text.slice(0, start) + section + (next < 0 ? '' : text.slice(next)));
  return true;
}
