// The engine's compile and parse called directly (not through the façade, which leaves
// freeing to the GC), for the compile and parse rows of the benchmarks.

// One compile / parse through the binding, freed at once. Packages since the plain exports
// (no Embind for the JSONata engine) have tb_expression_new; before them, Embind classes that
// filled an object by a method (compile / parse, answering an address); older ones still took
// the input in the constructor.
export function nativeCompile(core, src, withInput) {
  if (core._tb_expression_new) {
    const at = core._tb_expression_new();
    withInput(src, (p, n) => core._tb_expression_compile(at, p, n));
    core._tb_expression_delete(at);
  } else if (typeof core.Expression.prototype.compile === 'function') {
    const n = new core.Expression();
    n.compile(src);
    n.delete();
  } else {
    const n = new core.Expression(src);
    n.error?.();
    n.delete();
  }
}

export function nativeParse(core, withInput, body) {
  if (core._tb_document_new) {
    const at = core._tb_document_new();
    withInput(body, (p, n) => core._tb_document_parse(at, p, n));
    core._tb_document_delete(at);
  } else if (typeof core.Document.prototype.parse === 'function') {
    const d = new core.Document();
    withInput(body, (p, n) => d.parse(p, n));
    d.delete();
  } else {
    withInput(body, (p, n) => new core.Document(p, n)).delete();
  }
}
