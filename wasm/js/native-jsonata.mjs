// The engine's compiled expressions and parsed documents as the façade holds them: the plain
// WASM exports of wasm/src/jsonata_bindings.cpp, wrapped in objects with the methods the
// façade calls (compile / parse answer the object's address or 0; error() and plan() answer a
// reply text, ticketbridge/reply.hpp; delete() frees it, once). No Embind: the JSONata-only
// module links none, which took most of its JavaScript glue and half of its instantiation.
import { core, heapReply, outOfMemory, withInput } from './core.mjs';

export class NativeExpression {
  constructor() {
    this.at = core._tb_expression_new();
    if (!this.at) throw outOfMemory(64);
  }

  /** `source`: a string, or its WTF-8 bytes (a source holding lone surrogates). */
  compile(source) {
    return withInput(source, (p, n) => core._tb_expression_compile(this.at, p, n));
  }

  error() { return heapReply(core._tb_expression_error(this.at)); }

  plan() { return heapReply(core._tb_expression_plan(this.at)); }

  delete() {
    if (this.at) core._tb_expression_delete(this.at);
    this.at = 0;
  }
}

export class NativeDocument {
  constructor() {
    this.at = core._tb_document_new();
    if (!this.at) throw outOfMemory(64);
  }

  /** The text's address and length in the heap; answers the document's address or 0. */
  parse(ptr, len) { return core._tb_document_parse(this.at, ptr, len); }

  error() { return heapReply(core._tb_document_error(this.at)); }

  delete() {
    if (this.at) core._tb_document_delete(this.at);
    this.at = 0;
  }
}
