#pragma once
/// @file
/// @brief Errors as values: `BasicResult<T, E>` holds either a T or an error E. The engine
/// (`tb::jsonata::Result`, with its own `tb::jsonata::Error`) and the product core
/// (`tb::Result`, with `tb::Error`) each name it over their own error type.
///
/// Nothing throws across the public API and nothing aborts on bad input: a failure carries a
/// stable machine-readable code, so hosts (CLI, JS façade, tests) branch on the code and show
/// the message.

#include <type_traits>
#include <utility>
#include <variant>

namespace tb {

struct Unit {};

/// @brief Either a value or an error. Cheap to move; check ok() before value().
template <class T, class E>
class [[nodiscard]] BasicResult {
 public:
  BasicResult(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(implicit)
  BasicResult(E error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(implicit)

  /// A result over another error type whose errors convert to E (the product core's
  /// tb::Error and the engine's tb::jsonata::Error convert into each other).
  template <class U, class F,
            class = std::enable_if_t<!std::is_same_v<F, E> && std::is_constructible_v<T, U&&> &&
                                     std::is_constructible_v<E, F&&>>>
  BasicResult(BasicResult<U, F>&& other)  // NOLINT(implicit)
      : v_(other.ok() ? Variant(std::in_place_index<0>, std::move(other).value())
                      : Variant(std::in_place_index<1>, E(std::move(other).error()))) {}

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return *std::get_if<0>(&v_); }
  const T& value() const& { return *std::get_if<0>(&v_); }
  T&& value() && { return std::move(*std::get_if<0>(&v_)); }
  T* operator->() { return std::get_if<0>(&v_); }
  const T* operator->() const { return std::get_if<0>(&v_); }

  const E& error() const& { return *std::get_if<1>(&v_); }
  E&& error() && { return std::move(*std::get_if<1>(&v_)); }

 private:
  using Variant = std::variant<T, E>;
  Variant v_;
};

}  // namespace tb
