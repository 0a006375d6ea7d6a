// Secrets travel in several encodings (a Basic header is base64 of "user:password", a form
// body percent-encodes, JSON escapes quotes), so each secret is masked in every form it can
// take in a request, a response or an error message.
#include "ticketbridge/secret_masking.hpp"

#include <algorithm>

#include "ticketbridge/template.hpp"

namespace tb {

void SecretMasker::add(std::string_view secret) {
  if (secret.size() < kMinSecretBytes) return;
  std::string escaped;
  append_json_escaped(escaped, secret);
  for (std::string form : {std::string(secret), percent_encode(secret), escaped}) {
    if (std::find(needles_.begin(), needles_.end(), form) == needles_.end()) needles_.push_back(std::move(form));
  }
  std::sort(needles_.begin(), needles_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void SecretMasker::add_all(const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) add(s);
}

std::string SecretMasker::operator()(std::string_view text) const {
  std::string out(text);
  for (const std::string& needle : needles_) {
    std::size_t pos = 0;
    while ((pos = out.find(needle, pos)) != std::string::npos) {
      out.replace(pos, needle.size(), "***");
      pos += 3;
    }
  }
  return out;
}

std::string SecretMasker::cut(std::string_view text, std::size_t max_bytes) const {
  std::string out = (*this)(text);
  const bool shortened = out.size() > max_bytes;
  if (shortened) {
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;  // not inside a character
    out.resize(end);
  }
  // The longest tail that is a secret's beginning (two characters or more) is masked.
  std::size_t masked = 0;
  for (const std::string& needle : needles_) {
    for (std::size_t k = std::min(needle.size() - 1, out.size()); k >= 2 && k > masked; --k) {
      if (out.compare(out.size() - k, k, needle, 0, k) == 0) {
        masked = k;
        break;
      }
    }
  }
  if (masked) out.replace(out.size() - masked, masked, "***");
  if (shortened) out += "\xE2\x80\xA6";  // …
  return out;
}

}  // namespace tb
