#pragma once
// Shared helpers for reading the configuration document: every accessor records a
// problem with its JSON path instead of failing, so one pass reports every mistake.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb::config_detail {

using json = nlohmann::json;

class Reader {
 public:
  std::vector<Error> errors;

  void fail(std::string code, std::string message, std::string path) {
    errors.push_back(make_error(std::move(code), std::move(message), std::move(path)));
  }

  /// Reports members not in `allowed` (a typo such as "payLoad" must not be silently ignored).
  void only(const json& obj, const std::string& path, std::initializer_list<const char*> allowed);

  /// A string member; records CONFIG_MISSING_FIELD / CONFIG_INVALID_TYPE and returns "".
  std::string string(const json& obj, const char* key, const std::string& path, bool required);
  bool boolean(const json& obj, const char* key, const std::string& path, bool fallback);
  /// An integer member within [lo, hi]; records CONFIG_INVALID_VALUE when outside.
  int integer(const json& obj, const char* key, const std::string& path, int fallback, int lo, int hi);
  double number(const json& obj, const char* key, const std::string& path, double fallback, double lo, double hi);
  /// An object member (nullptr if absent and optional).
  const json* object(const json& obj, const char* key, const std::string& path, bool required);

  /// First problem found after `mark`, for attributing a failure to one item.
  bool ok_since(std::size_t mark) const { return errors.size() == mark; }
};

/// RFC 9110 header field name.
bool is_header_name(std::string_view name);
/// Headers the HTTP client sets itself (fetch() refuses or overrides them): never custom.
bool is_client_header(std::string_view name);
/// A value fetch() can send in a header: no control characters, nothing beyond Latin-1.
bool is_header_value(std::string_view value);
/// Literal URL text (a relative resource or token URL): no spaces, control characters or
/// backslashes, which fetch() would refuse or read as something else.
bool check_url_text(Reader& r, std::string_view text, const std::string& path);

/// http(s) URL checks shared by credentials, token URLs and fallback URLs.
/// `allow_loopback_http`: plain http is accepted only for 127.0.0.1 / localhost / [::1].
bool check_url(Reader& r, const std::string& url, const std::string& path, bool allow_loopback_http);

}  // namespace tb::config_detail
