// The JSONata engine's surface, plain WASM exports without Embind: compiling an expression,
// parsing a document, and the evaluation hot path, all measured (docs/benchmarks.md). Compiling
// and parsing answer with a number, the object's address, or 0 on failure, when the error
// export gives the reply (ticketbridge/reply.hpp). The façade calls them with numbers, and an
// evaluation's answer is a {tag, pointer, length} record in the heap whose error text is a
// reply too. What this file adds to the engine are the host facilities the
// core must not have: clocks and randomness.
#include <emscripten/emscripten.h>

#include <string>

#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/reply.hpp"
#include "handles.hpp"
#include "heap_io.hpp"
#include "host_calls.hpp"

namespace {

using tb::reply_error;

EM_JS(double, host_date_now, (), { return Date.now(); });
EM_JS(double, host_random, (), { return Math.random(); });

using tbwasm::heap_text;

// The Output tab's default time limit runs on the page's / process's monotonic clock.
const bool default_clock_set = [] {
  tb::jsonata::set_default_clock([] { return emscripten_get_now(); });
  return true;
}();

// The host facilities of every evaluation, made once: building three std::functions per call
// was a measurable part of a small evaluation.
const tb::jsonata::Limits& host_limits() {
  static const tb::jsonata::Limits limits = [] {
    tb::jsonata::Limits l;
    l.clock = [] { return emscripten_get_now(); };
    l.wall_clock_ms = [] { return host_date_now(); };
    l.random = [] { return host_random(); };
    return l;
  }();
  return limits;
}

// JSON text parsed once inside the module, for evaluating several expressions (or one many
// times) over the same input without copying and parsing it on every call.
class DocumentBinding {
 public:
  // The number the façade hands to tb_expression_run_document, or 0 when the text is not JSON
  // (error() then has the reply). A number rather than a reply text because parseJson is on
  // the measured path: returning a string through Embind cost about 1 µs, a third of parsing
  // a ServiceNow body.
  std::uintptr_t parse(std::uintptr_t text_ptr, std::size_t text_len) {
    auto d = tb::jsonata::Document::parse(heap_text(text_ptr, text_len));
    if (!d) {
      error_ = reply_error(d.error());
      return 0;
    }
    doc_ = std::move(d).value();
    error_.clear();
    return reinterpret_cast<std::uintptr_t>(this);
  }
  // The reply of the last parse that failed.
  std::string error() const { return error_; }
  const tb::jsonata::Document& doc() const { return doc_; }

 private:
  tb::jsonata::Document doc_;
  std::string error_;
};

class ExpressionBinding {
 public:
  // The number the façade hands to tb_expression_run, or 0 when the source does not compile
  // (error() then has the reply): compiling is on the measured path too, as parse() is.
  std::uintptr_t compile(const std::string& source) {
    auto r = tb::jsonata::Expression::compile(source);
    if (!r) {
      error_ = reply_error(r.error());
      compiled_ = false;
      return 0;
    }
    expr_ = std::move(r).value();
    compiled_ = true;
    return reinterpret_cast<std::uintptr_t>(this);
  }
  // The reply of the last compile that failed.
  std::string error() const { return error_; }
  // A reply with the members of its input the expression can reach (null: all), so the façade
  // hands over only those of a JavaScript object input; asked for at the first such input.
  std::string plan() const {
    if (!compiled_) return reply_error(not_compiled_error());
    return tb::reply_json_text(expr_.input_plan_json());
  }

  // The hot path does not go through Embind at all: the façade calls the plain exports
  // tb_expression_run / tb_expression_run_document below with this address and numbers, a
  // direct WASM call (Embind's method invoker and argument checks cost as much as a small
  // evaluation). Input and bindings are JSON text in the heap (length 0 = none), max_depth < 0
  // and time_limit_ms <= 0 keep the defaults. The answer stays in this object until the next
  // call; the return value points at {tag, pointer, length}, tag 'v' (JSON text of the value),
  // 'u' (undefined) or 'e' (an error reply), and the façade decodes it.
  std::uintptr_t run(std::uintptr_t input_ptr, std::size_t input_len, std::uintptr_t bindings_ptr,
                     std::size_t bindings_len, int max_depth, double time_limit_ms) const {
    if (!compiled_) return not_compiled();
    if (max_depth >= 0 || time_limit_ms > 0) {
      const tb::jsonata::Limits limits = custom_limits(max_depth, time_limit_ms);
      return answer(expr_.evaluate_json(heap_text(input_ptr, input_len), heap_text(bindings_ptr, bindings_len), limits));
    }
    return answer(expr_.evaluate_json(heap_text(input_ptr, input_len), heap_text(bindings_ptr, bindings_len), host_limits()));
  }

  // run() with JavaScript functions lent to the evaluation (`hosts`: JSON text of
  // [{name, signature, arity}], see host_calls.hpp); the same reply. Kept apart from run()
  // so the hot path never builds a function list.
  std::uintptr_t run_hosted(std::uintptr_t input_ptr, std::size_t input_len, std::uintptr_t bindings_ptr,
                            std::size_t bindings_len, std::uintptr_t hosts_ptr, std::size_t hosts_len, int max_depth,
                            double time_limit_ms) const {
    if (!compiled_) return not_compiled();
    auto hosts = tbwasm::host_functions_from_json(heap_text(hosts_ptr, hosts_len));
    if (!hosts) return reply('e', reply_error(hosts.error()));
    tb::jsonata::Limits limits = custom_limits(max_depth, time_limit_ms);
    limits.host_functions = &hosts.value();
    return answer(expr_.evaluate_json(heap_text(input_ptr, input_len), heap_text(bindings_ptr, bindings_len), limits));
  }

  // The parsed tree in jsonata-js's ast() shape (the drop-in's ast()); the same reply, 'v'.
  std::uintptr_t ast() const {
    if (!compiled_) return not_compiled();
    return reply('v', expr_.ast_json());
  }

  // run() over a Document parsed earlier; the same reply.
  std::uintptr_t run_document(const DocumentBinding& input, std::uintptr_t bindings_ptr, std::size_t bindings_len,
                              int max_depth, double time_limit_ms) const {
    if (!compiled_) return not_compiled();
    if (max_depth >= 0 || time_limit_ms > 0) {
      const tb::jsonata::Limits limits = custom_limits(max_depth, time_limit_ms);
      return evaluate_document(input, bindings_ptr, bindings_len, limits);
    }
    return evaluate_document(input, bindings_ptr, bindings_len, host_limits());
  }

 private:
  // The shared host limits with the caller's depth / time limit over them. Only built when
  // asked for: a Limits holds three std::functions, a cost on every call of the hot path.
  static tb::jsonata::Limits custom_limits(int max_depth, double time_limit_ms) {
    tb::jsonata::Limits custom = host_limits();
    if (max_depth >= 0) custom.max_depth = max_depth;
    if (time_limit_ms > 0) custom.time_limit_ms = time_limit_ms;
    return custom;
  }

  std::uintptr_t evaluate_document(const DocumentBinding& input, std::uintptr_t bindings_ptr, std::size_t bindings_len,
                                   const tb::jsonata::Limits& limits) const {
    if (bindings_len == 0) return answer(expr_.evaluate(input.doc(), nullptr, limits));
    auto b = tb::jsonata::Document::parse(heap_text(bindings_ptr, bindings_len));
    if (!b) return reply('e', reply_error(b.error()));
    return answer(expr_.evaluate(input.doc(), &b.value(), limits));
  }

  static tb::Error not_compiled_error() {
    return tb::make_error("JSONATA_NOT_COMPILED", "the expression did not compile");
  }
  std::uintptr_t not_compiled() const { return reply('e', reply_error(not_compiled_error())); }

  std::uintptr_t answer(tb::jsonata::Result<tb::jsonata::Output>&& r) const {
    if (!r) return reply('e', reply_error(r.error()));
    if (!r.value().defined) return reply('u', std::string());
    return reply('v', std::move(r.value().json));
  }

  std::uintptr_t reply(char tag, std::string text) const {
    reply_text_ = std::move(text);
    reply_[0] = static_cast<std::uint32_t>(tag);
    reply_[1] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(reply_text_.data()));
    reply_[2] = static_cast<std::uint32_t>(reply_text_.size());
    return reinterpret_cast<std::uintptr_t>(reply_);
  }

  tb::jsonata::Expression expr_;
  bool compiled_ = false;
  std::string error_;
  mutable std::string reply_text_;
  mutable std::uint32_t reply_[3] = {0, 0, 0};
};

}  // namespace

// The evaluation entry points, called by the façade with the addresses of an Expression (and
// a Document) it holds. A null expression resolves Emscripten's lazy export wrapper once at
// load time, so the façade can keep the raw export.
extern "C" {

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_run(std::uintptr_t expression, std::uintptr_t input_ptr,
                                                      std::size_t input_len, std::uintptr_t bindings_ptr,
                                                      std::size_t bindings_len, int max_depth, double time_limit_ms) {
  if (!expression) return 0;
  return reinterpret_cast<const ExpressionBinding*>(expression)
      ->run(input_ptr, input_len, bindings_ptr, bindings_len, max_depth, time_limit_ms);
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_run_hosted(std::uintptr_t expression, std::uintptr_t input_ptr,
                                                             std::size_t input_len, std::uintptr_t bindings_ptr,
                                                             std::size_t bindings_len, std::uintptr_t hosts_ptr,
                                                             std::size_t hosts_len, int max_depth, double time_limit_ms) {
  if (!expression) return 0;
  return reinterpret_cast<const ExpressionBinding*>(expression)
      ->run_hosted(input_ptr, input_len, bindings_ptr, bindings_len, hosts_ptr, hosts_len, max_depth, time_limit_ms);
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_run_document(std::uintptr_t expression, std::uintptr_t document,
                                                               std::uintptr_t bindings_ptr, std::size_t bindings_len,
                                                               int max_depth, double time_limit_ms) {
  if (!expression || !document) return 0;
  return reinterpret_cast<const ExpressionBinding*>(expression)
      ->run_document(*reinterpret_cast<const DocumentBinding*>(document), bindings_ptr, bindings_len, max_depth,
                     time_limit_ms);
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_ast(std::uintptr_t expression) {
  if (!expression) return 0;
  return reinterpret_cast<const ExpressionBinding*>(expression)->ast();
}

}  // extern "C"

// Creating, compiling, parsing, reading a failure's reply or the projection plan, and freeing
// are plain exports as well (wasm/js/native-jsonata.mjs wraps them): with no Embind class in
// this file, the JSONata-only module links no Embind at all. Embind's runtime was most of that
// module's JavaScript glue, and registering its two classes half of instantiating it
// (docs/benchmarks.md, "Where the Node cold start goes").
namespace {

using tbwasm::text_record;

ExpressionBinding* expression_at(std::uintptr_t at) { return reinterpret_cast<ExpressionBinding*>(at); }
DocumentBinding* document_at(std::uintptr_t at) { return reinterpret_cast<DocumentBinding*>(at); }

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_new() { return tbwasm::new_handle<ExpressionBinding>(); }
EMSCRIPTEN_KEEPALIVE void tb_expression_delete(std::uintptr_t expression) {
  tbwasm::delete_handle<ExpressionBinding>(expression);
}
// The source is UTF-8 (WTF-8 for lone surrogates) in the heap; the answer is compile()'s.
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_compile(std::uintptr_t expression, std::uintptr_t source,
                                                          std::size_t length) {
  return expression_at(expression)->compile(std::string(heap_text(source, length)));
}
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_error(std::uintptr_t expression) {
  static std::string text;
  text = expression_at(expression)->error();
  return text_record(text);
}
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_plan(std::uintptr_t expression) {
  static std::string text;
  text = expression_at(expression)->plan();
  return text_record(text);
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_document_new() { return tbwasm::new_handle<DocumentBinding>(); }
EMSCRIPTEN_KEEPALIVE void tb_document_delete(std::uintptr_t document) { tbwasm::delete_handle<DocumentBinding>(document); }
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_document_parse(std::uintptr_t document, std::uintptr_t text,
                                                      std::size_t length) {
  return document_at(document)->parse(text, length);
}
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_document_error(std::uintptr_t document) {
  static std::string text;
  text = document_at(document)->error();
  return text_record(text);
}

}  // extern "C"
