// Turning an API call plus parameter values into the exact request to send. Parameter
// resolution (value, else default, else error if required) happens once here so the
// resource, headers and payload all see the same values.
#include <cctype>

#include "credentials/credential_type.hpp"
#include "http/call_values.hpp"
#include "http/params_text.hpp"
#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

void set_auth(const Credential& cred, std::string_view access_token, std::vector<HttpHeader>& headers) {
  credentials::of(cred.auth.type).authorize(cred.auth, access_token, headers);
}

std::string form_encode(std::initializer_list<std::pair<const char*, std::string>> fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (v.empty() && std::string_view(k) == "scope") continue;
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += percent_encode(v);
  }
  return out;
}

}  // namespace

const std::string* HttpResponse::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(h.name[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    if (same) return &h.value;
  }
  return nullptr;
}

namespace {

// What a build makes: the whole request, or only its body (render_call_payload).
enum class Wanted { Request, Payload };

// The request for `values`, in the order every caller's errors come in: the resource, the
// payload, then the headers (rendered, and checked, even when only the payload is wanted, so
// both ask the same of a call). `from_text`: the values came from scanned JSON text.
Result<HttpRequest> build_request(const ApiCall& call, const Credential& cred, CallValues& values, std::string_view access_token,
                          bool from_text, Wanted wanted) {
  HttpRequest req;
  req.purpose = RequestPurpose::Call;
  req.method = call.method;
  auto resource = render(call.resource, values);
  if (!resource) return std::move(resource).error();
  if (wanted == Wanted::Request) req.url = cred.base_url + resource.value();

  if (wanted == Wanted::Request) req.headers.push_back({"Accept", "application/json"});
  if (call.payload) {
    values.forget_structure();
    auto body = render(*call.payload, values);
    if (!body) return std::move(body).error();
    // Reading the payload back guards the invariant that no value changes its structure. Values
    // read from text need no guard: the load proved the template JSON with null and "" in its
    // slots, a value slot is given whole JSON and a string slot escaped text of strings the
    // scanner (or the reader) proved UTF-8, so only nesting can grow, by an array or object in
    // a value slot, past what the reader allows (test_render_payload). A DOM's strings may be
    // anything a C++ host put there. The reader is the JSONata engine's: it accepts the same
    // texts as nlohmann/json at a tenth of its cost on a transcript-sized payload.
    if (!from_text || values.gave_structure()) {
      if (auto check = jsonata::Document::parse(body.value()); !check) {
        Error e = make_error("TEMPLATE_INVALID_JSON", "the rendered payload is not valid JSON: " + check.error().message);
        e.position = check.error().position;
        return e;
      }
    }
    req.body = std::move(body).value();
    req.body_is_json = true;
    if (wanted == Wanted::Request) req.headers.push_back({"Content-Type", "application/json"});
  }
  for (const auto& [name, tpl] : call.headers) {
    auto v = render(tpl, values);
    if (!v) return std::move(v).error();
    if (wanted == Wanted::Request) req.headers.push_back({name, std::move(v).value()});
  }
  if (wanted == Wanted::Request) set_auth(cred, access_token, req.headers);
  return req;
}

Error no_such_call(std::string_view call_name) {
  return make_error("CONFIG_UNKNOWN_API_CALL", "API call '" + std::string(call_name) + "' is not defined");
}

Error no_such_credential(const ApiCall& call) {
  return make_error("CONFIG_UNKNOWN_CREDENTIAL", "credential '" + call.credential + "' is not defined");
}

Result<HttpRequest> build_from_json(const Config& config, std::string_view call_name, const json& params,
                                    std::string_view access_token, Wanted wanted) {
  const ApiCall* call = config.api_call(call_name);
  if (!call) return no_such_call(call_name);
  const Credential* cred = config.credential(call->credential);
  if (!cred) return no_such_credential(*call);
  auto values = CallValues::from_json(*call, params);
  if (!values) return std::move(values).error();
  return build_request(*call, *cred, values.value(), access_token, false, wanted);
}

// Parameters as JSON text: scanned where the scanner can prove the reading (then no DOM of
// them is built), else read into a DOM by call_params_from_text(), whose errors come first.
Result<HttpRequest> build_from_text(const Config& config, std::string_view call_name, std::string_view params_json,
                                    std::string_view access_token, Wanted wanted) {
  if (const auto members = params_text::scan(params_json)) {
    const ApiCall* call = config.api_call(call_name);
    if (!call) return no_such_call(call_name);
    const Credential* cred = config.credential(call->credential);
    if (!cred) return no_such_credential(*call);
    auto values = CallValues::from_text(*call, *members);
    if (!values) return std::move(values).error();
    auto req = build_request(*call, *cred, values.value(), access_token, true, wanted);
    if (!values.value().unreadable()) return req;
  }
  auto params = call_params_from_text(params_json);
  if (!params) return std::move(params).error();
  return build_from_json(config, call_name, params.value(), access_token, wanted);
}

}  // namespace

Result<HttpRequest> build_call_request(const Config& config, std::string_view call_name, const json& params,
                                       std::string_view access_token) {
  return build_from_json(config, call_name, params, access_token, Wanted::Request);
}

Result<HttpRequest> build_call_request_from_text(const Config& config, std::string_view call_name,
                                                 std::string_view params_json, std::string_view access_token) {
  return build_from_text(config, call_name, params_json, access_token, Wanted::Request);
}

Result<std::optional<std::string>> render_call_payload(const Config& config, std::string_view call_name,
                                                       std::string_view params_json) {
  auto req = build_from_text(config, call_name, params_json, {}, Wanted::Payload);
  if (!req) return std::move(req).error();
  if (!config.api_call(call_name)->payload) return std::optional<std::string>();
  return std::optional<std::string>(std::move(req.value().body));
}

HttpRequest build_token_request(const Credential& cred) {
  HttpRequest req;
  req.purpose = RequestPurpose::Token;
  req.method = "POST";
  req.url = cred.auth.token_url;
  req.headers.push_back({"Accept", "application/json"});
  req.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
  req.body = form_encode({{"grant_type", "client_credentials"},
                          {"client_id", cred.auth.client_id},
                          {"client_secret", cred.auth.client_secret},
                          {"scope", cred.auth.scope}});
  return req;
}

}  // namespace tb
