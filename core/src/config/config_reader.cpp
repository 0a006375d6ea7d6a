#include "config/config_reader.hpp"

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
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      r.fail("CONFIG_INVALID_URL", "a URL must not contain spaces or control characters", path);
      return false;
    }
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
