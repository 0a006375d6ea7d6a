// Requests and responses as JSON: the shape the WASM boundary and the CLI use. Display
// forms always pass through the SecretMasker, so no secret reaches a log or report.
#include <cstdint>

#include "ticketbridge/http.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {

using json = nlohmann::json;

const char* to_string(RequestPurpose p) {
  switch (p) {
    case RequestPurpose::Call: return "call";
    case RequestPurpose::Token: return "token";
    case RequestPurpose::Create: return "create";
    case RequestPurpose::Lookup: return "lookup";
  }
  return "call";
}

std::optional<RequestPurpose> purpose_from_string(std::string_view text) {
  for (RequestPurpose p : {RequestPurpose::Call, RequestPurpose::Token, RequestPurpose::Create, RequestPurpose::Lookup})
    if (text == to_string(p)) return p;
  return std::nullopt;
}

const char* to_string(TransportError e) {
  switch (e) {
    case TransportError::None: return "";
    case TransportError::Timeout: return "timeout";
    case TransportError::Reset: return "reset";
    case TransportError::Connect: return "connect";
    case TransportError::Blocked: return "blocked";
    case TransportError::Network: return "network";
    case TransportError::Lost: return "lost";
  }
  return "network";
}

// A host that names a failure we do not know still reports that no answer came: the core
// treats it as it treats "network" (ambiguous), which is what such a failure means.
TransportError transport_error_from_string(std::string_view text) {
  for (TransportError e : {TransportError::Timeout, TransportError::Reset, TransportError::Connect,
                           TransportError::Blocked, TransportError::Network, TransportError::Lost})
    if (text == to_string(e)) return e;
  return text.empty() ? TransportError::None : TransportError::Network;
}

// One writer for both forms: the text (request_json_text.cpp) is the hot path's; the DOM is
// read back from it for the cold callers that edit or compare it.
json request_to_json(const HttpRequest& r, const SecretMasker& redact) {
  auto v = parse_json_as_js(request_json_text(r, redact), "BODY", SIZE_MAX);
  return v ? std::move(v).value() : json();  // never empty: the writer only writes valid JSON
}

json response_to_json(const HttpResponse& r, const SecretMasker& redact) {
  json headers = json::object();
  for (const auto& h : r.headers) headers[h.name] = redact(h.value);
  json out = {{"requestId", r.request_id}, {"status", r.status}, {"headers", headers}, {"body", redact(r.body)}};
  if (r.transport_error != TransportError::None) out["error"] = to_string(r.transport_error);
  if (r.body_truncated) out["bodyTruncated"] = true;
  return out;
}

Result<HttpResponse> response_from_json(const json& v) {
  auto bad = [](std::string msg, std::string path) { return make_error("RESPONSE_INVALID", std::move(msg), std::move(path)); };
  if (!v.is_object()) return bad("a response must be an object", "");
  HttpResponse r;
  if (auto it = v.find("requestId"); it != v.end() && !it->is_null()) {
    if (!it->is_string()) return bad("'requestId' must be a string", "/requestId");
    r.request_id = it->get<std::string>();
  }
  if (auto it = v.find("status"); it != v.end() && !it->is_null()) {
    if (!it->is_number_integer() && !it->is_number_unsigned()) return bad("'status' must be an integer", "/status");
    const auto s = it->get<std::int64_t>();
    if (s < 0 || s > 999) return bad("'status' must be between 0 and 999", "/status");
    r.status = static_cast<int>(s);
  }
  if (auto it = v.find("error"); it != v.end() && !it->is_null()) {
    if (!it->is_string()) return bad("'error' must be a string", "/error");
    r.transport_error = transport_error_from_string(it->get_ref<const std::string&>());
  }
  if (auto it = v.find("headers"); it != v.end() && !it->is_null()) {
    if (!it->is_object()) return bad("'headers' must be an object", "/headers");
    for (auto h = it->begin(); h != it->end(); ++h) {
      if (!h->is_string()) return bad("a header value must be a string", json_path_join("/headers", h.key()));
      r.headers.push_back({h.key(), h->get<std::string>()});
    }
  }
  if (auto it = v.find("body"); it != v.end() && !it->is_null()) {
    if (!it->is_string()) return bad("'body' must be a string", "/body");
    r.body = it->get<std::string>();
  }
  if (auto it = v.find("bodyTruncated"); it != v.end() && it->is_boolean()) r.body_truncated = it->get<bool>();
  if (r.status == 0 && r.transport_error == TransportError::None) r.transport_error = TransportError::Network;
  return r;
}

}  // namespace tb
