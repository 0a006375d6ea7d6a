// "apiKey": a key in a header of its own (x-api-key, x-sn-apikey, ...).
#include <cctype>

#include "credentials/credential_type.hpp"

namespace tb::credentials {

namespace {
std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

const CredentialType& api_key() {
  static const CredentialType type{
      "apiKey", AuthType::ApiKey,
      [](Reader& r, const json& node, const std::string& path, const std::string&, Auth& a) {
        r.only(node, path, {"type", "header", "value"});
        a.header_name = r.string(node, "header", path, true);
        a.header_value = r.string(node, "value", path, true);
        check_secret(r, a.header_value, json_path_join(path, "value"), "the API key");
        check_header_secret(r, a.header_value, json_path_join(path, "value"), "the API key");
        if (!config_detail::is_header_name(a.header_name)) {
          r.fail("CONFIG_INVALID_VALUE", "the API key header name must be a single HTTP token (letters, digits, -, no spaces)",
                 json_path_join(path, "header"));
        } else if (config_detail::is_client_header(a.header_name) || lower_ascii(a.header_name) == "content-type") {
          r.fail("CONFIG_FORBIDDEN_HEADER", "header '" + a.header_name + "' is set by the HTTP client or the payload; "
                 "the API key needs a header of its own (e.g. x-api-key)", json_path_join(path, "header"));
        }
      },
      [](const Auth& a, std::vector<std::string>& out) { out.push_back(a.header_value); },
      [](const Auth& a, std::string_view, std::vector<HttpHeader>& headers) { headers.push_back({a.header_name, a.header_value}); },
  };
  return type;
}

}  // namespace tb::credentials
