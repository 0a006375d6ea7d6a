#pragma once
/// @file
/// @brief Running an API call's Output tab over a response body (the Test panel's Preview).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/config.hpp"
#include "ticketbridge/error.hpp"

namespace tb {

struct OutputValue {
  std::string name;
  bool defined = false;       ///< false when the expression yielded nothing
  std::string json;           ///< JSON text of the value when defined
  std::optional<Error> error; ///< the expression failed on this body
};

/// @brief The limits Output tab expressions run under: the configuration's time limit, on
/// the host's clock (jsonata::set_default_clock()).
jsonata::Limits output_limits(const Config& config);

/// @brief Evaluates each output of `call` over `body`, parsed once. Errors:
/// RESPONSE_NOT_JSON (with position) when the body is not JSON.
Result<std::vector<OutputValue>> evaluate_outputs(const ApiCall& call, std::string_view body,
                                                  const jsonata::Limits& limits = jsonata::Limits());

/// @brief [{name, defined, value?, error?: {code, message, position?}}], in the Output tab's order.
nlohmann::json outputs_to_json(const std::vector<OutputValue>& values);

}  // namespace tb
