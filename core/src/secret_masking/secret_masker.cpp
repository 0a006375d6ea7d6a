// Secrets travel in several encodings (a Basic header is base64 of "user:password", a form
// body percent-encodes, JSON escapes quotes), so each secret is masked in every form it can
// take in a request, a response or an error message.
#include "ticketbridge/secret_masking.hpp"

#include <algorithm>
#include <cstring>

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
  // Horspool's skip table over every needle's first `window_` bytes. The window is at most
  // 255 bytes so a skip fits a byte; a window shorter than a needle only means more
  // comparisons, each of the whole needle.
  window_ = std::min<std::size_t>(needles_.back().size(), 255);
  skip_.fill(static_cast<unsigned char>(window_));
  for (const std::string& needle : needles_) {
    for (std::size_t j = 0; j < window_; ++j) {
      skip_[static_cast<unsigned char>(needle[j])] =
          std::min<unsigned char>(skip_[static_cast<unsigned char>(needle[j])], static_cast<unsigned char>(window_ - 1 - j));
    }
  }
}

// Most texts hold no secret: one pass that moves a window of the shortest needle's length
// over the text, as far as its last byte allows, instead of one search per needle (each with
// its own false starts on common letters), and nothing is copied or replaced.
bool SecretMasker::occurs_in(std::string_view text) const {
  if (needles_.empty() || text.size() < window_) return false;
  const char* const p = text.data();
  for (std::size_t i = 0; i + window_ <= text.size();) {
    const unsigned skip = skip_[static_cast<unsigned char>(p[i + window_ - 1])];
    if (skip) {
      i += skip;
      continue;
    }
    for (const std::string& needle : needles_) {
      if (needle.size() <= text.size() - i && std::memcmp(p + i, needle.data(), needle.size()) == 0) return true;
    }
    ++i;
  }
  return false;
}

void SecretMasker::add_all(const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) add(s);
}

std::string SecretMasker::operator()(std::string_view text) const {
  std::string out(text);
  if (!occurs_in(text)) return out;
  // One needle after the other, longest first, each in what the longer ones left: a shorter
  // secret inside a longer one never leaves part of the longer one shown.
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
