#pragma once
/// @file
/// @brief The one reply convention of every call across a host boundary (the WASM exports,
/// a CLI): `{"ok":true,"value":...}` or `{"ok":false,"error":{code, message, ...}}`, as
/// JSON text. A host decodes it in one place and never guesses which shape came back.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb {

/// @brief A success carrying `value_json`, JSON text already written (spliced as is).
std::string reply_json_text(std::string_view value_json);

/// @brief A success carrying `value`.
std::string reply_value(const nlohmann::json& value);

/// @brief A success carrying no value (`"value":null`).
std::string reply_done();

/// @brief A failure; the error as error_json_text() writes it.
std::string reply_error(const Error& error);

/// @brief A failure of the JSONata engine, with the reference's details (error_json_text()).
std::string reply_error(const jsonata::Error& error);

/// @brief A failure reporting several problems at once (a configuration): the first one,
/// with `errors` listing all of them.
std::string reply_errors(const Error& first, const std::vector<Error>& all);

/// @brief A Result as a reply: its value through `to_json`, or its error.
template <class T, class ToJson>
std::string reply_result(const Result<T>& result, ToJson&& to_json) {
  if (!result) return reply_error(result.error());
  return reply_value(to_json(result.value()));
}

}  // namespace tb
