#pragma once
/// @file
/// @brief Keeping secrets out of everything the engine shows: audit trails, errors, reports.

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace tb {

/// @brief Replaces every known secret (and the encodings in which it travels: Basic
/// credentials in base64, percent- and JSON-escaped forms) by "***".
class SecretMasker {
 public:
  SecretMasker() = default;
  explicit SecretMasker(const std::vector<std::string>& secrets) { add_all(secrets); }
  /// Secrets shorter than this are ignored: masking them would mangle ordinary text (ticket
  /// numbers, JSON literals such as `true` or `10000`), and config validation rejects them.
  static constexpr std::size_t kMinSecretBytes = 8;
  /// Add a secret learnt at run time (an OAuth access token).
  void add(std::string_view secret);
  void add_all(const std::vector<std::string>& secrets);
  std::string operator()(std::string_view text) const;
  /// Masks, then shortens to at most `max_bytes` (on a UTF-8 boundary, "…" appended): a
  /// secret straddling the cut is masked whole, never shown in part. A text someone else
  /// already cut (a truncated body) may end in the first characters of a secret: those
  /// are masked too.
  std::string cut(std::string_view text, std::size_t max_bytes) const;
  bool empty() const { return needles_.empty(); }
  /// Whether any secret, in any of its forms, occurs in `text` (one pass over it).
  bool occurs_in(std::string_view text) const;

 private:
  std::vector<std::string> needles_;  // longest first, so a secret inside another is fully masked
  // occurs_in's window is the shortest needle; skip_[c] is how far it may move on when its
  // last byte is c (0: the window may end a needle, which is then compared).
  std::size_t window_ = 0;
  std::array<unsigned char, 256> skip_{};
};

}  // namespace tb
