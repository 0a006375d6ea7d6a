#pragma once
/// @file
/// @brief The one conversion of an Error to JSON, used by every host answer (WASM replies,
/// the Output tab's preview, the Test panel's report).

#include <string>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"

namespace tb {

/// @brief {code, message, path?, position?, line?, column?, token?}: the fields that are set.
/// A JSONata `value` (and a `token` that is a JSON literal) are left out: their JSON text can
/// hold lone surrogate escapes that a JSON value here cannot carry; error_json_text() adds them.
nlohmann::json error_to_json(const Error& error);

/// @brief error_to_json() as compact JSON text, with JSONata's offending `value` and a
/// literal `token` spliced in as the engine wrote them (what JavaScript reads back exactly).
std::string error_json_text(const Error& error);

}  // namespace tb
