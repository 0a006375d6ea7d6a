// "basic": user name and password, sent as HTTP Basic on every request.
#include "credentials/credential_type.hpp"
#include "ticketbridge/encoding.hpp"

namespace tb::credentials {

const CredentialType& basic() {
  static const CredentialType type{
      "basic", AuthType::Basic,
      [](Reader& r, const json& node, const std::string& path, const std::string&, Auth& a) {
        r.only(node, path, {"type", "username", "password"});
        a.username = r.string(node, "username", path, true);
        a.password = r.string(node, "password", path, true);
        if (a.username.find(':') != std::string::npos) {
          r.fail("CONFIG_INVALID_VALUE", "a Basic username cannot contain ':'", json_path_join(path, "username"));
        }
        check_secret(r, a.password, json_path_join(path, "password"), "the password");
      },
      [](const Auth& a, std::vector<std::string>& out) {
        out.push_back(a.password);
        out.push_back(base64_encode(a.username + ":" + a.password));
      },
      [](const Auth& a, std::string_view, std::vector<HttpHeader>& headers) {
        headers.push_back({"Authorization", "Basic " + base64_encode(a.username + ":" + a.password)});
      },
  };
  return type;
}

}  // namespace tb::credentials
