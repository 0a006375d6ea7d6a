#pragma once
// Unicode-safe text handling shared by the importer, the resolver and the classifier: UTF-8
// decoding that never fails (bad bytes become U+FFFD), simple case folding for the scripts a
// category list is likely written in, comparison keys, and a word tokenizer.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tb::categories {

inline constexpr char32_t kReplacement = 0xFFFD;

/// Decode the code point at `i` and advance past it (one byte on malformed input).
char32_t next_code_point(std::string_view s, std::size_t& i);

/// Simple (1:1) lowercase folding: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic, and
/// fullwidth ASCII mapped to ASCII. Not tb::text::fold_case (the ECMAScript fold the regex and
/// the redaction share): category keys fold widths too and only the scripts listed, so merging
/// the two would change which category names compare equal.
char32_t fold_case(char32_t cp);

/// Unicode white space, including no-break and zero-width spaces.
bool is_space(char32_t cp);

/// Letters and digits of any script (everything that is not space, punctuation or symbol).
bool is_word_char(char32_t cp);

std::size_t count_code_points(std::string_view s);

/// Case-folded text with all white space removed: how category names are compared.
std::string comparison_key(std::string_view s);

/// A 64-bit hash of comparison_key(s), computed without building it.
std::uint64_t comparison_hash(std::string_view s);

/// comparison_key(a) == comparison_key(b), without building either.
bool comparison_equal(std::string_view a, std::string_view b);

/// Trim ASCII spaces and tabs (the CSV's "whitespace outside quotes").
std::string_view trim_blanks(std::string_view s);

/// The first `max_chars` code points of `s`, with "..." when cut (for messages).
std::string shorten(std::string_view s, std::size_t max_chars = 40);

/// Splits text into case-folded words. Apostrophes inside a word are dropped ("doesn't" ->
/// "doesnt"), so contractions stay one word; everything else that is not a word character
/// separates words ("wi-fi" -> "wi", "fi"; "wifi_signal" -> "wifi", "signal").
class WordReader {
 public:
  explicit WordReader(std::string_view text) : text_(text) {}
  /// Next word into `word` (replaced); false at the end.
  bool next(std::string& word);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace tb::categories
