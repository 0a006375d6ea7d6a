#pragma once
/// @file
/// @brief HTTP as plain data: the core describes requests and reads responses; the host
/// (browser fetch, Node fetch, a test's fake transport) moves the bytes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/config.hpp"
#include "ticketbridge/error.hpp"
#include "ticketbridge/secret_masking.hpp"

namespace tb {

/// Largest response body the core accepts (the product's limit).
inline constexpr std::size_t kMaxResponseBytes = 2 * 1000 * 1000;

struct HttpHeader {
  std::string name;
  std::string value;
};

/// What a request is for; the JSON forms spell it "call", "token", "create", "lookup".
enum class RequestPurpose { Call, Token, Create, Lookup };
const char* to_string(RequestPurpose purpose);
std::optional<RequestPurpose> purpose_from_string(std::string_view text);

/// Why no response arrived. The JSON forms (a response's "error") spell them "timeout",
/// "reset" (connection dropped after sending), "connect" (could not connect: nothing was
/// sent), "blocked" (a browser refused a cross-origin request), "network" (unknown) and
/// "lost" (the host restarted and lost the answer); any other text reads as "network".
enum class TransportError { None, Timeout, Reset, Connect, Blocked, Network, Lost };
const char* to_string(TransportError error);  ///< "" for None
TransportError transport_error_from_string(std::string_view text);

struct HttpRequest {
  std::string id;  ///< unique within one escalation, echoed back in the response
  RequestPurpose purpose = RequestPurpose::Call;
  std::string method;
  std::string url;
  std::vector<HttpHeader> headers;  ///< as sent: includes the credential's secrets
  std::string body;                 ///< empty = no body
  int timeout_ms = kDefaultTimeoutMs;
  /// Set by build_call_request once the engine's JSON reader accepted `body`: the display
  /// form then splices it as "bodyJson" without reading it again. Whoever changes `body`
  /// afterwards clears it (false only costs that second reading).
  bool body_is_json = false;
};

struct HttpResponse {
  std::string request_id;
  int status = 0;               ///< 0 when no HTTP response arrived
  TransportError transport_error = TransportError::None;  ///< why no response arrived
  std::vector<HttpHeader> headers;
  std::string body;
  bool body_truncated = false;  ///< the host stopped reading past kMaxResponseBytes

  /// Case-insensitive header lookup; nullptr when absent.
  const std::string* header(std::string_view name) const;
};

/// @brief Builds the request an API call makes for the given parameter values (a JSON
/// object), authenticated with the call's credential. `access_token` is used for OAuth2
/// credentials. Errors: TEMPLATE_MISSING_VALUE (naming the parameter), CONFIG_UNKNOWN_API_CALL,
/// TEMPLATE_INVALID_HEADER_VALUE, TEMPLATE_INVALID_JSON.
Result<HttpRequest> build_call_request(const Config& config, std::string_view call_name,
                                       const nlohmann::json& params, std::string_view access_token = {});

/// @brief The same request for parameter values given as JSON text, as a host sends them
/// (JSON.stringify of an object; "" = none). Errors: those of call_params_from_text() first
/// (PARAMS_*), then those of build_call_request(). Texts a host writes are read without building
/// a DOM of them, and a string value's escaped text is copied into a JSON string slot as it is.
Result<HttpRequest> build_call_request_from_text(const Config& config, std::string_view call_name,
                                                 std::string_view params_json, std::string_view access_token = {});

/// @brief Only the body build_call_request_from_text() would send (the wire form: a secret in
/// a value is not masked), or nullopt when the call has no payload; the same errors. For a host
/// that sends the request itself and needs nothing else (no headers, URL or display form).
Result<std::optional<std::string>> render_call_payload(const Config& config, std::string_view call_name,
                                                       std::string_view params_json);

/// @brief The OAuth2 client-credentials token request for a credential.
HttpRequest build_token_request(const Credential& credential);

/// @brief A request as JSON for display, with every secret masked ("***").
nlohmann::json request_to_json(const HttpRequest& request, const SecretMasker& redact);

/// @brief The same as JSON text, written without a DOM (see request_json_text.cpp).
std::string request_json_text(const HttpRequest& request, const SecretMasker& redact);

/// @brief The members `"request":{...}` (the display form; with "bodyJson" when `body_json`
/// and the shown body is JSON) and, when `wire`, `"wire":{...}` (as sent, secrets included),
/// as JSON text without the enclosing braces: the one writer of a request's two forms.
std::string request_forms_text(const HttpRequest& request, const SecretMasker& redact, bool body_json, bool wire);

/// @brief A response as JSON for display, with every secret masked.
nlohmann::json response_to_json(const HttpResponse& response, const SecretMasker& redact);

/// @brief Parses a JSON text of the shape request_to_json/response_to_json produce (the
/// hosts use it to hand responses in).
Result<HttpResponse> response_from_json(const nlohmann::json& value);

}  // namespace tb
