#pragma once
/// @file
/// @brief The one conversion of an Error to JSON, used by every host answer (WASM replies,
/// the Output tab's preview, the Test panel's report).

#include <string>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb {

/// @brief {code, message, path?, position?, line?, column?, token?}: the fields that are set.
/// An engine error's `value` and literal `token` are not core fields: error_json_text() of
/// the engine's error adds them (their JSON text may hold lone surrogate escapes that a JSON
/// value here cannot carry).
nlohmann::json error_to_json(const Error& error);

/// @brief error_to_json() as compact JSON text, with JSONata's offending `value` and a
/// literal `token` spliced in as the engine wrote them (what JavaScript reads back exactly).
std::string error_json_text(const Error& error);

/// @brief An engine error with every detail the reference gives: a `token` that is a JSON
/// literal keeps its type, the offending `value` is spliced in as the engine wrote it.
std::string error_json_text(const jsonata::Error& error);

}  // namespace tb
