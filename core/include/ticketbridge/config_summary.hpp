#pragma once
/// @file
/// @brief What an admin screen shows of a loaded configuration, without a single secret.

#include <nlohmann/json.hpp>

#include "ticketbridge/config.hpp"

namespace tb {

/// @brief {"credentials": {name: {baseUrl}}, "apiCalls": {name: {method, credential,
/// parameters: [{name, required, description}], outputs: [name]}}, "escalation"?: {apiCall,
/// lookupApiCall (null when none), fallbackUrl}}.
nlohmann::json config_summary_json(const Config& config);

}  // namespace tb
