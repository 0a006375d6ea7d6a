#pragma once
// The compiled form of a pattern: instructions for the backtracking machine in matcher.cpp,
// plus what the search loop needs to skip hopeless start positions.
//
// Registers hold UTF-16 offsets (-1 = unset). Group n's bounds are registers 2n and 2n+1;
// loop counters, loop start positions and lookaround frame indices follow.

#include <cstdint>
#include <string>
#include <vector>

#include "regex/char_set.hpp"
#include "regex/regex.hpp"

namespace tb::jsonata::regex {

enum class Op : std::uint8_t {
  // Consume one unit (or a run for kString / kBackref); `back` = leftwards, in lookbehinds.
  kChar,         // a = unit
  kCharFold,     // a = canonical unit; compares canonicalized subject units
  kString,       // a = offset into Program::literals, b = length
  kStringFold,   // as kString, literal stored canonicalized
  kAny,          // any unit (dot with the s flag)
  kDot,          // any unit but a line terminator
  kClass,        // a = index into Program::classes
  kBackref,      // a = group number; flag 1 = case-insensitive
  // Assertions
  kInputStart,
  kLineStart,
  kInputEnd,
  kLineEnd,
  kWordBoundary,
  kNotWordBoundary,
  // Control
  kSave,          // registers[a] = position
  kClear,         // registers[a, b) = -1
  kJump,          // pc = a
  kSplit,         // try a, on failure b
  kLookBegin,     // a = frame register, flag 1 = positive, c = pc after the kLookEnd
  kLookEnd,       // a = frame register, flag 1 = positive
  kSetCounter,    // registers[a] = b
  kLoop,          // a = counter, b = min, c = max, d = exit pc, flag 1 = greedy; body at pc+1
  kCheckProgress, // fail if position == registers[a] and (b < 0 or registers[b] >= c)
  kIncrement,     // registers[a] += 1
  kRepeat,        // single-unit atom at pc+1 repeated b..c times, flag 1 = greedy; then pc+2
  kMatch,
};

struct Inst {
  Op op = Op::kMatch;
  bool back = false;
  std::uint8_t flag = 0;
  std::int32_t a = 0;
  std::int32_t b = 0;
  std::int32_t c = 0;
  std::int32_t d = 0;
};

/// A character class ready for matching: ASCII bitmap plus sorted ranges for the rest.
struct ClassMatcher {
  std::uint64_t ascii[2] = {0, 0};
  std::vector<CharRange> ranges;  // members >= 0x80
  bool negated = false;
  bool fold = false;  // test Canonicalize(unit) against a canonicalized set

  bool matches(char16_t unit) const;
};

struct Regex::Program {
  std::u16string source;
  std::string flags;
  bool ignore_case = false;
  bool multiline = false;
  bool dot_all = false;
  bool sticky = false;

  std::vector<Inst> code;
  std::vector<ClassMatcher> classes;
  std::u16string literals;
  std::int32_t capture_count = 0;
  std::int32_t register_count = 0;
  std::vector<std::u16string> group_names;

  // Search acceleration (see compiler.cpp): a match can only start where these allow.
  bool anchored = false;        // every alternative begins with ^ (no m flag)
  std::int32_t min_length = 0;  // no match is shorter
  bool has_filter = false;      // first unit of any match is in the filter
  std::uint64_t filter_low[4] = {0, 0, 0, 0};  // units < 256 (canonicalized when fold)
  bool filter_high = false;     // whether units >= 256 may start a match
  std::int32_t first_unit = -1; // the one unit every match starts with (no i flag), or -1
};

ClassMatcher make_class_matcher(const CharSet& set, bool negated, bool fold);

}  // namespace tb::jsonata::regex
