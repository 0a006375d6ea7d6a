// E-mail addresses: found from each '@' outwards. The local part may hold ASCII letters,
// digits, ". _ % + -", an apostrophe between letters, and letters of space-separated scripts
// (internationalised addresses); the domain needs two or more labels and an alphabetic top
// label, which is what keeps npm pins (lodash@4.17.21), Git reflogs (HEAD@{1}), decorators
// and URL paths (/@jane.doe) out.
#include <vector>

#include "transcript_redaction/detectors.hpp"

namespace tb::redaction {
namespace {

bool local_ascii(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }

// Start of the local part ending at `at` (the '@'), never before `floor`.
std::size_t local_start(std::string_view s, std::size_t at, std::size_t floor) {
  std::size_t b = at;
  while (b > floor) {
    std::size_t len = 0;
    const char32_t cp = decode_before(s, b, &len);
    if (cp < 0x80 && local_ascii(static_cast<char>(cp))) {
      b -= 1;
    } else if (cp == '\'' && b - 1 > floor && word_before(s, b - 1) && word_after(s, b)) {
      b -= 1;  // o'brien@...
    } else if (cp >= 0x80 && is_word_letter(cp)) {
      b -= len;
    } else {
      break;
    }
  }
  // A local part starts with a letter or digit.
  while (b < at) {
    std::size_t len = 0;
    const char32_t cp = decode_at(s, b, &len);
    if (is_word_cp(cp) && cp != '_') break;
    b += len;
  }
  return b;
}

// "https://user@host", "https://user:password@host": the userinfo of a URL, not a mailbox
// (the password is the secret detector's business).
bool in_url_userinfo(std::string_view s, std::size_t b) {
  if (b >= 2 && s[b - 1] == '/' && s[b - 2] == '/') return true;
  if (b == 0 || s[b - 1] != ':') return false;
  std::size_t i = b - 1;
  const std::size_t limit = i > 256 ? i - 256 : 0;
  while (i > limit && (is_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '_' || s[i - 1] == '-' || s[i - 1] == '%')) --i;
  return i >= 2 && s[i - 1] == '/' && s[i - 2] == '/';
}

struct Label {
  std::size_t begin, end;
};

// Labels of the domain starting at `from`; returns where the domain text ends.
std::size_t scan_labels(std::string_view s, std::size_t from, std::vector<Label>& labels) {
  labels.clear();
  std::size_t e = from;
  for (;;) {
    const std::size_t ls = e;
    while (e < s.size()) {
      std::size_t len = 0;
      const char32_t cp = decode_at(s, e, &len);
      if ((cp < 0x80 && (is_alnum(static_cast<char>(cp)) || cp == '-')) || (cp >= 0x80 && is_word_letter(cp))) {
        e += len;
      } else {
        break;
      }
    }
    std::size_t le = e;
    while (le > ls && s[le - 1] == '-') --le;  // a label never ends with '-'
    if (le == ls || s[ls] == '-') return labels.empty() ? from : labels.back().end;
    labels.push_back({ls, le});
    if (le != e) return le;
    if (e + 1 < s.size() && s[e] == '.' && word_after(s, e + 1) && s[e + 1] != '_') {
      ++e;
      continue;
    }
    return e;
  }
}

bool valid_tld(std::string_view s, const Label& l) {
  const std::string_view t = s.substr(l.begin, l.end - l.begin);
  if (t.size() >= 5 && (t[0] == 'x' || t[0] == 'X') && (t[1] == 'n' || t[1] == 'N') && t[2] == '-' && t[3] == '-') {
    return true;  // punycode
  }
  std::size_t letters = 0;
  for (std::size_t i = l.begin; i < l.end;) {
    std::size_t len = 0;
    const char32_t cp = decode_at(s, i, &len);
    if (!(cp < 0x80 ? is_alpha(static_cast<char>(cp)) : is_word_letter(cp))) return false;
    ++letters;
    i += len;
  }
  return letters >= 2;
}

// "icon@2x.png": asset-scale suffixes of image file names, not domains.
bool is_scale_suffix(std::string_view s, const Label& l) {
  if (l.end - l.begin < 2 || to_lower(s[l.end - 1]) != 'x') return false;
  for (std::size_t i = l.begin; i + 1 < l.end; ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

}  // namespace

void find_emails(std::string_view s, Spans& out) {
  std::vector<Label> labels;
  std::size_t floor = 0;
  std::size_t at = s.find('@');
  while (at != std::string_view::npos) {
    const std::size_t b = local_start(s, at, floor);
    bool ok = b < at && s[at - 1] != '.';
    if (ok && in_url_userinfo(s, b)) ok = false;
    std::size_t e = at + 1;
    if (ok) {
      scan_labels(s, at + 1, labels);
      while (labels.size() >= 2 && !valid_tld(s, labels.back())) labels.pop_back();
      ok = labels.size() >= 2 && !is_scale_suffix(s, labels.front());
      if (ok) e = labels.back().end;
    }
    // "git@github.com:org/repo.git": scp-style SSH remotes.
    if (ok && e + 1 < s.size() && s[e] == ':' && !is_space(s[e + 1])) ok = false;
    if (ok) {
      out.push_back({b, e, RedactionKind::Email});
      floor = e;
      at = s.find('@', e);
    } else {
      at = s.find('@', at + 1);
    }
  }
}

}  // namespace tb::redaction
