// Issue categorization: the admin's CSV of valid category / sub_category pairs, and
// classifying a conversation against it. All the logic is in the core; this wraps it.
import { core, own, readText, unwrap, withInput } from './core.mjs';
import { TicketbridgeError } from './errors.mjs';

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
// An import answers with the address of its reply's {pointer, length} in the module's heap
// (heap_reply in wasm/src/bindings.cpp): decoded at once by TextDecoder, where Embind's string
// return read the report (15 KB for 1,000 rows) byte by byte.
const heapReply = (address) => readText(core.HEAPU32[address >>> 2], core.HEAPU32[(address >>> 2) + 1]);

/**
 * Parses and validates a category CSV (text, or the file's bytes) without keeping it: {accepted, rowsRead, imported,
 * rejected, problems: [{line, column, code, message, severity}], tree}.
 */
export function importCategories(csv, options = {}) {
  return unwrap(withInput(csvInput(csv), (p, n) => heapReply(core.importCategories(p, n, JSON.stringify(options)))), fail);
}

/** The category list in force. Replacing it from a CSV is all-or-nothing. */
export class Categories {
  #native = new core.Categories();

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
    return unwrap(withInput(csvInput(csv), (p, n) => heapReply(this.#native.replaceFromCsv(p, n, JSON.stringify(options)))), fail);
  }

  /** [{category, subCategory}] in file order. */
  get pairs() { return unwrap(this.#native.list(), fail).pairs; }

  /** {category|null, subCategory|null, confidence, alternatives}; category null when it declines. */
  classify(conversation, options) {
    return unwrap(withInput(text(conversation), (p, n) => this.#native.classify(p, n, options ? JSON.stringify(options) : '')), fail);
  }

  /** The list's spelling of a proposed pair; throws CategoryError CATEGORY_NOT_FOUND naming the closest pairs. */
  resolve({ category, subCategory = '' }) {
    return unwrap(this.#native.resolve(String(category ?? ''), String(subCategory ?? '')), fail);
  }
}
