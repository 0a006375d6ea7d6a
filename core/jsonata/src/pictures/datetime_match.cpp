#include "pictures/datetime_match.hpp"

#include <cmath>
#include <cstdint>

#include "pictures/integer_picture.hpp"
#include "pictures/picture_errors.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16View;
using Ends = std::vector<std::size_t>;

// Candidate ends examined before the search gives up (JavaScript would keep backtracking).
constexpr std::uint64_t kStepBudget = 20'000'000;
constexpr std::uint64_t kMemoCells = std::uint64_t{1} << 22;

// The case folding of a non-unicode /i regex (upper-casing), for the scripts a literal in a
// picture is likely to use: ASCII, Latin-1, Greek and Cyrillic.
char16_t canonical(char16_t c) {
  if (c >= u'a' && c <= u'z') return static_cast<char16_t>(c - 32);
  if (c < 0x80) return c;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) || (c >= 0x430 && c <= 0x44F)) {
    return static_cast<char16_t>(c - 0x20);
  }
  if (c == 0xFF) return 0x178;
  if (c == 0xB5) return 0x39C;
  if (c == 0x3C2) return 0x3A3;
  if (c >= 0x450 && c <= 0x45F) return static_cast<char16_t>(c - 0x50);
  return c;
}

bool literal_at(U16View text, std::size_t pos, U16View literal) {
  if (pos + literal.size() > text.size()) return false;
  for (std::size_t i = 0; i < literal.size(); ++i) {
    if (canonical(text[pos + i]) != canonical(literal[i])) return false;
  }
  return true;
}

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }
bool is_letter(char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
bool is_roman(char16_t c) { return U16View(u"MDCLXVImdclxvi").find(c) != U16View::npos; }
bool is_line_terminator(char16_t c) { return c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029; }

template <class Pred>
std::size_t run(U16View text, std::size_t pos, Pred pred) {
  std::size_t end = pos;
  while (end < text.size() && pred(text[end])) ++end;
  return end;
}

// Greedy X+: every end from the longest run down to one character.
void greedy(Ends& out, std::size_t pos, std::size_t run_end) {
  for (std::size_t e = run_end; e > pos; --e) out.push_back(e);
}

void digits_ends(const MatchElement& m, U16View text, std::size_t pos, Ends& out) {
  const std::size_t run_end = run(text, pos, is_digit);
  Ends ends;
  if (m.width > 0) {
    if (static_cast<double>(run_end - pos) >= m.width) ends.push_back(pos + static_cast<std::size_t>(m.width));
  } else {
    greedy(ends, pos, run_end);
  }
  for (const std::size_t e : ends) {
    if (!m.ordinal_suffix) {
      out.push_back(e);
    } else if (literal_at(text, e, u"th") || literal_at(text, e, u"st") || literal_at(text, e, u"nd") || literal_at(text, e, u"rd")) {
      out.push_back(e + 2);
    }
  }
}

void timezone_ends(const MatchElement& m, U16View text, std::size_t pos, Ends& out) {
  if (m.gmt) {
    if (!literal_at(text, pos, u"GMT")) return;
    pos += 3;
  }
  if (pos >= text.size() || (text[pos] != u'+' && text[pos] != u'-')) return;
  ++pos;
  Ends hours;
  greedy(hours, pos, run(text, pos, is_digit));
  for (const std::size_t h : hours) {
    if (m.literal.empty()) {
      out.push_back(h);
      continue;
    }
    std::size_t after = h;
    if (m.any_separator) {
      if (after >= text.size() || is_line_terminator(text[after])) continue;
      ++after;
    } else {
      if (!literal_at(text, after, m.literal)) continue;
      after += m.literal.size();
    }
    greedy(out, after, run(text, after, is_digit));
  }
}

// (?:w1|w2|...|and|[\-, ])+ : JavaScript tries one more repetition (alternatives in order)
// before settling for the current end, so ends come out deepest first. Positions already
// expanded are skipped: their ends were offered (and refused) earlier.
void words_ends(U16View text, std::size_t start, Ends& out) {
  static const std::vector<js::U16> alternatives = [] {
    std::vector<js::U16> alts = number_words();
    alts.push_back(u"and");
    return alts;
  }();
  struct Frame {
    std::size_t pos;
    std::size_t next;
  };
  std::vector<bool> expanded(text.size() + 1, false);
  std::vector<Frame> stack{{start, 0}};
  expanded[start] = true;
  const std::size_t choices = alternatives.size() + 1;  // + the character class
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next < choices) {
      const std::size_t choice = f.next++;
      std::size_t end = 0;
      if (choice < alternatives.size()) {
        if (!literal_at(text, f.pos, alternatives[choice])) continue;
        end = f.pos + alternatives[choice].size();
      } else {
        if (f.pos >= text.size() || U16View(u"-, ").find(text[f.pos]) == U16View::npos) continue;
        end = f.pos + 1;
      }
      if (expanded[end]) continue;
      expanded[end] = true;
      stack.push_back({end, 0});
      continue;
    }
    const std::size_t done = f.pos;
    stack.pop_back();
    if (!stack.empty()) out.push_back(done);  // the first repetition is mandatory
  }
}

Ends candidate_ends(const MatchElement& m, U16View text, std::size_t pos) {
  Ends out;
  switch (m.kind) {
    case MatchElement::Kind::Literal:
      if (literal_at(text, pos, m.literal)) out.push_back(pos + m.literal.size());
      break;
    case MatchElement::Kind::Timezone:
      timezone_ends(m, text, pos, out);
      break;
    case MatchElement::Kind::Digits:
      digits_ends(m, text, pos, out);
      break;
    case MatchElement::Kind::Letters:
      greedy(out, pos, run(text, pos, is_letter));
      break;
    case MatchElement::Kind::Roman:
      greedy(out, pos, run(text, pos, is_roman));
      break;
    case MatchElement::Kind::Words:
      words_ends(text, pos, out);
      break;
  }
  return out;
}

}  // namespace

Result<std::optional<Captures>> match_timestamp(const std::vector<MatchElement>& elements, U16View text) {
  struct Frame {
    std::size_t element;
    std::size_t pos;
    Ends ends;
    std::size_t next = 0;
  };
  const std::size_t n = elements.size();
  // (element, position) pairs known not to lead to a match, one byte each: a timestamp is
  // short, so the table is small (a hash set here brought libc++'s whole hash table into the
  // JSONata-only module for this alone). Past kMemoCells (megabytes of text against a long
  // picture) nothing is remembered and the step budget alone bounds the search.
  const std::uint64_t cells = (static_cast<std::uint64_t>(n) + 1) * (static_cast<std::uint64_t>(text.size()) + 1);
  std::vector<std::uint8_t> failed;
  if (cells <= kMemoCells) failed.assign(static_cast<std::size_t>(cells), 0);
  auto key = [&](std::size_t element, std::size_t pos) {
    return static_cast<std::size_t>(element * (text.size() + 1) + pos);
  };
  std::vector<Frame> stack;
  stack.push_back({0, 0, {}, 0});
  if (n > 0) stack.back().ends = candidate_ends(elements[0], text, 0);
  std::uint64_t steps = 0;
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.element == n) {
      if (f.pos == text.size()) {
        Captures captures;
        for (std::size_t i = 0; i + 1 < stack.size(); ++i) {
          captures.emplace_back(stack[i].pos, stack[i + 1].pos);
        }
        return std::optional<Captures>(std::move(captures));
      }
      stack.pop_back();
      continue;
    }
    if (f.next == f.ends.size()) {
      if (!failed.empty()) failed[key(f.element, f.pos)] = 1;
      stack.pop_back();
      continue;
    }
    if (++steps > kStepBudget) return runtime_error("timestamp too complex to match against the picture");
    const std::size_t end = f.ends[f.next++];
    const std::size_t next_element = f.element + 1;
    if (!failed.empty() && failed[key(next_element, end)]) continue;
    Frame child{next_element, end, {}, 0};
    if (next_element < n) child.ends = candidate_ends(elements[next_element], text, end);
    stack.push_back(std::move(child));
  }
  return std::optional<Captures>();
}

}  // namespace tb::jsonata::pictures
