#pragma once
// One credential type per unit: how its fields are read and checked, which secrets it holds
// (for masking), and how it authorises a request. A new type is one file here plus a line in
// credential_types.cpp (and its fields in tb::Auth).
#include <string>
#include <string_view>
#include <vector>

#include "config/config_reader.hpp"
#include "ticketbridge/config.hpp"
#include "ticketbridge/http.hpp"

namespace tb::credentials {

using config_detail::json;
using config_detail::Reader;

struct CredentialType {
  const char* name;  ///< the "type" an admin writes: "basic"
  AuthType type;
  /// Reads the type's fields from the auth object at `path` (the caller has read "type");
  /// `base_url` is the credential's, normalised to end with '/'.
  void (*read)(Reader& r, const json& node, const std::string& path, const std::string& base_url, Auth& out);
  /// Appends every secret the credential holds, in each form it travels in.
  void (*secrets)(const Auth& auth, std::vector<std::string>& out);
  /// Adds the authorisation headers; `access_token` is the OAuth2 token, when there is one.
  void (*authorize)(const Auth& auth, std::string_view access_token, std::vector<HttpHeader>& headers);
};

/// Every registered type, in the order the error message lists them.
const std::vector<const CredentialType*>& all();
const CredentialType* find(std::string_view name);
const CredentialType& of(AuthType type);

// Checks the types share.
/// Short secrets would make masking hide ordinary text (a ticket number, a JSON literal such as
/// 10000), and are weak anyway.
void check_secret(Reader& r, const std::string& value, const std::string& path, const char* what);
/// A secret sent verbatim in a header: a pasted line break or a character beyond Latin-1 would
/// make fetch() refuse every request. The message never quotes the value.
void check_header_secret(Reader& r, const std::string& value, const std::string& path, const char* what);

// The registered types (one unit each).
const CredentialType& none();
const CredentialType& basic();
const CredentialType& bearer();
const CredentialType& api_key();
const CredentialType& oauth2_client_credentials();

}  // namespace tb::credentials
