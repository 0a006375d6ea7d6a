#pragma once
// Matching a timestamp against a parsed date/time picture. The reference turns the picture
// into a regular expression, one capture group per part, anchored, case-insensitive, and takes
// the first match JavaScript's backtracking finds. The part patterns are few and fixed, so
// instead of a regex engine this enumerates each part's possible match ends in the order a
// backtracking engine tries them and searches depth-first, remembering (part, position)
// pairs that already failed.

#include <optional>
#include <utility>
#include <vector>

#include "pictures/js_string.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb::jsonata::pictures {

struct MatchElement {
  enum class Kind {
    Literal,   // the text itself (case-insensitive)
    Timezone,  // (GMT)?[-+][0-9]+(<separator>[0-9]+)?
    Digits,    // [0-9]+ or [0-9]{width}, optionally followed by th|st|nd|rd
    Letters,   // [a-zA-Z]+
    Roman,     // [MDCLXVI]+ (case-insensitive)
    Words,     // (?:<number word>|and|[\-, ])+
  } kind = Kind::Literal;
  js::U16 literal;              // Literal text; Timezone separator ("" = none)
  bool gmt = false;             // Timezone: leading "GMT"
  bool any_separator = false;   // Timezone: the separator was "." (any character in a regex)
  double width = 0;             // Digits: fixed count when > 0
  bool ordinal_suffix = false;  // Digits
};

using Captures = std::vector<std::pair<std::size_t, std::size_t>>;

/// The capture of every element when the whole text matches, nullopt when it does not.
/// Errors: a runtime error when the search exceeds its step budget.
Result<std::optional<Captures>> match_timestamp(const std::vector<MatchElement>& elements, js::U16View text);

}  // namespace tb::jsonata::pictures
