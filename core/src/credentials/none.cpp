// "none": an ITSM reached without credentials (a test instance, a relay that adds them).
#include "credentials/credential_type.hpp"

namespace tb::credentials {

const CredentialType& none() {
  static const CredentialType type{
      "none", AuthType::None,
      [](Reader& r, const json& node, const std::string& path, const std::string&, Auth&) { r.only(node, path, {"type"}); },
      [](const Auth&, std::vector<std::string>&) {},
      [](const Auth&, std::string_view, std::vector<HttpHeader>&) {},
  };
  return type;
}

}  // namespace tb::credentials
