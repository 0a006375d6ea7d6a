// "bearer": a fixed token in the Authorization header. Most ITSMs want "Bearer <t>"; RT 5's
// REST 2 wants "token <t>", hence the optional scheme.
#include "credentials/credential_type.hpp"

namespace tb::credentials {

const CredentialType& bearer() {
  static const CredentialType type{
      "bearer", AuthType::Bearer,
      [](Reader& r, const json& node, const std::string& path, const std::string&, Auth& a) {
        r.only(node, path, {"type", "token", "scheme"});
        a.token = r.string(node, "token", path, true);
        check_secret(r, a.token, json_path_join(path, "token"), "the token");
        check_header_secret(r, a.token, json_path_join(path, "token"), "the token");
        const std::string scheme = r.string(node, "scheme", path, false);
        if (!scheme.empty()) {
          if (config_detail::is_header_name(scheme)) a.token_scheme = scheme;
          else r.fail("CONFIG_INVALID_VALUE", "the scheme must be a single word (letters, digits, -)", json_path_join(path, "scheme"));
        }
      },
      [](const Auth& a, std::vector<std::string>& out) { out.push_back(a.token); },
      [](const Auth& a, std::string_view, std::vector<HttpHeader>& headers) {
        headers.push_back({"Authorization", a.token_scheme + " " + a.token});
      },
  };
  return type;
}

}  // namespace tb::credentials
