// The pieces the admin's Config screens and the Test panel share, so a request previewed is
// byte for byte the request the Test panel then sends.
#include "ticketbridge/call_preview.hpp"

#include <cstdint>
#include <string>

#include "ticketbridge/conversation.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/outputs.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

Error unknown_call(std::string_view name) {
  return make_error("CONFIG_UNKNOWN_API_CALL", "API call '" + std::string(name) + "' is not defined");
}

}  // namespace

Result<json> call_params_from_text(std::string_view params_json) {
  if (params_json.empty()) return json::object();
  return parse_json_as_js(params_json, "PARAMS", kMaxConversationBytes);
}

// Read back from the one writer (request_json_text.cpp). A body JSON text allows but the DOM
// cannot hold (a lone surrogate, 1e400) is shown as text only, as parse_json would leave it.
json request_pair_json(const HttpRequest& request, const SecretMasker& redact) {
  if (auto pair = parse_json_as_js(request_pair_text(request, redact), "BODY", SIZE_MAX)) return std::move(pair).value();
  return {{"request", request_to_json(request, redact)}, {"wire", request_to_json(request, SecretMasker())}};
}

Result<std::optional<HttpRequest>> token_request_for(const Config& config, std::string_view call_name) {
  const ApiCall* call = config.api_call(call_name);
  if (!call) return unknown_call(call_name);
  const Credential* cred = config.credential(call->credential);
  if (!cred || cred->auth.type != AuthType::OAuth2ClientCredentials) return std::optional<HttpRequest>();
  return std::optional<HttpRequest>(build_token_request(*cred));
}

Result<json> preview_outputs(const Config& config, std::string_view call_name, std::string_view body) {
  const ApiCall* call = config.api_call(call_name);
  if (!call) return unknown_call(call_name);
  auto values = evaluate_outputs(*call, body, output_limits(config));
  if (!values) return std::move(values).error();
  return json{{"outputs", outputs_to_json(values.value())}};
}

}  // namespace tb
