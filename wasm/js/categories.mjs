// Issue categorization: the admin's CSV of valid category / sub_category pairs, and
// classifying a conversation against it. All the logic is in the core; this wraps it.
import { own, unwrap } from './core.mjs';
import { TicketbridgeError } from './errors.mjs';
import { NativeCategories, importCategories as importReport } from './native-core.mjs';

/** A category-list problem: CSV options, a pair not on the list (CATEGORY_NOT_FOUND). */
export class CategoryError extends TicketbridgeError {
  constructor(detail) {
    super(detail);
    this.name = 'CategoryError';
  }
}

const fail = (detail) => new CategoryError(detail);
// Bytes pass through untouched, so invalid UTF-8 in a file is reported, not silently replaced.
const csvInput = (csv) => (csv instanceof Uint8Array ? csv : String(csv));
const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Parses and validates a category CSV (text, or the file's bytes) without keeping it: {accepted, rowsRead, imported,
 * rejected, problems: [{line, column, code, message, severity}], tree}.
 */
export function importCategories(csv, options = {}) {
  return unwrap(importReport(csvInput(csv), JSON.stringify(options)), fail);
}

/** The category list in force. Replacing it from a CSV is all-or-nothing. */
export class Categories {
  #native = new NativeCategories();

  constructor(csv, options) {
    own(this, this.#native);
    if (csv !== undefined) {
      const report = this.replaceFromCsv(csv, options);
      if (!report.accepted) {
        const first = report.problems.find((p) => p.severity === 'error') ?? {};
        throw new CategoryError({ ...first, code: first.code ?? 'CSV_REJECTED', message: `the category file was rejected: ${first.message ?? ''}`, report });
      }
    }
  }

  /** @internal */
  get native() { return this.#native; }

  /** Imports `csv`; the list changes only when the report says accepted. */
  replaceFromCsv(csv, options = {}) {
    return unwrap(this.#native.replaceFromCsv(csvInput(csv), JSON.stringify(options)), fail);
  }

  /** [{category, subCategory}] in file order. */
  get pairs() { return unwrap(this.#native.list(), fail).pairs; }

  /** {category|null, subCategory|null, confidence, alternatives}; category null when it declines. */
  classify(conversation, options) {
    return unwrap(this.#native.classify(text(conversation), options ? JSON.stringify(options) : ''), fail);
  }

  /** The list's spelling of a proposed pair; throws CategoryError CATEGORY_NOT_FOUND naming the closest pairs. */
  resolve({ category, subCategory = '' }) {
    return unwrap(this.#native.resolve(String(category ?? ''), String(subCategory ?? '')), fail);
  }
}
