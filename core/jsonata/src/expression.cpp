// Public API: Document (parsed JSON) and Expression (compiled JSONata).
#include "ticketbridge/jsonata.hpp"

#include "arena.hpp"
#include "ast_json.hpp"
#include "ast.hpp"
#include "eval.hpp"
#include "host_functions.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#include "parser.hpp"
#include "utf.hpp"

namespace tb::jsonata {

struct Document::Impl {
  Arena arena;
  Value root = Value::undefined();
};

struct Expression::Impl {
  Program program;
  const Projection* input = nullptr;  // what evaluate_json builds of its input (null: all)
  bool reads_keys = false;            // `input` assumes `$keys` is the built-in
};

namespace {
std::function<double()>& clock_slot() {
  static std::function<double()> clock;
  return clock;
}
}  // namespace

void set_default_clock(std::function<double()> clock) { clock_slot() = std::move(clock); }
const std::function<double()>& default_clock() { return clock_slot(); }

Document::Document() = default;
Document::~Document() = default;
Document::Document(const Document&) = default;
Document& Document::operator=(const Document&) = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

namespace {

// A JSON reading error as the API reports it: the byte offset in `position`.
Error read_error(const JsonReadError& err) {
  Error e = make_error(err.code, err.message);
  e.position = static_cast<std::int64_t>(err.offset);
  return e;
}

}  // namespace

Result<Document> Document::parse(std::string_view json_text, int max_nesting) {
  auto impl = std::make_shared<Impl>();
  JsonReadError err;
  if (!read_json(impl->arena, json_text.data(), json_text.size(), max_nesting, impl->root, err)) return read_error(err);
  Document d;
  d.impl_ = std::move(impl);
  return d;
}

JsonView Document::root() const { return impl_ ? JsonView(&impl_->root) : JsonView(); }

Expression::Expression() = default;
Expression::~Expression() = default;
Expression::Expression(const Expression&) = default;
Expression& Expression::operator=(const Expression&) = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

Result<Expression> Expression::compile(std::string_view source) {
  // The lexer and parser decode UTF-8 without bounds checks; prove the text first. Lone
  // surrogates (WTF-8) are accepted: a JavaScript expression string may hold them.
  if (!utf::is_ascii(source.data(), source.size()) && !utf::valid_wtf8(source.data(), source.size()))
    return make_error("JSONATA_INVALID_UTF8", "the expression is not valid UTF-8");
  auto impl = std::make_shared<Impl>();
  EvalError err;
  if (!compile_program(impl->program, source, err)) return to_public(err);
  impl->input = plan_projection(impl->program);
  impl->reads_keys = reads_keys(impl->input);
  Expression e;
  e.impl_ = std::move(impl);
  return e;
}

namespace {

Value root_of(const Document* d) {
  if (!d || !d->impl()) return Value::undefined();
  return d->impl()->root;
}

// One evaluation over input and bindings already read (from Documents, or by evaluate_json).
Result<Output> run(const Program& program, Value in, Value b, const Limits& limits) {
  // Small evaluations live entirely in this stack buffer.
  alignas(8) char first_block[2048];
  Arena arena;
  arena.use_buffer(first_block, sizeof first_block);
  Eval ev(arena, limits);
  char base = 0;
  ev.stack_base = &base;
  // Only a time limit needs the start time: a host clock may cost a call out of the module.
  if (limits.time_limit_ms > 0 && limits.clock) ev.start_ms = limits.clock();
  Frame* root = ev.new_frame(nullptr);
  if (!root) return to_public(ev.err);
  HostBindings host;  // the host's functions: bound first, so bindings may shadow them
  if (!bind_host_functions(ev, root, host)) return to_public(ev.err);
  if (b.kind == Kind::Object) {
    for (std::uint32_t i = 0; i < b.obj->size; ++i) {
      const Entry& e = b.obj->entries[i];
      if (!ev.bind(root, e.k(), e.hash, e.value)) return to_public(ev.err);
    }
  } else if (!b.is_undefined()) {
    return make_error("JSONATA_BAD_BINDINGS", "bindings must be a JSON object");
  }
  static const std::uint32_t dollar_hash = hash_key("$", 1);
  if (!ev.bind(root, std::string_view("$", 1), dollar_hash, in)) return to_public(ev.err);
  if (in.kind == Kind::Array) {
    Array* wrap = new_array(arena, 1, kSequence | kOuterWrapper);
    if (!wrap) return make_error("JSONATA_MEMORY_LIMIT", "Out of memory while evaluating the expression");
    wrap->items[wrap->size++] = in;
    in = Value::array(wrap);
  }
  Value r = ev.eval(program.root, in, root);
  if (r.is_error()) return to_public(ev.err);
  Output out;
  if (r.is_undefined()) return out;
  out.defined = true;
  if (r.kind == Kind::Function) return out;
  // Written into a buffer kept per thread, then copied at its size: most answers are short
  // enough for std::string's inline storage, so a call allocates nothing for its answer.
  static thread_local std::string text;
  text.clear();
  WriteOptions o;
  WriteStatus status = write_json(text, r, o);
  if (status != WriteStatus::TooDeep) out.json.assign(text.data(), text.size());
  if (text.capacity() > (64u << 10)) std::string().swap(text);
  if (status == WriteStatus::TooDeep) {
    EvalError& e = ev.fail("D1011");
    e.set_value(Value::number(limits.max_depth));
    return to_public(e);
  }
  return out;
}

}  // namespace

std::string Expression::input_plan_json() const { return impl_ ? plan_json(impl_->input) : "null"; }

std::string Expression::ast_json() const { return impl_ ? jsonata::ast_json(impl_->program.root) : "null"; }

Result<Output> Expression::evaluate(const Document& input, const Document* bindings, const Limits& limits) const {
  if (!impl_) return make_error("JSONATA_NOT_COMPILED", "the expression was not compiled");
  return run(impl_->program, root_of(&input), root_of(bindings), limits);
}

Result<Output> Expression::evaluate_json(std::string_view input_json, std::string_view bindings_json,
                                         const Limits& limits) const {
  if (!impl_) return make_error("JSONATA_NOT_COMPILED", "the expression was not compiled");
  // The texts are read for this one evaluation, into an arena that starts on the stack: no
  // shared Document, and no allocation at all for small inputs.
  alignas(8) char first_block[4096];
  Arena arena;
  arena.use_buffer(first_block, sizeof first_block);
  JsonReadError err;
  Value in = Value::undefined(), b = Value::undefined();
  // Only what the expression can reach is built (projection.hpp). A plan that reads keys
  // counts on `$keys` being the built-in, which bindings and host functions may shadow: with
  // either, the input is read whole.
  const Projection* plan = impl_->input;
  if (impl_->reads_keys && (!bindings_json.empty() || limits.host_functions)) plan = nullptr;
  if (!input_json.empty() && !read_json(arena, input_json.data(), input_json.size(), 256, in, err, plan))
    return read_error(err);
  if (!bindings_json.empty() && !read_json(arena, bindings_json.data(), bindings_json.size(), 256, b, err))
    return read_error(err);
  return run(impl_->program, in, b, limits);
}

}  // namespace tb::jsonata
