#pragma once
/// @file
/// @brief An API call as the admin's screens show it: the request it would send (secrets
/// masked beside the wire form), the OAuth2 token request it needs, and its Output tab over
/// a response body. The Test panel's flow (test_call.hpp) is built from these.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ticketbridge/config.hpp"
#include "ticketbridge/error.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/secret_masking.hpp"

namespace tb {

/// @brief Parameter values from JSON text ("" = none). Errors: PARAMS_INVALID_JSON /
/// _TOO_LARGE / _TOO_DEEP / _INVALID_UTF8.
Result<nlohmann::json> call_params_from_text(std::string_view params_json);

/// @brief {"request": display form (every secret and `token` masked, plus "bodyJson" when the
/// body is JSON), "wire": the request as sent (secrets included: never show or log it)}.
nlohmann::json request_pair_json(const HttpRequest& request, const SecretMasker& redact);

/// @brief The same pair as JSON text, written without a DOM (the Preview's and the render
/// call's hot path): parses to request_pair_json()'s members, except that "bodyJson" is the
/// shown body itself, so it holds exactly what JSON.parse(body) gives.
std::string request_pair_text(const HttpRequest& request, const SecretMasker& redact);

/// @brief reply_json_text(request_pair_text(...)), written where it ends up: the render call's
/// answer, without copying the 9 KB pair into a reply afterwards.
std::string request_pair_reply(const HttpRequest& request, const SecretMasker& redact);

/// @brief The OAuth2 client-credentials request the call's credential needs first; nullopt
/// for other auth types. Errors: CONFIG_UNKNOWN_API_CALL.
Result<std::optional<HttpRequest>> token_request_for(const Config& config, std::string_view call_name);

/// @brief {"outputs": [...]} (outputs_to_json) of the call's Output tab over `body`. Errors:
/// CONFIG_UNKNOWN_API_CALL, RESPONSE_NOT_JSON, RESPONSE_TOO_LARGE.
Result<nlohmann::json> preview_outputs(const Config& config, std::string_view call_name, std::string_view body);

}  // namespace tb
