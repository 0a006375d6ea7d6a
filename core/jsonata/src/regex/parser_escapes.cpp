// The parts of the parser that read escapes and single characters: atom escapes (back
// references, class escapes, assertions), character escapes with Annex B's legacy octal,
// identity and \c forms, character classes, and capture-group names.
#include "regex/parser.hpp"

#include "regex/identifier.hpp"

namespace tb::jsonata::regex {
namespace {

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }

int hex_value(char16_t c) {
  if (c >= u'0' && c <= u'9') return c - u'0';
  if (c >= u'a' && c <= u'f') return c - u'a' + 10;
  if (c >= u'A' && c <= u'F') return c - u'A' + 10;
  return -1;
}

bool is_ascii_letter(std::uint32_t c) { return (c | 0x20) >= u'a' && (c | 0x20) <= u'z'; }

}  // namespace

// pos_ is at a backslash outside a class.
bool Parser::parse_atom_escape() {
  const std::size_t at = pos_;
  const std::size_t n = src_.size();
  const std::int32_t caps_before = capture_count_;
  if (pos_ + 1 >= n) return fail(at, "\\ at end of pattern");
  const char16_t next = src_[pos_ + 1];
  Node node;
  switch (next) {
    case u'b':
    case u'B':
      node.kind = NodeKind::kAssert;
      node.sub = static_cast<std::uint8_t>(next == u'b' ? AssertKind::kWordBoundary
                                                       : AssertKind::kNotWordBoundary);
      pos_ += 2;
      push_atom(add_node(node), LastTerm::kNone, caps_before);
      return true;
    case u'd': case u'D': case u's': case u'S': case u'w': case u'W': {
      CharSet set;
      set.add_escape(next);
      set.normalize();
      ast_.classes.push_back(std::move(set));
      node.kind = NodeKind::kClass;
      node.value = static_cast<std::int32_t>(ast_.classes.size() - 1);
      pos_ += 2;
      push_atom(add_node(node), LastTerm::kAtom, caps_before);
      return true;
    }
    case u'k':
      if (has_named_groups_) {
        pos_ += 2;
        if (pos_ >= n || src_[pos_] != u'<') return fail(at, "Invalid named reference");
        ++pos_;
        std::u16string name;
        if (!parse_group_name(name)) return false;
        node.kind = NodeKind::kBackref;
        const std::int32_t id = add_node(node);
        named_refs_.push_back({id, at, std::move(name)});
        push_atom(id, LastTerm::kAtom, caps_before);
        return true;
      }
      break;
    default:
      break;
  }
  if (next >= u'1' && next <= u'9') {
    std::size_t i = pos_ + 1;
    std::int32_t value = 0;
    while (i < n && is_digit(src_[i]) && value <= kMaxCaptures) {
      value = value * 10 + (src_[i] - u'0');
      ++i;
    }
    if (value <= total_captures_) {
      node.kind = NodeKind::kBackref;
      node.value = value;
      pos_ = i;
      push_atom(add_node(node), LastTerm::kAtom, caps_before);
      return true;
    }
    if (next >= u'8') {  // Annex B: \8 and \9 are identity escapes
      pos_ += 2;
      push_atom(add_char(next), LastTerm::kAtom, caps_before);
      return true;
    }
  }
  ++pos_;
  char16_t unit = 0;
  if (!parse_character_escape(false, unit)) return false;
  push_atom(add_char(unit), LastTerm::kAtom, caps_before);
  return true;
}

bool Parser::parse_hex(std::size_t digits, std::uint32_t& out) {
  if (pos_ + digits > src_.size()) return false;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const int d = hex_value(src_[pos_ + i]);
    if (d < 0) return false;
    value = value * 16 + static_cast<std::uint32_t>(d);
  }
  pos_ += digits;
  out = value;
  return true;
}

// Annex B LegacyOctalEscapeSequence: up to three octal digits, value at most 0377.
char16_t Parser::parse_octal() {
  const std::size_t n = src_.size();
  std::uint32_t value = static_cast<std::uint32_t>(src_[pos_] - u'0');
  ++pos_;
  if (pos_ < n && src_[pos_] >= u'0' && src_[pos_] <= u'7') {
    value = value * 8 + (src_[pos_] - u'0');
    ++pos_;
    if (value < 32 && pos_ < n && src_[pos_] >= u'0' && src_[pos_] <= u'7') {
      value = value * 8 + (src_[pos_] - u'0');
      ++pos_;
    }
  }
  return static_cast<char16_t>(value);
}

// pos_ is just past a backslash and before the end of the pattern.
bool Parser::parse_character_escape(bool in_class, char16_t& out) {
  const std::size_t n = src_.size();
  const char16_t c = src_[pos_];
  switch (c) {
    case u'f': ++pos_; out = 0x0C; return true;
    case u'n': ++pos_; out = 0x0A; return true;
    case u'r': ++pos_; out = 0x0D; return true;
    case u't': ++pos_; out = 0x09; return true;
    case u'v': ++pos_; out = 0x0B; return true;
    case u'c': {
      const char16_t letter = pos_ + 1 < n ? src_[pos_ + 1] : 0;
      if (is_ascii_letter(letter) ||
          (in_class && ((letter >= u'0' && letter <= u'9') || letter == u'_'))) {
        pos_ += 2;
        out = static_cast<char16_t>(letter & 0x1F);
        return true;
      }
      // Annex B: the backslash is a literal and the 'c' is read again as a character.
      out = u'\\';
      return true;
    }
    case u'0':
      if (pos_ + 1 >= n || src_[pos_ + 1] < u'0' || src_[pos_ + 1] > u'9') {
        ++pos_;
        out = 0;
        return true;
      }
      out = parse_octal();
      return true;
    case u'1': case u'2': case u'3': case u'4': case u'5': case u'6': case u'7':
      out = parse_octal();
      return true;
    case u'x':
    case u'u': {
      ++pos_;
      std::uint32_t value = 0;
      out = parse_hex(c == u'x' ? 2 : 4, value) ? static_cast<char16_t>(value) : c;
      return true;
    }
    case u'k':
      if (in_class && has_named_groups_) return fail(pos_ - 1, "Invalid escape");
      break;
    default:
      break;
  }
  ++pos_;
  out = c;  // identity escape
  return true;
}

// One class member at pos_: either a single unit or a class escape (\d \w \s ...).
bool Parser::parse_class_atom(char16_t& unit, CharSet& set, bool& is_set) {
  is_set = false;
  const char16_t c = src_[pos_];
  if (c != u'\\') {
    ++pos_;
    unit = c;
    return true;
  }
  if (pos_ + 1 >= src_.size()) return fail(pos_, "\\ at end of pattern");
  const char16_t next = src_[pos_ + 1];
  switch (next) {
    case u'b':
      pos_ += 2;
      unit = 0x08;
      return true;
    case u'd': case u'D': case u's': case u'S': case u'w': case u'W':
      pos_ += 2;
      set.add_escape(next);
      is_set = true;
      return true;
    default:
      ++pos_;
      return parse_character_escape(true, unit);
  }
}

bool Parser::parse_class() {
  const std::size_t open = pos_;
  const std::size_t n = src_.size();
  const std::int32_t caps_before = capture_count_;
  ++pos_;
  bool negated = false;
  if (pos_ < n && src_[pos_] == u'^') {
    negated = true;
    ++pos_;
  }
  CharSet set;
  while (pos_ < n && src_[pos_] != u']') {
    const std::size_t atom_at = pos_;
    char16_t first = 0;
    bool first_is_set = false;
    if (!parse_class_atom(first, set, first_is_set)) return false;
    if (pos_ < n && src_[pos_] == u'-') {
      ++pos_;
      if (pos_ >= n) break;
      if (src_[pos_] == u']') {
        if (!first_is_set) set.add(first);
        set.add(u'-');
        break;
      }
      char16_t second = 0;
      bool second_is_set = false;
      if (!parse_class_atom(second, set, second_is_set)) return false;
      if (first_is_set || second_is_set) {
        // Annex B: a range with a class escape at either end is just its three parts.
        if (!first_is_set) set.add(first);
        if (!second_is_set) set.add(second);
        set.add(u'-');
        continue;
      }
      if (first > second) return fail(atom_at, "Range out of order in character class");
      set.add(first, second);
      continue;
    }
    if (!first_is_set) set.add(first);
  }
  if (pos_ >= n) return fail(open, "Unterminated character class");
  ++pos_;
  set.normalize();
  ast_.classes.push_back(std::move(set));
  Node node;
  node.kind = NodeKind::kClass;
  node.value = static_cast<std::int32_t>(ast_.classes.size() - 1);
  node.sub = negated ? 1 : 0;
  push_atom(add_node(node), LastTerm::kAtom, caps_before);
  return true;
}

// Group names are read as in unicode mode (V8 forces it): surrogate pairs, \uXXXX pairs and
// \u{...} each give one code point.
bool Parser::read_name_code_point(std::uint32_t& cp) {
  const std::size_t n = src_.size();
  if (pos_ >= n) return fail(pos_, "Invalid capture group name");
  auto lead = [](std::uint32_t u) { return u >= 0xD800 && u <= 0xDBFF; };
  auto trail = [](std::uint32_t u) { return u >= 0xDC00 && u <= 0xDFFF; };
  if (src_[pos_] != u'\\') {
    cp = src_[pos_++];
    if (lead(cp) && pos_ < n && trail(src_[pos_])) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (src_[pos_++] - 0xDC00u);
    }
    return true;
  }
  const std::size_t at = pos_;
  ++pos_;
  if (pos_ >= n || src_[pos_] != u'u') return fail(at, "Invalid capture group name");
  ++pos_;
  if (pos_ < n && src_[pos_] == u'{') {
    ++pos_;
    std::uint32_t value = 0;
    std::size_t digits = 0;
    while (pos_ < n && hex_value(src_[pos_]) >= 0) {
      value = value * 16 + static_cast<std::uint32_t>(hex_value(src_[pos_++]));
      if (value > 0x10FFFF) return fail(at, "Invalid Unicode escape");
      ++digits;
    }
    if (digits == 0 || pos_ >= n || src_[pos_] != u'}') return fail(at, "Invalid Unicode escape");
    ++pos_;
    cp = value;
    return true;
  }
  std::uint32_t value = 0;
  if (!parse_hex(4, value)) return fail(at, "Invalid Unicode escape");
  if (lead(value) && pos_ + 1 < n && src_[pos_] == u'\\' && src_[pos_ + 1] == u'u') {
    const std::size_t save = pos_;
    pos_ += 2;
    std::uint32_t low = 0;
    if (parse_hex(4, low) && trail(low)) {
      value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
    } else {
      pos_ = save;
    }
  }
  cp = value;
  return true;
}

// pos_ is just past "(?<" or "\k<"; reads up to and including the closing '>'.
bool Parser::parse_group_name(std::u16string& name) {
  for (bool start = true;; start = false) {
    const std::size_t at = pos_;
    std::uint32_t cp = 0;
    if (!read_name_code_point(cp)) return false;
    if (!start && cp == u'>') return true;
    if (!(start ? is_identifier_start(cp) : is_identifier_part(cp))) {
      return fail(at, "Invalid capture group name");
    }
    if (cp >= 0x10000) {
      name += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      name += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      name += static_cast<char16_t>(cp);
    }
  }
}

}  // namespace tb::jsonata::regex
