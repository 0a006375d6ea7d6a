// Boolean, type and error built-ins, and $eval.
#include <cmath>

#include "builtins.hpp"
#include "eval_internal.hpp"
#include "parser.hpp"

namespace tb::jsonata {
namespace {

Value fn_boolean(Call& c, const Value* args, std::size_t n) { return c.ev.boolean(arg(args, n, 0)); }

Value fn_not(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  if (a.is_undefined()) return a;
  int t = c.ev.truthy(a);
  return t < 0 ? Value::error() : Value::boolean(t == 0);
}

Value fn_exists(Call& c, const Value* args, std::size_t n) { return Value::boolean(!arg(args, n, 0).is_undefined()); }

Value fn_type(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  switch (a.kind) {
    case Kind::Undefined: return a;
    case Kind::Null: return Value::ascii("null");
    case Kind::Number: {
      int num = c.ev.numeric(a);
      if (num < 0) return Value::error();
      return Value::ascii(num ? "number" : "object");  // NaN falls through to "object" in jsonata-js
    }
    case Kind::String: return Value::ascii("string");
    case Kind::Bool: return Value::ascii("boolean");
    case Kind::Array: return Value::ascii("array");
    case Kind::Function: return Value::ascii("function");
    default: return Value::ascii("object");
  }
}

Value fn_error(Call& c, const Value* args, std::size_t n) {
  Value m = arg(args, n, 0);
  EvalError& e = c.ev.fail("D3137");
  e.has_message = true;
  e.message = m.kind == Kind::String && m.len ? std::string(m.sv()) : "$error() function evaluated";
  return Value::error();
}

Value fn_assert(Call& c, const Value* args, std::size_t n) {
  Value cond = arg(args, n, 0), m = arg(args, n, 1);
  if (cond.kind == Kind::Bool && cond.b) return Value::undefined();
  EvalError& e = c.ev.fail("D3141");
  e.has_message = true;
  e.message = m.kind == Kind::String && m.len ? std::string(m.sv()) : "$assert() statement failed";
  return Value::error();
}

bool is_guardrail(const std::string& code) {
  return code == "D1011" || code == "D1012" || code == "JSONATA_MEMORY_LIMIT" || code == "REGEX_STEP_LIMIT";
}

Value fn_eval(Call& c, const Value* args, std::size_t n) { return eval_expression_string(c, arg(args, n, 0), arg(args, n, 1)); }

const Builtin kMisc[] = {
    {"boolean", "<x-:b>", 1, 1, fn_boolean},
    {"not", "<x-:b>", 1, 1, fn_not},
    {"exists", "<x:b>", 1, 1, fn_exists},
    {"type", "<x:s>", 1, 1, fn_type},
    {"error", "<s?:x>", 1, 1, fn_error},
    {"assert", "<bs?:x>", 2, 2, fn_assert},
    {"eval", "<sx?:x>", 2, 2, fn_eval},
};

}  // namespace

Value eval_expression_string(Call& c, Value expr, Value focus) {
  Eval& ev = c.ev;
  if (expr.is_undefined()) return expr;
  Value input = c.input;
  if (!focus.is_undefined()) {
    input = focus;
    if (input.kind == Kind::Array && !input.arr->has(kSequence)) {
      Array* wrap = ev.new_seq(1);
      if (!wrap) return Value::error();
      wrap->flags |= kOuterWrapper;
      wrap->items[wrap->size++] = focus;
      input = Value::array(wrap);
    }
  }
  auto prog = std::make_unique<Program>();
  EvalError perr;
  if (!compile_program(*prog, expr.sv(), perr)) {
    std::string inner = render_message(perr);
    EvalError& e = ev.fail("D3120");
    e.set_value(Value::string(inner.data(), inner.size()));
    return Value::error();
  }
  const Node* root = prog->root;
  ev.eval_programs.push_back(std::move(prog));
  Value r = ev.eval(root, input, c.env);
  if (r.is_error() && !is_guardrail(ev.err.code)) {
    std::string inner = render_message(ev.err);
    EvalError& e = ev.fail("D3121");
    e.set_value(Value::string(inner.data(), inner.size()));
  }
  return r;
}

const Builtin* misc_builtins(std::size_t* n) {
  *n = sizeof kMisc / sizeof kMisc[0];
  return kMisc;
}

}  // namespace tb::jsonata
