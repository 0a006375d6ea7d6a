// Credentials recognisable by their shape alone, wherever they appear: the credential of an
// "Authorization: Bearer/Basic" header, JSON Web Tokens, vendor keys with fixed prefixes,
// PEM private-key blocks, BitLocker recovery keys, and the password of a
// "scheme://user:password@host" URL.
#include "transcript_redaction/detectors.hpp"

namespace tb::redaction {
namespace {

enum class Charset { UpperDigit, Alnum, AlnumUnderscore, Base64Url };

bool in_charset(char c, Charset cs) {
  switch (cs) {
    case Charset::UpperDigit: return is_upper(c) || is_digit(c);
    case Charset::Alnum: return is_alnum(c);
    case Charset::AlnumUnderscore: return is_alnum(c) || c == '_';
    case Charset::Base64Url: return is_alnum(c) || c == '_' || c == '-';
  }
  return false;
}

// A vendor key: a fixed prefix, then `min`..`max` characters of one set (max 0 = no limit).
struct KeyShape {
  std::string_view prefix;
  Charset charset;
  std::size_t min, max;
};

constexpr KeyShape kKeyShapes[] = {
    {"AKIA", Charset::UpperDigit, 16, 16}, {"ASIA", Charset::UpperDigit, 16, 16},  // AWS access key ids
    {"AGPA", Charset::UpperDigit, 16, 16}, {"AIDA", Charset::UpperDigit, 16, 16},
    {"AROA", Charset::UpperDigit, 16, 16}, {"ANPA", Charset::UpperDigit, 16, 16},
    {"ghp_", Charset::Alnum, 36, 0},       {"gho_", Charset::Alnum, 36, 0},        // GitHub
    {"ghu_", Charset::Alnum, 36, 0},       {"ghs_", Charset::Alnum, 36, 0},
    {"ghr_", Charset::Alnum, 36, 0},       {"github_pat_", Charset::AlnumUnderscore, 22, 0},
    {"glpat-", Charset::Base64Url, 20, 0},                                          // GitLab
    {"xoxb-", Charset::Base64Url, 10, 0},  {"xoxp-", Charset::Base64Url, 10, 0},  // Slack
    {"xoxa-", Charset::Base64Url, 10, 0},  {"xoxs-", Charset::Base64Url, 10, 0},
    {"xoxr-", Charset::Base64Url, 10, 0},  {"xapp-", Charset::Base64Url, 10, 0},
    {"sk_live_", Charset::Alnum, 16, 0},   {"sk_test_", Charset::Alnum, 16, 0},   // Stripe
    {"rk_live_", Charset::Alnum, 16, 0},   {"rk_test_", Charset::Alnum, 16, 0},
    {"whsec_", Charset::Alnum, 16, 0},
    {"sk-", Charset::Base64Url, 20, 0},                                             // OpenAI, Anthropic
    {"AIza", Charset::Base64Url, 35, 35},                                           // Google API keys
    {"npm_", Charset::Alnum, 36, 0},       {"hf_", Charset::Alnum, 30, 0},          // npm, Hugging Face
};

bool token68(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/'; }

int b64_value(char c) {
  if (is_upper(c)) return c - 'A';
  if (is_lower(c)) return c - 'a' + 26;
  if (is_digit(c)) return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Basic credentials are base64 of "user:password": printable text with a colon.
bool is_basic_credential(std::string_view v) {
  while (!v.empty() && v.back() == '=') v.remove_suffix(1);
  if (v.size() < 8) return false;
  unsigned acc = 0;
  int bits = 0;
  bool colon = false;
  for (char c : v) {
    const int d = b64_value(c);
    if (d < 0) return false;
    acc = (acc << 6) | static_cast<unsigned>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const unsigned byte = (acc >> bits) & 0xFF;
      if (byte < 0x20 || byte == 0x7F) return false;
      colon = colon || byte == ':';
    }
  }
  return colon;
}

// "Bearer <token>" / "Basic <credentials>" at i; returns the end of what was scanned.
std::size_t auth_scheme_at(std::string_view s, std::size_t i, Spans& out) {
  if (to_lower(s[i]) != 'b') return i;
  std::size_t kw = match_folded(s, i, "bearer");
  const bool basic = kw == 0 && (kw = match_folded(s, i, "basic")) != 0;
  if (kw == 0) return i;
  std::size_t q = i + kw;
  const std::size_t gap = q;
  while (q < s.size() && q - gap < 4 && is_hspace(s[q])) ++q;
  if (q == gap) return i + kw;
  const std::size_t b = q;
  while (q < s.size() && token68(s[q])) ++q;
  while (q < s.size() && s[q] == '=') ++q;
  std::size_t e = q;
  while (e > b && s[e - 1] == '.') --e;
  if (e - b < 8 || word_after(s, q)) return q;
  const std::string_view v = s.substr(b, e - b);
  bool digit = false, upper = false, lower = false;
  for (char c : v) {
    digit = digit || is_digit(c);
    upper = upper || is_upper(c);
    lower = lower || is_lower(c);
  }
  // "Bearer authentication", "basic troubleshooting": words, not credentials.
  const bool credential = basic ? is_basic_credential(v) : (digit || (upper && lower));
  if (credential) out.push_back({b, e, RedactionKind::Secret});
  return q;
}

bool b64url(char c) { return is_alnum(c) || c == '_' || c == '-'; }

// header.payload.signature, the header being base64url JSON ("eyJ" = '{"').
std::size_t jwt_at(std::string_view s, std::size_t i, Spans& out) {
  std::size_t q = i;
  std::size_t seg_len[3] = {0, 0, 0};
  int seg = 0;
  for (;;) {
    const std::size_t b = q;
    while (q < s.size() && b64url(s[q])) ++q;
    seg_len[seg] = q - b;
    if (seg == 2 || q >= s.size() || s[q] != '.') break;
    ++q;
    ++seg;
  }
  if (seg == 2 && seg_len[0] >= 10 && seg_len[1] >= 10) out.push_back({i, q, RedactionKind::Secret});
  return q;
}

std::size_t key_shape_at(std::string_view s, std::size_t i, Spans& out) {
  for (const KeyShape& k : kKeyShapes) {
    if (s[i] != k.prefix[0] || s.compare(i, k.prefix.size(), k.prefix) != 0) continue;
    std::size_t q = i + k.prefix.size();
    while (q < s.size() && in_charset(s[q], k.charset)) ++q;
    const std::size_t n = q - i - k.prefix.size();
    if (n >= k.min && (k.max == 0 || n <= k.max) && !word_after(s, q)) {
      out.push_back({i, q, RedactionKind::Secret});
    }
    return q;
  }
  return i;
}

// The "-----END" after `from`, found at most once per block so that many BEGINs stay linear.
struct EndFinder {
  std::size_t cached = 0;
  bool valid = false;
  std::size_t next(std::string_view s, std::size_t from) {
    if (!valid || (cached != std::string_view::npos && cached < from)) {
      cached = s.find("-----END ", from);
      valid = true;
    }
    return cached;
  }
};

std::size_t private_key_at(std::string_view s, std::size_t i, EndFinder& ends, Spans& out) {
  const std::size_t label = i + 11;  // "-----BEGIN "
  const std::string_view line = s.substr(label, 64);
  const std::size_t close = line.find("-----");
  if (close == std::string_view::npos || line.substr(0, close).find("PRIVATE KEY") == std::string_view::npos ||
      line.substr(0, close).find('\n') != std::string_view::npos) {
    return label;
  }
  std::size_t e = ends.next(s, label + close + 5);
  if (e != std::string_view::npos) {
    const std::size_t tail = s.substr(e + 9, 64).find("-----");
    e = tail == std::string_view::npos ? e + 9 : e + 9 + tail + 5;
  } else {
    // No END line: mask the base64 body that follows.
    e = label + close + 5;
    while (e < s.size() && (b64_value(s[e]) >= 0 || s[e] == '=' || is_space(s[e]))) ++e;
    while (e > i && is_space(s[e - 1])) --e;
  }
  out.push_back({i, e, RedactionKind::Secret});
  return e;
}

// Eight groups of six digits: a BitLocker recovery key, which unlocks the whole disk.
std::size_t recovery_key_at(std::string_view s, std::size_t i, Spans& out) {
  std::size_t q = i;
  for (int group = 0; group < 8; ++group) {
    if (group > 0) {
      if (q >= s.size() || s[q] != '-') return q;
      ++q;
    }
    const std::size_t b = q;
    while (q < s.size() && q - b < 7 && is_digit(s[q])) ++q;
    if (q - b != 6) return q;
  }
  if (!word_after(s, q) && !(q + 1 < s.size() && s[q] == '-' && is_digit(s[q + 1]))) {
    out.push_back({i, q, RedactionKind::Secret});
  }
  return q;
}

bool userinfo_char(char c) {
  return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '%' || c == '!' || c == '$' ||
         c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' ||
         c == '=' || c == ':';
}

// "scheme://user:password@host": the password.
std::size_t url_password_at(std::string_view s, std::size_t i, Spans& out) {
  std::size_t q = i + 3;
  std::size_t colon = std::string_view::npos;
  while (q < s.size() && userinfo_char(s[q])) {
    if (s[q] == ':' && colon == std::string_view::npos) colon = q;
    ++q;
  }
  if (q < s.size() && s[q] == '@' && colon != std::string_view::npos && q > colon + 1) {
    out.push_back({colon + 1, q, RedactionKind::Secret});
  }
  return q;
}

}  // namespace

void find_shaped_secrets(std::string_view s, Spans& out) {
  EndFinder ends;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    std::size_t next = i;
    if (c == ':' && s.compare(i, 3, "://") == 0) {
      next = url_password_at(s, i, out);
    } else if (c == '-' && s.compare(i, 11, "-----BEGIN ") == 0) {
      next = private_key_at(s, i, ends, out);
    } else if (is_digit(c) && !word_before(s, i) && !(i > 0 && s[i - 1] == '-')) {
      next = recovery_key_at(s, i, out);
    } else if (is_alpha(c) && !(i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '_'))) {
      if (c == 'e' && s.compare(i, 3, "eyJ") == 0 && !(i > 0 && (s[i - 1] == '-' || s[i - 1] == '.'))) {
        next = jwt_at(s, i, out);
      }
      if (next == i && !word_before(s, i)) next = auth_scheme_at(s, i, out);
      if (next == i) next = key_shape_at(s, i, out);
    }
    i = next > i ? next : i + 1;
  }
}

}  // namespace tb::redaction
