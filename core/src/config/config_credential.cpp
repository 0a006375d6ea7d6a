// Connector credentials: where the ITSM lives and how to authenticate. Secrets are held
// here only; API calls name a credential and never carry secrets themselves.
#include "config/config_sections.hpp"
#include "credentials/credential_type.hpp"

namespace tb::config_detail {
namespace {

// The type's own unit (core/src/credentials/) reads and checks its fields.
std::optional<Auth> read_auth(Reader& r, const json& node, const std::string& path, const std::string& base_url) {
  Auth a;
  const std::string type = r.string(node, "type", path, true);
  if (type.empty()) return a;
  const credentials::CredentialType* unit = credentials::find(type);
  if (!unit) {
    std::string names;
    for (const credentials::CredentialType* t : credentials::all()) names += (names.empty() ? "" : ", ") + std::string(t->name);
    r.fail("CONFIG_INVALID_VALUE", "unknown auth type '" + type + "' (expected one of " + names + ")",
           json_path_join(path, "type"));
    return std::nullopt;
  }
  a.type = unit->type;
  unit->read(r, node, path, base_url, a);
  return a;
}

// The ITSM's way of explaining failures: a JSONata expression over the error body, and
// markers of 2xx pages that are not JSON.
std::shared_ptr<const ItsmAnswers> read_answers(Reader& r, const json& node, const std::string& path) {
  auto answers = std::make_shared<ItsmAnswers>();
  answers->error_message_source = r.string(node, "errorMessage", path, false);
  if (!answers->error_message_source.empty()) {
    auto compiled = jsonata::Expression::compile(answers->error_message_source);
    if (compiled) {
      answers->error_message = std::move(compiled).value();
    } else {
      Error e = make_error("CONFIG_INVALID_OUTPUT", "errorMessage is not a valid JSONata expression: " +
                                                        compiled.error().code + " " + compiled.error().message,
                           json_path_join(path, "errorMessage"));
      e.position = compiled.error().position;
      e.token = compiled.error().token;
      r.errors.push_back(std::move(e));
    }
  }
  const auto it = node.find("unreadableAnswers");
  if (it == node.end()) return answers;
  const std::string upath = json_path_join(path, "unreadableAnswers");
  if (!it->is_array() || it->size() > 5) {
    r.fail("CONFIG_INVALID_TYPE", "unreadableAnswers must be an array of at most 5 {contains, reason}", upath);
    return answers;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& entry = (*it)[i];
    const std::string epath = json_path_join(upath, std::to_string(i));
    if (!entry.is_object()) {
      r.fail("CONFIG_INVALID_TYPE", "an unreadableAnswers entry must be an object {contains, reason}", epath);
      continue;
    }
    r.only(entry, epath, {"contains", "reason"});
    ItsmAnswers::Unreadable u{r.string(entry, "contains", epath, true), r.string(entry, "reason", epath, true)};
    if (!u.marker.empty() && !u.reason.empty()) answers->unreadable.push_back(std::move(u));
  }
  return answers;
}

}  // namespace

std::optional<Credential> read_credential(Reader& r, const std::string& name, const json& node,
                                          const std::string& path) {
  if (!node.is_object()) {
    r.fail("CONFIG_INVALID_TYPE", "a credential must be an object", path);
    return std::nullopt;
  }
  const std::size_t mark = r.errors.size();
  r.only(node, path, {"baseUrl", "auth", "description", "errorMessage", "unreadableAnswers"});
  Credential c;
  c.name = name;
  c.base_url = r.string(node, "baseUrl", path, true);
  if (!c.base_url.empty() && check_url(r, c.base_url, json_path_join(path, "baseUrl"), true)) {
    if (c.base_url.find_first_of("?#") != std::string::npos) {
      r.fail("CONFIG_INVALID_URL", "a base URL cannot have a query or fragment", json_path_join(path, "baseUrl"));
    }
    if (c.base_url.back() != '/') c.base_url += '/';
  }
  const json* auth = r.object(node, "auth", path, true);
  if (auth) {
    auto a = read_auth(r, *auth, json_path_join(path, "auth"), c.base_url);
    if (a) c.auth = std::move(*a);
  }
  c.answers = read_answers(r, node, path);
  if (!r.ok_since(mark)) return std::nullopt;
  return c;
}

}  // namespace tb::config_detail
