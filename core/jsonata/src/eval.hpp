#pragma once
// The evaluator: one Eval per evaluation, owning the arena everything it builds lives in.
// Its structure follows jsonata-js's evaluate() closely (same recursion, same sequence rules,
// same depth accounting) because conformance depends on those details. Every function returns
// a Value; a Kind::Error value means the error is recorded in Eval::err and must be passed up.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "ticketbridge/jsonata.hpp"
#include "ast.hpp"
#include "errors.hpp"
#include "regex/regex.hpp"
#include "value.hpp"

namespace tb::jsonata {

struct Builtin;

struct Binding {
  const char* name;
  std::uint32_t len;
  std::uint32_t hash;
  Value value;
};

/// A scope: block, lambda call or tuple. Lives in the evaluation arena; closures keep it.
/// A frame no closure captured is recycled when its block or call ends, so long-running
/// tail-recursive loops run in constant memory.
struct Frame {
  Frame* parent;
  Binding* items;
  std::uint32_t size;
  std::uint32_t cap;
  bool captured;  // a closure (or a descendant's closure) refers to it
  bool call;      // created for a lambda call (the root of a call's scopes)
};

struct CallStamp {
  std::uint32_t pos;
  const Node* token;
};

enum class FnKind : std::uint8_t { Lambda, Builtin, Partial, Regex, RegexNext, Transform };

struct Function {
  FnKind kind;
  bool thunk;
  std::uint32_t nparams;
  const Node* node;              // Lambda: the lambda node; Transform: the transform node
  Frame* env;                    // closure scope
  Value input;                   // Lambda: focus when created
  const Node* const* params;     // Lambda: parameter variables (unbound ones after partial application)
  const Signature* signature;    // Lambda: null after partial application
  const Builtin* builtin;        // Builtin
  Function* target;              // Partial: the native function being partially applied
  Value* args;                   // Partial: bound arguments, placeholders where `holes` says
  std::uint64_t holes;           // Partial: bit i set = argument i comes from the call
  const regex::Regex* re;        // Regex / RegexNext
  Value subject;                 // RegexNext: the string
  std::uint32_t next_index;      // RegexNext: UTF-16 index to continue from
  // jsonata-js writes the position and name of the latest call onto the function object and
  // uses them for errors raised inside it; kept here (built-ins: Eval::builtin_stamps).
  CallStamp stamp;
};

using BuiltinFn = Value (*)(struct Call& c, const Value* args, std::size_t n);

struct Builtin {
  const char* name;
  const char* signature;
  int arity;          // what jsonata-js's getFunctionArity reports (JavaScript Function.length)
  int native_params;  // declared parameters, used by partial application
  BuiltinFn fn;
  int host = -1;      // a host function: its index in Limits::host_functions
};

class Eval {
 public:
  Eval(Arena& arena, const Limits& limits);

  Arena& arena;
  const Limits& limits;
  EvalError err;
  int depth = 0;
  int nesting = 0;  // eval() and apply() frames on the machine stack
  std::uint32_t ticks = 0;
  double start_ms = 0;
  const char* stack_base = nullptr;
  regex::StepBudget budget;
  bool have_timestamp = false;
  double timestamp = 0;
  std::vector<std::unique_ptr<Program>> eval_programs;  // $eval'd code, alive until the end
  CallStamp* builtin_stamps = nullptr;  // per built-in for this evaluation, made on first call
  // $formatNumber's last analysed picture and options (builtins_numeric.cpp): a picture is
  // usually applied to every item of a sequence, and analysing it was 3/4 of each call.
  std::shared_ptr<void> number_picture_cache;

  Value eval(const Node* expr, Value input, Frame* env);
  Value apply(Value proc, const Value* args, std::size_t n, Value input, Frame* env);
  Value call_function(const Node* expr, Value input, Frame* env, const Value* applyto);

  // Errors: fail() starts a new error and returns it for the caller to fill in.
  EvalError& fail(const char* code);
  Value oom();
  // D1011 ("stack overflow") with the depth limit as its value: every recursion guard's error.
  [[gnu::cold, gnu::noinline]] Value stack_overflow();
  Value error_value() const { return Value::error(); }

  // Allocation helpers (null on out-of-memory, with the error recorded).
  Frame* new_frame(Frame* parent);
  void release(Frame* f);          // back to the free list (not captured, no longer used)
  static void capture(Frame* f);   // a closure keeps f and its ancestors
  Function* new_thunk();
  void release(Function* thunk);
  bool bind(Frame* f, std::string_view name, std::uint32_t hash, Value v);
  Array* new_seq(std::size_t cap = 4);
  Value make_string(std::string_view s);
  char* alloc_chars(std::size_t n);
  bool seq_push(Array* seq, Value v);  // D2015-checked push into a sequence

  /// Time and memory limits, for loops in built-ins that run long without evaluating
  /// anything (the evaluator checks them every few evaluations). False with the error set.
  bool check_limits();

  int numeric(Value v);      // 1 number, 0 not, -1 error (D1001 for infinities)
  int truthy(Value v);       // fn.boolean: 1, 0, -1 error; undefined counts as false
  Value boolean(Value v);    // fn.boolean: undefined stays undefined

 private:
  Value dispatch(const Node* expr, Value input, Frame* env);
  Value apply_loop(Value proc, const Value* args, std::size_t n, Value input, Frame* env);
  Value guard_failed();
  Frame* free_frames_ = nullptr;
  Function* free_thunks_ = nullptr;
};

Value lookup_variable(Frame* env, std::string_view name, std::uint32_t hash, int builtin);

/// Context a built-in runs with: the caller's focus (jsonata-js's `this`).
struct Call {
  Eval& ev;
  Value input;
  Frame* env;
  const Builtin* self = nullptr;  // the built-in being called (host functions need to know which)
};

}  // namespace tb::jsonata
