// Connector credentials: where the ITSM lives and how to authenticate. Secrets are held
// here only; API calls name a credential and never carry secrets themselves.
#include "config/config_sections.hpp"
#include "ticketbridge/redact.hpp"

#include <cctype>

namespace tb::config_detail {
namespace {

// Short secrets would make redaction mask ordinary text (a ticket number, a JSON literal
// such as 10000), and are weak anyway.
void check_secret(Reader& r, const std::string& value, const std::string& path, const char* what) {
  if (!value.empty() && value.size() < Redactor::kMinSecretBytes) {
    r.fail("CONFIG_SECRET_TOO_SHORT",
           std::string(what) + " must be at least " + std::to_string(Redactor::kMinSecretBytes) + " characters long", path);
  }
}

// Bearer tokens and API keys travel verbatim in a header: a pasted line break or a
// character beyond Latin-1 would make fetch() refuse every request. The message never
// quotes the value.
void check_header_secret(Reader& r, const std::string& value, const std::string& path, const char* what) {
  if (!is_header_value(value)) {
    r.fail("CONFIG_SECRET_NOT_SENDABLE",
           std::string(what) + " contains a line break, a control character or a character beyond Latin-1, "
                               "which an HTTP header cannot carry (check for a pasted newline)",
           path);
  }
}

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<Auth> read_auth(Reader& r, const json& node, const std::string& path, const std::string& base_url) {
  Auth a;
  const std::string type = r.string(node, "type", path, true);
  if (type == "none") {
    r.only(node, path, {"type"});
    a.type = AuthType::None;
  } else if (type == "basic") {
    r.only(node, path, {"type", "username", "password"});
    a.type = AuthType::Basic;
    a.username = r.string(node, "username", path, true);
    a.password = r.string(node, "password", path, true);
    if (a.username.find(':') != std::string::npos) {
      r.fail("CONFIG_INVALID_VALUE", "a Basic username cannot contain ':'", json_path_join(path, "username"));
    }
    check_secret(r, a.password, json_path_join(path, "password"), "the password");
  } else if (type == "bearer") {
    r.only(node, path, {"type", "token", "scheme"});
    a.type = AuthType::Bearer;
    a.token = r.string(node, "token", path, true);
    // Most ITSMs want "Authorization: Bearer <t>"; RT 5's REST 2 wants "token <t>".
    const std::string scheme = r.string(node, "scheme", path, false);
    if (!scheme.empty()) {
      if (is_header_name(scheme)) a.token_scheme = scheme;
      else r.fail("CONFIG_INVALID_VALUE", "the scheme must be a single word (letters, digits, -)", json_path_join(path, "scheme"));
    }
    check_secret(r, a.token, json_path_join(path, "token"), "the token");
    check_header_secret(r, a.token, json_path_join(path, "token"), "the token");
  } else if (type == "apiKey") {
    r.only(node, path, {"type", "header", "value"});
    a.type = AuthType::ApiKey;
    a.header_name = r.string(node, "header", path, true);
    a.header_value = r.string(node, "value", path, true);
    check_secret(r, a.header_value, json_path_join(path, "value"), "the API key");
    check_header_secret(r, a.header_value, json_path_join(path, "value"), "the API key");
    if (!is_header_name(a.header_name)) {
      r.fail("CONFIG_INVALID_VALUE", "the API key header name must be a single HTTP token (letters, digits, -, no spaces)",
             json_path_join(path, "header"));
    } else if (is_client_header(a.header_name) || lower_ascii(a.header_name) == "content-type") {
      r.fail("CONFIG_FORBIDDEN_HEADER", "header '" + a.header_name + "' is set by the HTTP client or the payload; "
             "the API key needs a header of its own (e.g. x-api-key)", json_path_join(path, "header"));
    }
  } else if (type == "oauth2ClientCredentials") {
    r.only(node, path, {"type", "tokenUrl", "clientId", "clientSecret", "scope"});
    a.type = AuthType::OAuth2ClientCredentials;
    a.token_url = r.string(node, "tokenUrl", path, false);
    a.client_id = r.string(node, "clientId", path, true);
    a.client_secret = r.string(node, "clientSecret", path, true);
    a.scope = r.string(node, "scope", path, false);
    check_secret(r, a.client_secret, json_path_join(path, "clientSecret"), "the client secret");
    // ServiceNow's token endpoint sits beside the Table API; a relative tokenUrl (or none)
    // is resolved against the credential's base URL.
    if (a.token_url.empty()) a.token_url = "oauth_token.do";
    if (a.token_url.rfind("http://", 0) == 0 || a.token_url.rfind("https://", 0) == 0) {
      check_url(r, a.token_url, json_path_join(path, "tokenUrl"), true);
    } else if (check_url_text(r, a.token_url, json_path_join(path, "tokenUrl"))) {
      a.token_url = base_url + (a.token_url[0] == '/' ? a.token_url.substr(1) : a.token_url);
    }
  } else if (!type.empty()) {
    r.fail("CONFIG_INVALID_VALUE",
           "unknown auth type '" + type + "' (expected none, basic, bearer, apiKey or oauth2ClientCredentials)",
           json_path_join(path, "type"));
    return std::nullopt;
  }
  return a;
}

}  // namespace

std::optional<Credential> read_credential(Reader& r, const std::string& name, const json& node,
                                          const std::string& path) {
  if (!node.is_object()) {
    r.fail("CONFIG_INVALID_TYPE", "a credential must be an object", path);
    return std::nullopt;
  }
  const std::size_t mark = r.errors.size();
  r.only(node, path, {"baseUrl", "auth", "description"});
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
  if (!r.ok_since(mark)) return std::nullopt;
  return c;
}

}  // namespace tb::config_detail
