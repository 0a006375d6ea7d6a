#pragma once
/// @file
/// @brief The product core's errors: every fallible call in the core returns Result<T>.
///
/// The core never throws across its public API and never aborts on bad input;
/// a failure carries a stable machine-readable code plus where it happened, so
/// hosts (CLI, JS façade, tests) can branch on the code and show the message.
/// The JSONata engine has its own error type (tb::jsonata::Error, with the
/// reference's token and value details); where the core wraps an engine error
/// it converts it (the conversions are below).

#include <cstdint>
#include <string>
#include <utility>

#include "ticketbridge/result.hpp"

namespace tb {

namespace jsonata {
struct Error;
}

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
  std::string token;          ///< the offending token of an expression ("" = none)

  Error() = default;
  /// An engine error as the core reports it: code, message, position and token (as text).
  Error(const jsonata::Error& engine);  // NOLINT(implicit): engine results convert to core results
  /// The core error handed to the engine (a host function's failure): code, message, position, token.
  operator jsonata::Error() const;
};

inline Error make_error(std::string code, std::string message, std::string path = {}) {
  Error e;
  e.code = std::move(code);
  e.message = std::move(message);
  e.path = std::move(path);
  return e;
}

template <class T>
using Result = BasicResult<T, Error>;
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace tb
