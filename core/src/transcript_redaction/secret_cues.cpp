// Values announced by a cue word: "password: Hunter2!", "my PIN is 4821", "DB_PASSWORD=x",
// "\"api_key\": \"...\"", "Passwort ist ...", and without a connector when the value looks
// like a credential ("password Summer2024!", "PIN 4821"). Only the value is masked, so the
// ticket still says that a password was shared. A value that is an ordinary word of the
// sentence ("password is expired", "token: invalid") or a template reference ("${DB_PASS}")
// is not a secret and is left alone.
#include "transcript_redaction/detectors.hpp"

namespace tb::redaction {
namespace {

// Words separated by one space here match "", " ", "_" or "-" in the text (api key, API_KEY,
// api-key, apikey). Longer phrases first where one starts another.
constexpr std::string_view kCues[] = {
    "password", "passwd", "pwd", "pw", "pass code", "pass phrase", "pin code", "pin number", "pin", "token",
    "api key", "access key", "secret key", "account key", "recovery key", "product key", "license key",
    "licence key", "activation key", "wifi key", "wi fi key", "wlan key", "network key", "wpa key", "otp code",
    "otp", "one time password", "one time code", "verification code", "security code", "mfa code", "sig",
    "secret", "passwort", "kennwort", "mot de passe", "mdp",
    "contraseña", "clave", "senha", "wachtwoord", "lösenord", "passord", "salasana", "hasło", "parola", "пароль",
    "密码", "口令", "パスワード", "비밀번호"};

constexpr std::string_view kVerbConnectors[] = {"is", "was", "ist", "war", "est", "es", "era", "é", "är", "on"};

constexpr std::string_view kFillers[] = {"now", "still", "currently", "temporarily", "just", "jetzt", "maintenant", "ahora"};

// Ordinary words that follow a cue in a sentence about the credential rather than its value.
constexpr std::string_view kNotValues[] = {
    "not", "no", "wrong", "incorrect", "invalid", "expired", "expiring", "expires", "locked", "blocked",
    "disabled", "enabled", "correct", "right", "required", "needed", "missing", "empty", "blank", "reset",
    "changed", "change", "set", "same", "too", "very", "so", "really", "still", "being", "been", "getting",
    "going", "always", "never", "sometimes", "the", "a", "an", "my", "your", "his", "her", "its", "our",
    "their", "this", "that", "these", "those", "it", "definitely", "probably", "maybe", "apparently",
    "weak", "strong", "short", "long", "case", "sensitive", "working", "broken", "valid", "ok", "okay",
    "fine", "good", "bad", "unknown", "forgotten", "forgot", "lost", "stolen", "compromised", "new", "old",
    "different", "another", "other", "saved", "stored", "now", "also", "only", "just", "below", "above",
    "attached", "here", "there", "shown", "displayed", "visible", "hidden", "masked", "redacted", "null",
    "none", "nil", "undefined", "true", "false", "n/a", "na", "unchanged", "updated", "accepted",
    "rejected", "generated", "sent", "in", "on", "at", "for", "to", "of", "and", "or", "from", "with", "by",
    "used", "using", "stuck", "protected", "encrypted", "mandatory", "optional", "what", "which", "where",
    "when", "why", "how", "who", "please", "asked", "requested", "update", "enter", "type", "use",
    "provided", "supplied", "known", "shared", "complex", "simple", "complicated", "easy", "outdated",
    "revoked", "active", "inactive", "available", "unavailable", "refreshed", "renewed", "issued", "see",
    "bearer", "basic",
    "nicht", "falsch", "abgelaufen", "gesperrt", "korrekt", "richtig", "leer", "neu", "pas", "expiré",
    "bloqué", "vide", "nouveau", "incorrecta", "caducada", "bloqueada", "vacía", "nueva"};

// Length of the cue phrase at i, or 0.
std::size_t cue_at(std::string_view s, std::size_t i) {
  const bool ascii = static_cast<unsigned char>(s[i]) < 0x80;
  for (std::string_view cue : kCues) {
    // Cheap first-byte filter; only non-ASCII cues need the full case fold.
    if (static_cast<unsigned char>(cue[0]) < 0x80 ? (!ascii || to_lower(s[i]) != cue[0]) : ascii) continue;
    std::size_t at = i;
    bool ok = true;
    std::size_t w = 0;
    while (ok && w < cue.size()) {
      const std::size_t space = cue.find(' ', w);
      const std::string_view word = cue.substr(w, space == std::string_view::npos ? cue.size() - w : space - w);
      const std::size_t len = match_folded(s, at, word);
      if (len == 0) ok = false;
      at += len;
      if (space == std::string_view::npos) break;
      w = space + 1;
      if (at < s.size() && (s[at] == ' ' || s[at] == '_' || s[at] == '-')) ++at;
    }
    if (ok && !word_after(s, at)) return at - i;
  }
  return 0;
}

std::size_t skip_hspace(std::string_view s, std::size_t q) {
  for (int n = 0; n < 8 && q < s.size() && is_hspace(s[q]); ++n) ++q;
  return q;
}

// Word of s at q (letters only, lower-cased ASCII), for the small word lists.
std::size_t word_len(std::string_view s, std::size_t q) {
  std::size_t e = q;
  while (e < s.size()) {
    std::size_t len = 0;
    const char32_t cp = decode_at(s, e, &len);
    if (!(cp < 0x80 ? is_alpha(static_cast<char>(cp)) : is_word_letter(cp))) break;
    e += len;
  }
  return e - q;
}

struct Connector {
  std::size_t value;  // where the value starts, or npos when nothing can follow
  bool bare;          // no connector: "password Summer2024!"
};

// After the cue: a connector (":", "=", "is", ...) and where the value starts.
Connector after_connector(std::string_view s, std::size_t q) {
  const std::size_t cue_end = q;
  if (q < s.size() && (s[q] == '"' || s[q] == '\'')) ++q;  // "password": in JSON, 'pin': in YAML
  q = skip_hspace(s, q);
  if (q >= s.size()) return {std::string_view::npos, false};
  if (s[q] == ':' || s[q] == '=') {
    ++q;
    if (q < s.size() && (s[q] == '=' || s[q] == '>')) ++q;  // :=, =>
    return {skip_hspace(s, q), false};
  }
  if (s.compare(q, 3, "\xEF\xBC\x9A") == 0) return {skip_hspace(s, q + 3), false};  // full-width colon
  if (q == cue_end || q - cue_end > 2) return {std::string_view::npos, false};
  const std::size_t wl = word_len(s, q);
  if (wl == 0 || !in_list(kVerbConnectors, ascii_lower(s, q, q + wl))) return {q, true};
  q += wl;
  if (q < s.size() && s[q] == ':') ++q;
  if (q >= s.size() || !is_hspace(s[q])) return {std::string_view::npos, false};
  q = skip_hspace(s, q);
  for (int n = 0; n < 2; ++n) {
    const std::size_t fl = word_len(s, q);
    if (fl == 0 || q + fl >= s.size() || !is_hspace(s[q + fl]) || !in_list(kFillers, ascii_lower(s, q, q + fl))) break;
    q = skip_hspace(s, q + fl);
  }
  return {q, false};
}

bool is_stop(char c) { return is_space(c) || c == '&' || c == ';' || c == '"' || c == '\'' || c == '<' || c == '>'; }

struct Value {
  std::size_t begin, end;  // the value, or begin == end when there is none
  std::size_t scanned;     // where scanning stopped, so a rejected value is not read twice
};

// Without a connector only credential-like values count: letters and digits mixed, or a
// 4-8 digit PIN ("password reset", "token 3 times" and dates stay).
bool looks_like_credential(std::string_view v) {
  bool digit = false, letter = false;
  for (char c : v) {
    digit = digit || is_digit(c);
    letter = letter || is_alpha(c);
  }
  if (digit && letter) return v.size() >= 4;
  return digit && v.find_first_not_of("0123456789") == std::string_view::npos && v.size() >= 4 && v.size() <= 8;
}

bool has_content(std::string_view v) {
  for (char c : v) {
    if (is_alnum(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;  // "********"
}

Value value_at(std::string_view s, std::size_t q) {
  if (q >= s.size()) return {q, q, q};
  const char open = s[q];
  // References to a secret, not the secret: ${DB_PASS}, {{token}}, %PASSWORD%, <your pin>, [hidden].
  if (open == '[' || open == '{' || open == '<' || open == '%' || (open == '$' && q + 1 < s.size() && s[q + 1] == '{')) {
    return {q, q, q + 1};
  }
  if (open == '"' || open == '\'' || open == '`') {
    for (std::size_t e = q + 1; e < s.size() && e - q <= 256 && s[e] != '\n'; ++e) {
      if (s[e] == open) return {q + 1, e, e + 1};
    }
  }
  if (s.compare(q, 3, "\xE2\x80\x9C") == 0) {  // “quoted”
    const std::string_view window = s.substr(q, 260);
    const std::size_t close = window.find("\xE2\x80\x9D");
    if (close != std::string_view::npos && window.substr(0, close).find('\n') == std::string_view::npos) {
      return {q + 3, q + close, q + close + 3};
    }
  }
  std::size_t e = q;
  while (e < s.size() && !is_stop(s[e])) ++e;
  const std::size_t scanned = e;
  while (e > q && (s[e - 1] == '.' || s[e - 1] == ',' || s[e - 1] == ':' || s[e - 1] == '?' || s[e - 1] == ')' ||
                   s[e - 1] == ']' || s[e - 1] == '}')) {
    --e;
  }
  if (e - q <= 16 && in_list(kNotValues, ascii_lower(s, q, e))) return {q, q, scanned};
  return {q, e, scanned};
}

}  // namespace

void find_cue_secrets(std::string_view s, Spans& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    // A cue starts a word; it may follow '_' (DB_PASSWORD) but not a letter or digit (spin).
    std::size_t len = 1;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      if (!is_alpha(s[i]) || (i > 0 && s[i - 1] != '_' && word_before(s, i))) {
        ++i;
        continue;
      }
    } else {
      decode_at(s, i, &len);
      if (i > 0 && word_before(s, i) && s[i - 1] != '_') {
        i += len;
        continue;
      }
    }
    const std::size_t cue = cue_at(s, i);
    if (cue == 0) {
      i += len;
      continue;
    }
    const Connector c = after_connector(s, i + cue);
    const std::size_t q = c.value;
    if (q == std::string_view::npos) {
      i += cue;
      continue;
    }
    const Value v = value_at(s, q);
    const std::string_view value = s.substr(v.begin, v.end - v.begin);
    if (value.size() >= 3 && has_content(value) && (!c.bare || looks_like_credential(value))) {
      out.push_back({v.begin, v.end, RedactionKind::Secret});
      i = v.end;
    } else {
      i = v.scanned > i + cue ? v.scanned : i + cue;
    }
  }
}

}  // namespace tb::redaction
