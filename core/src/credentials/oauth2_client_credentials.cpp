// "oauth2ClientCredentials": a bearer token fetched from the token endpoint with the client id
// and secret (the escalation machine asks for it and caches it); requests carry the token.
#include "credentials/credential_type.hpp"
#include "ticketbridge/encoding.hpp"

namespace tb::credentials {

const CredentialType& oauth2_client_credentials() {
  static const CredentialType type{
      "oauth2ClientCredentials", AuthType::OAuth2ClientCredentials,
      [](Reader& r, const json& node, const std::string& path, const std::string& base_url, Auth& a) {
        r.only(node, path, {"type", "tokenUrl", "clientId", "clientSecret", "scope"});
        a.token_url = r.string(node, "tokenUrl", path, true);
        a.client_id = r.string(node, "clientId", path, true);
        a.client_secret = r.string(node, "clientSecret", path, true);
        a.scope = r.string(node, "scope", path, false);
        check_secret(r, a.client_secret, json_path_join(path, "clientSecret"), "the client secret");
        // Where the token endpoint is belongs to the ITSM (ServiceNow: oauth_token.do, in its
        // preset); a relative tokenUrl is resolved against the credential's base URL.
        if (a.token_url.empty()) return;
        if (a.token_url.rfind("http://", 0) == 0 || a.token_url.rfind("https://", 0) == 0) {
          config_detail::check_url(r, a.token_url, json_path_join(path, "tokenUrl"), true);
        } else if (config_detail::check_url_text(r, a.token_url, json_path_join(path, "tokenUrl"))) {
          a.token_url = base_url + (a.token_url[0] == '/' ? a.token_url.substr(1) : a.token_url);
        }
      },
      [](const Auth& a, std::vector<std::string>& out) {
        out.push_back(a.client_secret);
        out.push_back(base64_encode(a.client_id + ":" + a.client_secret));
      },
      [](const Auth&, std::string_view access_token, std::vector<HttpHeader>& headers) {
        if (!access_token.empty()) headers.push_back({"Authorization", "Bearer " + std::string(access_token)});
      },
  };
  return type;
}

}  // namespace tb::credentials
