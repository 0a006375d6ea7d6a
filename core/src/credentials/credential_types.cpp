// The registry of credential types: one line per type.
#include <cstdlib>

#include "credentials/credential_type.hpp"
#include "ticketbridge/secret_masking.hpp"

namespace tb::credentials {

const std::vector<const CredentialType*>& all() {
  static const std::vector<const CredentialType*> types = {
      &none(),
      &basic(),
      &bearer(),
      &api_key(),
      &oauth2_client_credentials(),
  };
  return types;
}

const CredentialType* find(std::string_view name) {
  for (const CredentialType* t : all())
    if (name == t->name) return t;
  return nullptr;
}

const CredentialType& of(AuthType type) {
  for (const CredentialType* t : all())
    if (t->type == type) return *t;
  std::abort();  // every AuthType has a registered unit (a loaded Auth only holds those)
}

void check_secret(Reader& r, const std::string& value, const std::string& path, const char* what) {
  if (!value.empty() && value.size() < SecretMasker::kMinSecretBytes) {
    r.fail("CONFIG_SECRET_TOO_SHORT",
           std::string(what) + " must be at least " + std::to_string(SecretMasker::kMinSecretBytes) + " characters long", path);
  }
}

void check_header_secret(Reader& r, const std::string& value, const std::string& path, const char* what) {
  if (!config_detail::is_header_value(value)) {
    r.fail("CONFIG_SECRET_NOT_SENDABLE",
           std::string(what) + " contains a line break, a control character or a character beyond Latin-1, "
                               "which an HTTP header cannot carry (check for a pasted newline)",
           path);
  }
}

}  // namespace tb::credentials
