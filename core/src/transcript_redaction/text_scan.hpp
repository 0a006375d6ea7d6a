#pragma once
// Byte- and code-point-level helpers shared by the detectors. Every detector runs on text
// already repaired to valid UTF-8, so decoding here never meets a malformed sequence, and
// every span boundary a detector reports falls between two code points.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ticketbridge/text/case_fold.hpp"
#include "ticketbridge/transcript_redaction.hpp"

namespace tb::redaction {

/// A byte range [begin, end) of the text to mask, and what it is.
struct Span {
  std::size_t begin;
  std::size_t end;
  RedactionKind kind;
};
using Spans = std::vector<Span>;

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline char to_lower(char c) { return is_upper(c) ? static_cast<char>(c + 32) : c; }
inline bool is_hspace(char c) { return c == ' ' || c == '\t'; }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// The code point starting at byte i, and its length in bytes.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t* len);
/// The code point ending just before byte i (i > 0), and its length in bytes.
char32_t decode_before(std::string_view s, std::size_t i, std::size_t* len);

/// Letters of scripts written with spaces between words (Latin, Greek, Cyrillic, Armenian,
/// Hebrew, Arabic, Indic). CJK, Thai, symbols and punctuation are not: text in those
/// scripts runs straight into numbers and addresses, so they must count as a boundary.
bool is_word_letter(char32_t cp);
/// ASCII letters, digits, '_' and word letters.
bool is_word_cp(char32_t cp);
/// True when a word character ends just before byte i.
bool word_before(std::string_view s, std::size_t i);
/// True when a word character starts at byte i.
bool word_after(std::string_view s, std::size_t i);

/// The simple case fold used for every case-insensitive comparison (ASCII and the BMP): the
/// one the JSONata engine's regex uses too.
using text::fold_case;

/// When `word` (given in lower case) occurs at byte i of s ignoring case, its length in s;
/// otherwise 0.
std::size_t match_folded(std::string_view s, std::size_t i, std::string_view word);

/// Lower-cased ASCII copy of s[begin, end), for comparing against word lists.
std::string ascii_lower(std::string_view s, std::size_t begin, std::size_t end);

/// True when `word` is one of the entries of `list` (short lists; a linear scan).
template <std::size_t N>
bool in_list(const std::string_view (&list)[N], std::string_view word) {
  for (std::string_view entry : list) {
    if (entry == word) return true;
  }
  return false;
}

}  // namespace tb::redaction
