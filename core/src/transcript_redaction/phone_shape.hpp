#pragma once
// A phone candidate, cut into digit groups, and the rules that decide whether (a prefix of)
// it is a phone number. Split from the scanner so the rules read as one table.

#include <cstddef>
#include <string_view>
#include <vector>

namespace tb::redaction::phone {

/// What came between this group and the previous one: 0 (first group, or a parenthesised
/// group glued to its neighbour), ' ' (space, no-break space), '-', '.', '/'.
struct Group {
  std::size_t begin;   ///< first byte (the '(' of a parenthesised group)
  std::size_t end;     ///< one past the last byte (past the ')')
  std::size_t digits;  ///< number of digits
  bool paren;
  char sep;
};

/// A maximal run of digit groups, optionally led by '+'.
struct Token {
  bool plus = false;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool overlong = false;  ///< more groups or digits than any phone number has
  std::vector<Group> groups;
};

inline constexpr std::size_t kMaxGroups = 12;
inline constexpr std::size_t kMaxDigits = 24;

/// -1: a word before the number says it is something else (order, serial, ticket...);
/// +1: a word says it is a phone number; 0: neither.
int cue_before(std::string_view s, std::size_t begin);

/// True when the whole token has the shape of a date, an IPv4 or MAC address, a version or a
/// decimal number; then no prefix of it is a phone number either.
bool is_other_number(std::string_view s, const Token& t);

/// True when groups [0, k) have a phone number's shape on their own (international, North
/// American, or national with a trunk '0'), leaving the cue aside.
bool has_phone_shape(std::string_view s, const Token& t, std::size_t k);

/// True when groups [0, k) look like an amount with thousands separators (1 234 567).
bool is_grouped_amount(std::string_view s, const Token& t, std::size_t k);

/// Total digits in groups [0, k).
std::size_t digit_count(const Token& t, std::size_t k);

}  // namespace tb::redaction::phone
