#pragma once
/// @file
/// @brief The options a host passes to Escalation::start() as JSON, read strictly like the
/// configuration: an unknown member or a wrong type is an error, never silently ignored.

#include <string_view>

#include <nlohmann/json.hpp>

#include "ticketbridge/escalation.hpp"

namespace tb {

/// @brief Reads {seed?, category?, subCategory?, setAside?, storeUnavailable?}; null members
/// count as absent. `seed` is a whole number from 0 to 2^53 (what a JavaScript number holds
/// exactly). Errors: OPTIONS_INVALID with `path` naming the member (an unknown member, a
/// wrong type, a seed out of range) and the OPTIONS_* JSON errors of parse_json for text.
/// `categories` is left null: the host hands the list over as an object, not as JSON.
Result<StartOptions> start_options_from_json(const nlohmann::json& options);

/// @brief start_options_from_json() over JSON text; "" = the defaults.
Result<StartOptions> start_options_from_text(std::string_view options_json);

}  // namespace tb
