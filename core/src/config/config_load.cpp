// Loading the configuration: credentials, then API calls (which name a credential), then
// the escalation settings (which name API calls and map the conversation to parameters).
// Cross-references are checked after each section is read, so an error names the field
// the admin has to change.
#include <algorithm>
#include <cctype>

#include "config/config_reader.hpp"
#include "config/config_sections.hpp"
#include "credentials/credential_type.hpp"
#include "ticketbridge/config.hpp"
#include "ticketbridge/secret_masking.hpp"

namespace tb {

using config_detail::Reader;
using json = nlohmann::json;

const Credential* Config::credential(std::string_view name) const {
  const auto it = credentials.find(std::string(name));
  return it == credentials.end() ? nullptr : &it->second;
}

const ApiCall* Config::api_call(std::string_view name) const {
  const auto it = api_calls.find(std::string(name));
  return it == api_calls.end() ? nullptr : &it->second;
}

const Parameter* ApiCall::parameter(std::string_view n) const {
  for (const auto& p : parameters)
    if (p.name == n) return &p;
  return nullptr;
}

const Output* ApiCall::output(std::string_view n) const {
  for (const auto& o : outputs)
    if (o.name == n) return &o;
  return nullptr;
}

namespace {

void read_credentials(Reader& r, const json& doc, Config& cfg) {
  const json* creds = r.object(doc, "credentials", "", true);
  if (!creds) return;
  for (auto it = creds->begin(); it != creds->end(); ++it) {
    auto cred = config_detail::read_credential(r, it.key(), it.value(), json_path_join("/credentials", it.key()));
    if (cred) cfg.credentials.emplace(it.key(), std::move(*cred));
  }
}

void read_api_calls(Reader& r, const json& doc, Config& cfg) {
  const json* calls = r.object(doc, "apiCalls", "", true);
  if (!calls) return;
  for (auto it = calls->begin(); it != calls->end(); ++it) {
    const std::string path = json_path_join("/apiCalls", it.key());
    auto call = config_detail::read_api_call(r, it.key(), it.value(), path);
    if (!call) continue;
    if (!call->credential.empty() && !cfg.credential(call->credential)) {
      r.fail("CONFIG_UNKNOWN_CREDENTIAL", "API call '" + it.key() + "' uses credential '" + call->credential +
                                              "', which is not defined under 'credentials'",
             json_path_join(path, "credential"));
    }
    if (const Credential* cred = cfg.credential(call->credential)) call->answers = cred->answers;
    cfg.api_calls.emplace(it.key(), std::move(*call));
  }
}

void collect_secrets(Config& cfg) {
  for (const auto& [name, cred] : cfg.credentials) credentials::of(cred.auth.type).secrets(cred.auth, cfg.secrets);
}

}  // namespace

Result<std::shared_ptr<const Config>> load_config_document(const json& doc, ConfigProblems* problems) {
  Reader r;
  auto cfg = std::make_shared<Config>();
  if (!doc.is_object()) {
    r.fail("CONFIG_INVALID_TYPE", "the configuration must be a JSON object", "");
  } else {
    r.only(doc, "", {"credentials", "apiCalls", "escalation", "outputTimeLimitMs", "$schema", "description"});
    cfg->output_time_limit_ms = r.integer(doc, "outputTimeLimitMs", "", kDefaultOutputTimeLimitMs, 10, 60000);
    read_credentials(r, doc, *cfg);
    read_api_calls(r, doc, *cfg);
    if (const json* esc = r.object(doc, "escalation", "", false)) {
      cfg->escalation = config_detail::read_escalation(r, *esc, "/escalation", *cfg);
    }
  }
  if (problems) problems->errors = r.errors;
  if (!r.errors.empty()) {
    Error first = r.errors.front();
    if (r.errors.size() > 1) first.message += " (and " + std::to_string(r.errors.size() - 1) + " more problems)";
    return first;
  }
  collect_secrets(*cfg);
  return std::shared_ptr<const Config>(std::move(cfg));
}

Result<std::shared_ptr<const Config>> load_config(std::string_view text, ConfigProblems* problems) {
  auto doc = parse_json(text, "CONFIG", kMaxConfigBytes);
  if (!doc) {
    if (problems) problems->errors = {doc.error()};
    return std::move(doc).error();
  }
  return load_config_document(doc.value(), problems);
}

}  // namespace tb
