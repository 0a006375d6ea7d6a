#pragma once
/// @file
/// @brief Errors as values: every fallible call in the core returns Result<T>.
///
/// The core never throws across its public API and never aborts on bad input;
/// a failure carries a stable machine-readable code plus where it happened, so
/// hosts (CLI, JS façade, tests) can branch on the code and show the message.

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace tb {

/// @brief A failure: a stable `code`, a human `message`, and its location.
/// Location fields are optional; unset ones are left at their defaults and are
/// omitted when the error is serialised.
struct Error {
  std::string code;
  std::string message;
  std::string path;           ///< JSON pointer into the input document ("" = none)
  std::int64_t position = -1; ///< character offset in an expression or template (-1 = none)
  std::int32_t line = 0;      ///< 1-based line (CSV), 0 = none
  std::int32_t column = 0;    ///< 1-based column, 0 = none
  std::string token;          ///< JSONata: the offending token ("" = none)
  bool token_is_literal = false; ///< JSONata: `token` is the JSON text of a number, true, false or null
  std::string value_json;     ///< JSONata: JSON text of the offending value ("" = none)
};

inline Error make_error(std::string code, std::string message, std::string path = {}) {
  Error e;
  e.code = std::move(code);
  e.message = std::move(message);
  e.path = std::move(path);
  return e;
}

struct Unit {};

/// @brief Either a value or an Error. Cheap to move; check ok() before value().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}      // NOLINT(implicit)
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(implicit)

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return *std::get_if<0>(&v_); }
  const T& value() const& { return *std::get_if<0>(&v_); }
  T&& value() && { return std::move(*std::get_if<0>(&v_)); }
  T* operator->() { return std::get_if<0>(&v_); }
  const T* operator->() const { return std::get_if<0>(&v_); }

  const Error& error() const& { return *std::get_if<1>(&v_); }
  Error&& error() && { return std::move(*std::get_if<1>(&v_)); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace tb
