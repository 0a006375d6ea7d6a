#pragma once
/// @file
/// @brief Masking personal and sensitive data in free text (the transcript copied into a
/// ticket): e-mail addresses, phone numbers, payment-card numbers, passwords and tokens, and
/// terms the admin lists. Detection rules and their limits: docs/redaction.md.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"

namespace tb {

/// @brief What a masked span was found to be; each kind has its own placeholder and count.
enum class RedactionKind { Email, Phone, Card, Secret, Term };

/// @brief The text written in place of each masked span, per kind (JSON `placeholders`).
struct RedactionPlaceholders {
  std::string email = "[email]";
  std::string phone = "[phone]";
  std::string card = "[card]";
  std::string secret = "[secret]";
  std::string term = "[redacted]";

  /// @brief The placeholder for one kind.
  const std::string& of(RedactionKind kind) const;
};

/// @brief The `escalation.redaction` settings, field for field (JSON names in comments).
/// A default-constructed value is "redaction on, every detector on".
struct RedactionOptions {
  bool enabled = true;       ///< "enabled": false masks nothing (invalid UTF-8 is still repaired)
  bool emails = true;        ///< "emails"
  bool phones = true;        ///< "phones"
  bool cards = true;         ///< "cards": Luhn-valid 13-19 digit numbers
  bool secrets = true;       ///< "secrets": cue-word values, auth headers, JWTs, key shapes, key blocks, URL passwords
  bool high_entropy = true;  ///< "highEntropy": long random-looking strings (masked as secrets)
  std::size_t high_entropy_min_length = 24;  ///< "highEntropyMinLength" (16..1024)
  std::vector<std::string> terms;            ///< "terms": always masked, case-insensitive
  bool whole_word_terms = true;              ///< "wholeWordTerms": a term must not touch letters/digits on either side
  RedactionPlaceholders placeholders;        ///< "placeholders": {email, phone, card, secret, term}
};

/// @brief Limits enforced by redaction_options_from_json: number of terms, bytes per term,
/// bytes per placeholder.
inline constexpr std::size_t kMaxRedactionTerms = 500;
inline constexpr std::size_t kMaxRedactionTermBytes = 200;
inline constexpr std::size_t kMaxPlaceholderBytes = 64;

/// @brief How many spans of each kind were masked (never the values themselves).
struct RedactionCounts {
  std::size_t email = 0;
  std::size_t phone = 0;
  std::size_t card = 0;
  std::size_t secret = 0;
  std::size_t term = 0;

  /// @brief All kinds together.
  std::size_t total() const { return email + phone + card + secret + term; }
  /// @brief The count of one kind, by reference (for accumulation).
  std::size_t& of(RedactionKind kind);
  /// @brief Adds another result's counts (e.g. over all messages of a transcript).
  RedactionCounts& operator+=(const RedactionCounts& other);
};

/// @brief The masked text and what was masked. Input that is not valid UTF-8 is repaired
/// first: each maximal invalid byte sequence becomes U+FFFD, counted in `invalid_utf8`.
struct RedactionResult {
  std::string text;
  RedactionCounts counts;
  std::size_t invalid_utf8 = 0;
};

/// @brief A reusable redactor: options and the term automaton are prepared once, then any
/// number of texts are masked. Total (never fails), linear in the size of each text, and
/// safe to share between threads (redact() does not modify it).
class TranscriptRedactor {
 public:
  /// @brief Prepares the options as given (use redaction_options_from_json to validate admin
  /// input); empty terms are ignored.
  explicit TranscriptRedactor(RedactionOptions options = {});
  ~TranscriptRedactor();
  TranscriptRedactor(TranscriptRedactor&&) noexcept;
  TranscriptRedactor& operator=(TranscriptRedactor&&) noexcept;
  TranscriptRedactor(const TranscriptRedactor&) = delete;
  TranscriptRedactor& operator=(const TranscriptRedactor&) = delete;

  /// @brief Masks one text; everything outside the masked spans is kept byte for byte.
  RedactionResult redact(std::string_view text) const;

  /// @brief Masks every string value (not object keys) of a JSON document in place and
  /// returns the summed counts (invalid UTF-8 repairs are not counted).
  RedactionCounts redact_json(nlohmann::json& document) const;

  /// @brief The options this redactor was built with.
  const RedactionOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// @brief One-shot form of TranscriptRedactor(options).redact(text).
RedactionResult redact_text(std::string_view text, const RedactionOptions& options = {});

/// @brief Reads the `redaction` object. Absent members keep their defaults; unknown members,
/// wrong types and out-of-range values are errors with codes `<prefix>_UNKNOWN_FIELD`,
/// `<prefix>_INVALID_TYPE`, `<prefix>_INVALID_VALUE` and `path` = `base_path` + member pointer.
/// The error returned is the first problem; `problems`, when given, receives all of them.
Result<RedactionOptions> redaction_options_from_json(const nlohmann::json& value,
                                                     std::string_view code_prefix = "REDACTION",
                                                     std::string_view base_path = "",
                                                     std::vector<Error>* problems = nullptr);

/// @brief The options as a complete JSON object (every member present).
nlohmann::json redaction_options_to_json(const RedactionOptions& options);

/// @brief Counts as {"email", "phone", "card", "secret", "term"}, every kind present.
nlohmann::json redaction_counts_to_json(const RedactionCounts& counts);

/// @brief {"text", "counts", "invalidUtf8"}, the form the JS package returns.
nlohmann::json redaction_result_to_json(const RedactionResult& result);

/// @brief An audit-trail phrase such as "2 emails, 1 card number" ("" when nothing was masked).
std::string describe_redaction(const RedactionCounts& counts);

}  // namespace tb
