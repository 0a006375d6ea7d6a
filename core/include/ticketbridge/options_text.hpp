#pragma once
/// @file
/// @brief The options object a host passes with a call, as JSON text.

#include <string_view>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"

namespace tb {

/// @brief Largest options text a host may pass (a category synonym table included).
inline constexpr std::size_t kMaxOptionsBytes = 1u << 20;

/// @brief The parsed options; "" = none (null). Errors: OPTIONS_INVALID_JSON / _TOO_LARGE /
/// _TOO_DEEP / _INVALID_UTF8 with `position`.
Result<nlohmann::json> options_from_text(std::string_view options_json);

}  // namespace tb
