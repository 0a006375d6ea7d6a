// Turning an API call plus parameter values into the exact request to send. Parameter
// resolution (value, else default, else error if required) happens once here so the
// resource, headers and payload all see the same values.
#include <cctype>

#include "credentials/credential_type.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

Error missing_value(const std::string& name, const std::string& call) {
  Error e = make_error("TEMPLATE_MISSING_VALUE",
                       "required parameter '" + name + "' of API call '" + call + "' has no value");
  e.path = "/" + name;
  return e;
}

// A parameter's value: the one given, else its default; pointed to, not copied (a transcript
// is kilobytes).
struct ParameterValue {
  const std::string* name;
  const json* value;
};

Result<std::vector<ParameterValue>> resolve_parameters(const ApiCall& call, const json& given) {
  std::vector<ParameterValue> values;
  values.reserve(call.parameters.size());
  for (const Parameter& p : call.parameters) {
    const json* v = nullptr;
    if (given.is_object()) {
      const auto it = given.find(p.name);
      if (it != given.end() && !it->is_null()) v = &*it;
    }
    if (v && v->is_string() && v->get_ref<const std::string&>().empty() && p.required) v = nullptr;
    if (v) values.push_back({&p.name, v});
    else if (p.default_value) values.push_back({&p.name, &*p.default_value});
    else if (p.required) return missing_value(p.name, call.name);
  }
  return values;
}

// A placeholder's value: its first segment names a parameter (the last of that name that has
// a value, as when the values were members of one object), the rest a path inside it.
const json* parameter_lookup(const std::vector<ParameterValue>& values, const Placeholder& p) {
  if (p.segments.empty()) return nullptr;
  for (auto it = values.rbegin(); it != values.rend(); ++it) {
    if (*it->name == p.segments.front()) return lookup_path(*it->value, p.segments, 1);
  }
  return nullptr;
}

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

Result<HttpRequest> build_call_request(const Config& config, std::string_view call_name, const json& params,
                                       std::string_view access_token) {
  const ApiCall* call = config.api_call(call_name);
  if (!call) return make_error("CONFIG_UNKNOWN_API_CALL", "API call '" + std::string(call_name) + "' is not defined");
  const Credential* cred = config.credential(call->credential);
  if (!cred) return make_error("CONFIG_UNKNOWN_CREDENTIAL", "credential '" + call->credential + "' is not defined");

  auto values = resolve_parameters(*call, params);
  if (!values) return std::move(values).error();
  const std::vector<ParameterValue>& vals = values.value();
  const ValueLookup lookup = [&vals](const Placeholder& p) { return parameter_lookup(vals, p); };

  HttpRequest req;
  req.purpose = RequestPurpose::Call;
  req.method = call->method;
  auto resource = render(call->resource, lookup);
  if (!resource) return std::move(resource).error();
  req.url = cred->base_url + resource.value();

  req.headers.push_back({"Accept", "application/json"});
  if (call->payload) {
    auto body = render(*call->payload, lookup);
    if (!body) return std::move(body).error();
    // Structure cannot change by construction; this re-check guards the invariant itself. It
    // reads with the JSONata engine's reader, which accepts the same texts as nlohmann/json at
    // a tenth of its cost on a transcript-sized payload (docs/benchmarks.md, "Templates
    // against mustache"): it is on every escalation's path.
    if (auto check = jsonata::Document::parse(body.value()); !check) {
      Error e = make_error("TEMPLATE_INVALID_JSON", "the rendered payload is not valid JSON: " + check.error().message);
      e.position = check.error().position;
      return e;
    }
    req.body = std::move(body).value();
    req.body_is_json = true;
    req.headers.push_back({"Content-Type", "application/json"});
  }
  for (const auto& [name, tpl] : call->headers) {
    auto v = render(tpl, lookup);
    if (!v) return std::move(v).error();
    req.headers.push_back({name, std::move(v).value()});
  }
  set_auth(*cred, access_token, req.headers);
  return req;
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
