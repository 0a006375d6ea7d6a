#include "config/config_reader.hpp"

#include <cctype>
#include <cmath>

namespace tb::config_detail {

void Reader::only(const json& obj, const std::string& path, std::initializer_list<const char*> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (const char* a : allowed) known = known || it.key() == a;
    if (!known) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail("CONFIG_UNKNOWN_FIELD", "unknown field '" + it.key() + "' (expected one of: " + list + ")",
           json_path_join(path, it.key()));
    }
  }
}

std::string Reader::string(const json& obj, const char* key, const std::string& path, bool required) {
  const auto it = obj.find(key);
  const std::string where = json_path_join(path, key);
  if (it == obj.end() || it->is_null()) {
    if (required) fail("CONFIG_MISSING_FIELD", std::string("missing required field '") + key + "'", where);
    return {};
  }
  if (!it->is_string()) {
    fail("CONFIG_INVALID_TYPE", std::string("'") + key + "' must be a string", where);
    return {};
  }
  const std::string& s = it->get_ref<const std::string&>();
  if (required && s.empty()) fail("CONFIG_MISSING_FIELD", std::string("'") + key + "' must not be empty", where);
  return s;
}

bool Reader::boolean(const json& obj, const char* key, const std::string& path, bool fallback) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) {
    fail("CONFIG_INVALID_TYPE", std::string("'") + key + "' must be true or false", json_path_join(path, key));
    return fallback;
  }
  return it->get<bool>();
}

double Reader::number(const json& obj, const char* key, const std::string& path, double fallback, double lo,
                      double hi) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  const std::string where = json_path_join(path, key);
  if (!it->is_number()) {
    fail("CONFIG_INVALID_TYPE", std::string("'") + key + "' must be a number", where);
    return fallback;
  }
  const double v = it->get<double>();
  if (!(v >= lo && v <= hi)) {
    fail("CONFIG_INVALID_VALUE", std::string("'") + key + "' must be between " + dump_json(json(lo)) + " and " +
                                     dump_json(json(hi)), where);
    return fallback;
  }
  return v;
}

int Reader::integer(const json& obj, const char* key, const std::string& path, int fallback, int lo, int hi) {
  const std::size_t mark = errors.size();
  const double v = number(obj, key, path, fallback, lo, hi);
  if (!ok_since(mark)) return fallback;
  if (v != std::floor(v)) {
    fail("CONFIG_INVALID_VALUE", std::string("'") + key + "' must be a whole number", json_path_join(path, key));
    return fallback;
  }
  return static_cast<int>(v);
}

const json* Reader::object(const json& obj, const char* key, const std::string& path, bool required) {
  const auto it = obj.find(key);
  const std::string where = json_path_join(path, key);
  if (it == obj.end() || it->is_null()) {
    if (required) fail("CONFIG_MISSING_FIELD", std::string("missing required field '") + key + "'", where);
    return nullptr;
  }
  if (!it->is_object()) {
    fail("CONFIG_INVALID_TYPE", std::string("'") + key + "' must be an object", where);
    return nullptr;
  }
  return &*it;
}

bool is_header_name(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos)) return false;
  }
  return true;
}

bool is_client_header(std::string_view name) {
  static const char* reserved[] = {"authorization", "proxy-authorization", "host", "content-length",
                                   "transfer-encoding", "connection", "cookie"};
  std::string lower(name);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* r : reserved)
    if (lower == r) return true;
  return false;
}

bool is_header_value(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto u = static_cast<unsigned char>(value[i]);
    if (u < 0x20 || u == 0x7F || u > 0xC3) return false;  // controls; lead bytes past U+00FF
    if (u == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) < 0xA0) return false;  // C1
  }
  return true;
}

bool check_url_text(Reader& r, std::string_view text, const std::string& path) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '\\') {
      r.fail("CONFIG_INVALID_URL", "a URL must not contain spaces, control characters or backslashes", path);
      return false;
    }
  }
  return true;
}

namespace {
// host[:port] of an http(s) URL: a DNS name or IPv4 address (ASCII letters, digits, '-', '.',
// '_'), or an IPv6 address in brackets; a port from 1 to 65535. fetch() refuses anything
// else, and the escalation would retry a request that can never leave.
bool valid_authority(const std::string& authority) {
  std::string host = authority, port;
  if (!host.empty() && host[0] == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string::npos || close < 3) return false;
    for (std::size_t i = 1; i < close; ++i)
      if (!(std::isxdigit(static_cast<unsigned char>(host[i])) || host[i] == ':' || host[i] == '.')) return false;
    const std::string rest = host.substr(close + 1);
    if (!rest.empty() && rest[0] != ':') return false;
    if (!rest.empty()) port = rest.substr(1);
    if (rest == ":") return false;
  } else {
    const std::size_t colon = host.find(':');
    if (colon != std::string::npos) {
      port = host.substr(colon + 1);
      host.resize(colon);
      if (port.empty()) return false;
    }
    if (host.empty()) return false;
    for (const char c : host)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_')) return false;
  }
  if (!port.empty()) {
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
    const long n = std::stol(port);
    if (n < 1 || n > 65535) return false;
  }
  return true;
}
}  // namespace

bool check_url(Reader& r, const std::string& url, const std::string& path, bool allow_loopback_http) {
  const bool https = url.rfind("https://", 0) == 0;
  const bool http = url.rfind("http://", 0) == 0;
  if (!https && !http) {
    r.fail("CONFIG_INVALID_URL", "'" + url + "' is not an absolute https:// URL", path);
    return false;
  }
  const std::size_t host_start = https ? 8 : 7;
  const std::size_t host_end = url.find_first_of("/?#", host_start);
  const std::string authority = url.substr(host_start, host_end == std::string::npos ? std::string::npos
                                                                                      : host_end - host_start);
  if (authority.empty()) {
    r.fail("CONFIG_INVALID_URL", "'" + url + "' has no host", path);
    return false;
  }
  if (authority.find('@') != std::string::npos) {
    // Credentials in a URL end up in logs; they belong in the credential's auth block.
    r.fail("CONFIG_INVALID_URL", "a URL must not carry user:password@; put credentials in 'auth'", path);
    return false;
  }
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '\\') {
      r.fail("CONFIG_INVALID_URL", "a URL must not contain spaces, control characters or backslashes", path);
      return false;
    }
  }
  if (!valid_authority(authority)) {
    r.fail("CONFIG_INVALID_URL",
           "the host must be a DNS name or an IP address (IPv6 in brackets), with a port from 1 to 65535; "
           "write an international domain name in its xn-- form",
           path);
    return false;
  }
  if (http) {
    std::string host = authority;
    if (!host.empty() && host[0] == '[') host = host.substr(0, host.find(']') + 1);
    else host = host.substr(0, host.find(':'));
    const bool loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
    if (!(allow_loopback_http && loopback)) {
      r.fail("CONFIG_INSECURE_URL",
             allow_loopback_http ? "plain http is only allowed for a loopback test ITSM (127.0.0.1, localhost); use https"
                                 : "this URL must use https",
             path);
      return false;
    }
  }
  return true;
}

}  // namespace tb::config_detail
