// The Test panel's flow. Like the escalation it only describes requests and reads what came
// back, so the browser, Node and the native tests drive the same steps with their own
// transport and clock; unlike the escalation it never retries: the admin wants to see
// exactly what one attempt did.
#include "ticketbridge/test_call.hpp"

#include <utility>

#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/error_json.hpp"
#include "ticketbridge/host_limits.hpp"
#include "ticketbridge/http_text.hpp"
#include "ticketbridge/js_number.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

// Masks value by value rather than the report's text: a secret that spells a piece of JSON
// (a token "10000000" standing for a number) would otherwise break the report, and a
// number that spells a secret becomes the masked string.
json mask_values(const json& v, const SecretMasker& redact) {
  if (v.is_string()) return redact(v.get_ref<const std::string&>());
  if (v.is_number()) {
    const std::string text = v.is_number_float() ? format_js_number(v.get<double>()) : v.dump();
    const std::string masked = redact(text);
    return masked == text ? v : json(masked);
  }
  if (v.is_array()) {
    json out = json::array();
    for (const auto& item : v) out.push_back(mask_values(item, redact));
    return out;
  }
  if (v.is_object()) {
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[redact(it.key())] = mask_values(it.value(), redact);
    return out;
  }
  return v;
}

// A body shown as JSON when it is JSON (a lone surrogate escape, which JavaScript reads,
// shown as U+FFFD), else as the text it is.
json shown_body(const std::string& body) {
  auto parsed = parse_json(repair_lone_surrogates(body), "BODY", kMaxResponseDocumentBytes);
  if (parsed) return std::move(parsed).value();
  return json(body);
}

std::string access_token_of(const std::string& body) {
  auto doc = parse_json(body, "BODY", kMaxResponseBytes);
  if (!doc || !doc.value().is_object()) return {};
  const auto it = doc.value().find("access_token");
  return it != doc.value().end() && it->is_string() ? it->get<std::string>() : std::string();
}

const char* const kPartNames[] = {"token", "request", "durationMs", "status", "response", "outputs", "error"};

}  // namespace

TestCall::TestCall(std::shared_ptr<const Config> config, std::string call_name, json params)
    : config_(std::move(config)), call_name_(std::move(call_name)), params_(std::move(params)),
      redact_(config_->secrets) {}

Result<TestCall> TestCall::create(std::shared_ptr<const Config> config, std::string call_name,
                                  std::string_view params_json) {
  if (!config->api_call(call_name)) {
    return make_error("CONFIG_UNKNOWN_API_CALL", "API call '" + call_name + "' is not defined");
  }
  auto params = call_params_from_text(params_json);
  if (!params) return std::move(params).error();
  return TestCall(std::move(config), std::move(call_name), std::move(params).value());
}

Result<TestCallStep> TestCall::start(double now_ms) {
  if (stage_ != Stage::Idle) return make_error("PROTOCOL_ALREADY_STARTED", "the test call was already started");
  auto token = token_request_for(*config_, call_name_);
  if (!token) return std::move(token).error();
  if (!token.value()) return send_call(now_ms);
  TestCallStep step;
  step.request = std::move(*token.value());
  step.request.id = "test-token";
  step.request.timeout_ms = kTestCallTimeoutMs;
  pending_id_ = step.request.id;
  stage_ = Stage::Token;
  return step;
}

// Responses can echo secrets (a token endpoint, a misconfigured ITSM): every part of the
// report is masked, value by value, with the secrets known when it is written.
std::string TestCall::masked(const json& part) const { return dump_json(mask_values(part, redact_)); }

Result<TestCallStep> TestCall::send_call(double now_ms) {
  auto request = build_call_request(*config_, call_name_, params_, token_);
  if (!request) {
    stage_ = Stage::Done;
    return std::move(request).error();
  }
  TestCallStep step;
  step.request = std::move(request).value();
  step.request.id = "test-call";
  step.request.timeout_ms = kTestCallTimeoutMs;
  parts_[kRequest] = masked(request_pair_json(step.request, redact_)["request"]);
  pending_id_ = step.request.id;
  sent_at_ms_ = now_ms;
  stage_ = Stage::Call;
  return step;
}

Result<TestCallStep> TestCall::receive(const HttpResponse& response, double now_ms) {
  if (stage_ == Stage::Idle) return make_error("PROTOCOL_NOT_STARTED", "the test call has not been started");
  if (stage_ == Stage::Done) return make_error("PROTOCOL_UNEXPECTED_EVENT", "the test call is over: nothing waits for a response");
  if (!response.request_id.empty() && response.request_id != pending_id_) {
    return make_error("PROTOCOL_UNKNOWN_REQUEST", "the response answers request '" + response.request_id +
                                                      "', not the pending '" + pending_id_ + "'");
  }
  if (stage_ == Stage::Token) {
    // A status (0-999) is too short to hold a secret; everything else is masked.
    parts_[kToken] = "{\"status\":" + std::to_string(response.status) +
                     (response.transport_error == TransportError::None ? "}" : ",\"error\":" + masked(std::string(to_string(response.transport_error))) + "}");
    token_ = response.transport_error == TransportError::None ? access_token_of(response.body) : std::string();
    if (token_.empty()) {
      const std::string answered =
          response.transport_error == TransportError::None ? "HTTP " + std::to_string(response.status) : std::string(to_string(response.transport_error));
      parts_[kError] = masked(error_to_json(make_error("TOKEN_REQUEST_FAILED", "the token endpoint answered " + answered)));
      return finish();
    }
    redact_.add(token_);
    return send_call(now_ms);
  }
  parts_[kDuration] = masked(now_ms - sent_at_ms_);
  parts_[kStatus] = std::to_string(response.status);
  if (response.transport_error != TransportError::None) {
    parts_[kError] = masked(error_to_json(transport_failure(to_string(response.transport_error))));
    return finish();
  }
  json headers = json::object();
  for (const auto& h : response.headers) headers[h.name] = h.value;
  parts_[kResponse] = "{\"headers\":" + masked(headers) + ",\"body\":" + masked(shown_body(response.body)) +
                      (response.body_truncated ? ",\"bodyTruncated\":true}" : "}");
  auto outputs = preview_outputs(*config_, call_name_, response.body);
  if (outputs) {
    parts_[kOutputs] = masked(outputs.value()["outputs"]);
  } else {
    parts_[kOutputs] = "[]";
    parts_[kError] = masked(error_to_json(outputs.error()));
  }
  return finish();
}

TestCallStep TestCall::finish() {
  stage_ = Stage::Done;
  pending_id_.clear();
  TestCallStep step;
  step.done = true;
  step.report = "{";
  for (int part = 0; part < kParts; ++part) {
    if (parts_[part].empty()) continue;
    if (step.report.size() > 1) step.report += ',';
    step.report += "\"" + std::string(kPartNames[part]) + "\":" + parts_[part];
  }
  step.report += '}';
  return step;
}

std::string test_call_step_json(const TestCallStep& step) {
  if (!step.done) return "{\"request\":" + dump_json(request_to_json(step.request, SecretMasker())) + "}";
  return "{\"report\":" + step.report + "}";
}

}  // namespace tb
