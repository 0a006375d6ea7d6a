#pragma once
/// @file
/// @brief The project's JSONata engine: compile once, evaluate many times.
///
/// The language and its answers follow the reference implementation
/// (jsonata-js 2.2.2). Errors carry the reference's codes (S0xxx, T0xxx,
/// D1xxx..D3xxx), `position` and `token`. Evaluation is guarded by Limits so a
/// hostile expression ends with an error instead of taking the host down.
///
/// This header and result.hpp are the engine's whole public surface (the library
/// `ticketbridge::jsonata`, usable without the rest of ticketbridge).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ticketbridge/result.hpp"

namespace tb::jsonata {

/// @brief An engine failure, with the reference's details: `code` (S0xxx, T0xxx, D1xxx..D3xxx,
/// or one of the engine's own such as JSONATA_INVALID_UTF8), the `message` jsonata-js would
/// give, and where it applies the `position`, the offending `token` and `value`.
struct Error {
  std::string code;
  std::string message;
  std::int64_t position = -1;     ///< character offset in the expression, or byte offset in JSON input (-1 = none)
  std::string token;              ///< the offending token ("" = none)
  bool token_is_literal = false;  ///< `token` is the JSON text of a number, true, false or null
  std::string value_json;         ///< JSON text of the offending value ("" = none)
};

inline Error make_error(std::string code, std::string message) {
  Error e;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

template <class T>
using Result = BasicResult<T, Error>;

/// @brief A function the host lends to expressions as `$name` (jsonata-js's registerFunction,
/// or a function passed among the bindings). The engine checks the arguments against
/// `signature` (JSONata signature syntax, e.g. "<n-n:n>"; empty = unchecked), hands them over
/// as the text of a JSON array, and reads the answer back as JSON text ("" = undefined). An
/// error ends the evaluation with that error. The core stays free of I/O: what `call` does is
/// the host's business.
struct HostFunction {
  std::string name;  ///< without the '$'
  std::string signature;
  int arity = 0;     ///< parameters it declares (what $map and friends pass it, as jsonata-js reads Function.length)
  std::function<Result<std::string>(std::string_view args_json)> call;
};

/// @brief Per-evaluation guardrails. Zero means "no limit" where noted.
struct Limits {
  int max_depth = 1000;                 ///< evaluation depth (D1011 / U1001)
  double time_limit_ms = 0;             ///< 0 = none; needs `clock` (D1012 / U1001)
  std::size_t max_sequence = 10000000;  ///< items in one sequence (D2015)
  std::size_t max_range = 10000000;     ///< items produced by the `..` operator (D2014)
  /// Host-provided monotonic clock in milliseconds; the core never reads a clock.
  std::function<double()> clock;
  /// Host-provided milliseconds since the epoch for `$now()` / `$millis()`.
  std::function<double()> wall_clock_ms;
  /// Host-provided uniform random in [0,1) for `$random()` / `$shuffle()`.
  std::function<double()> random;
  /// Real C++ stack the evaluator may use below its entry point (D1011 beyond it); guards
  /// hosts that raise max_depth. Measured use is documented in docs/jsonata.md.
  std::size_t max_stack_bytes = 4u << 20;
  /// Nested evaluation and function-application frames (D1011 beyond it). Under
  /// WebAssembly the machine stack is the JavaScript engine's (about 1 MB in V8) and cannot
  /// be measured from inside; this bound keeps recursion through built-ins ($map, $reduce,
  /// callbacks) within it. See docs/jsonata.md for the measurements behind the default.
  int max_frames = 1200;
  /// Memory one evaluation may allocate (JSONATA_MEMORY_LIMIT beyond it).
  std::size_t max_memory = 512u << 20;
  /// Functions the host provides for this evaluation (bound before the bindings, which may
  /// shadow them); null for none.
  const std::vector<HostFunction>* host_functions = nullptr;
};

/// @brief The host's monotonic clock (ms) for limits the engine applies on the host's
/// behalf (the Output tab's default time limit). The core never reads a clock itself: a
/// host sets this once at start (the WebAssembly module does); without it those limits
/// cannot measure time and do not apply.
void set_default_clock(std::function<double()> clock);
const std::function<double()>& default_clock();

class Document;

/// @brief A read-only look at one value of a parsed Document, for hosts that read JSON with the
/// engine's reader: it keeps lone surrogates ("\ud800") as JavaScript does, where UTF-8 JSON
/// libraries refuse them. Valid while the Document it came from lives; cheap to copy.
class JsonView {
 public:
  enum class Type : unsigned char { Undefined, Null, Boolean, Number, String, Array, Object };

  JsonView() = default;
  Type type() const;
  bool defined() const { return type() != Type::Undefined; }
  bool boolean() const;                        ///< false unless a Boolean
  double number() const;                       ///< 0 unless a Number
  std::string_view string() const;             ///< "" unless a String (WTF-8: lone surrogates kept)
  std::size_t size() const;                    ///< an Array's items or an Object's members; else 0
  JsonView item(std::size_t i) const;          ///< an Array's item i (Undefined past the end)
  std::string_view key(std::size_t i) const;   ///< an Object's member i: its name (in JavaScript's order)
  JsonView value(std::size_t i) const;         ///< an Object's member i: its value
  JsonView find(std::string_view name) const;  ///< an Object's member by name (Undefined when absent)
  std::string json() const;                    ///< JSON text, as JSON.stringify writes it

 private:
  friend class Document;
  explicit JsonView(const void* value) : value_(value) {}
  const void* value_ = nullptr;  // the engine's own value, inside the Document's memory
};

/// @brief A JSON string literal for `text`, escaped as JSON.stringify escapes it.
std::string quote_json(std::string_view text);
/// @brief The same, appended to `out` (no string of its own).
void append_quoted_json(std::string& out, std::string_view text);

/// @brief A number as JavaScript's Number.prototype.toString prints it (what the engine
/// writes): shortest round trip, "1e+21", "1e-7", "-0" as "0", NaN / Infinity by name.
std::string number_text(double value);

/// @brief JSON text parsed once into the evaluator's own representation, immutable and
/// reusable across evaluations (the Output tab's expressions all read the same body).
class Document {
 public:
  /// Parse JSON text. Rejects invalid JSON / UTF-8 and nesting deeper than `max_nesting`.
  static Result<Document> parse(std::string_view json_text, int max_nesting = 256);
  Document();
  ~Document();
  Document(const Document&);
  Document& operator=(const Document&);
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  /// The parsed value (Undefined for a default-constructed Document).
  JsonView root() const;
  struct Impl;
  const Impl* impl() const { return impl_.get(); }

 private:
  std::shared_ptr<const Impl> impl_;
};

/// @brief The outcome of an evaluation: JSON text of the result, or `defined == false`
/// when the result is JSONata's `undefined` (no match).
struct Output {
  bool defined = false;
  std::string json;  ///< JSON text of the result when defined (functions serialise as "")
};

/// @brief A compiled expression. Copies share the compiled form; thread-compatible.
class Expression {
 public:
  /// Compile JSONata source text. Syntax errors come back as S0xxx codes with position and token.
  static Result<Expression> compile(std::string_view source);

  Expression();
  ~Expression();
  Expression(const Expression&);
  Expression& operator=(const Expression&);
  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;

  /// Evaluate over a parsed document; `bindings`, when given, must be a JSON object whose
  /// members become `$name` variables.
  Result<Output> evaluate(const Document& input, const Document* bindings = nullptr,
                          const Limits& limits = Limits()) const;

  /// Convenience: parse `input_json` (empty = no input) and `bindings_json` (empty = none), then evaluate.
  Result<Output> evaluate_json(std::string_view input_json, std::string_view bindings_json = {},
                               const Limits& limits = Limits()) const;

  /// What the expression can reach of its input, as JSON: `null` when it may read all of
  /// it, else an object naming the members to keep, each `true` (the whole value) or the
  /// same shape again for its members; arrays are transparent (the shape applies to each
  /// item). A host holding the input as objects can hand over only those members.
  std::string input_plan_json() const;

  /// The parsed tree as JSON text, in the shape jsonata-js 2.x's ast() returns (plain
  /// objects: type, value, position, steps, stages, predicate, lhs/rhs, ...), for tools
  /// that list the paths and functions an expression touches. A regex's `value` is
  /// {"pattern", "flags"}; docs/jsonata.md lists the differences. "null" if not compiled.
  std::string ast_json() const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace tb::jsonata
