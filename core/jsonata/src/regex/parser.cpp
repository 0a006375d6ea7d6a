#include "regex/parser.hpp"

#include "regex/regex_error.hpp"

namespace tb::jsonata::regex {
namespace {

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }

}  // namespace

Result<Ast> parse_pattern(std::u16string_view pattern, std::string_view flags) {
  Parser parser(pattern, flags);
  return parser.run();
}

Parser::Parser(std::u16string_view pattern, std::string_view flags)
    : src_(pattern), flags_(flags) {}

bool Parser::fail(std::size_t position, const char* what) {
  if (!failed_) {
    failed_ = true;
    error_ = syntax_error(src_, flags_, position, what);
  }
  return false;
}

// Counts capture groups and notes whether any is named, skipping escapes and classes the way
// V8 does: a decimal escape is a back reference only if that many groups exist anywhere in
// the pattern, and "\k" is a named reference only if the pattern has a named group.
void Parser::prescan() {
  const std::size_t n = src_.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char16_t c = src_[i];
    if (c == u'\\') {
      ++i;
    } else if (c == u'[') {
      for (++i; i < n && src_[i] != u']'; ++i) {
        if (src_[i] == u'\\') ++i;
      }
    } else if (c == u'(') {
      if (i + 1 < n && src_[i + 1] == u'?') {
        if (i + 2 >= n || src_[i + 2] != u'<') continue;
        if (i + 3 < n && (src_[i + 3] == u'=' || src_[i + 3] == u'!')) continue;
        has_named_groups_ = true;
      }
      ++total_captures_;
    }
  }
}

std::int32_t Parser::add_node(const Node& node) {
  ast_.nodes.push_back(node);
  return static_cast<std::int32_t>(ast_.nodes.size() - 1);
}

std::int32_t Parser::add_char(char16_t unit) {
  Node node;
  node.kind = NodeKind::kChar;
  node.value = unit;
  return add_node(node);
}

// One node for the items from[base..]: the item itself when there is one, else a list node.
std::int32_t Parser::add_list(NodeKind kind, const std::vector<std::int32_t>& from,
                              std::size_t base) {
  const std::size_t count = from.size() - base;
  if (count == 1) return from[base];
  Node node;
  if (count == 0) return add_node(node);
  node.kind = kind;
  node.first_kid = static_cast<std::int32_t>(ast_.kids.size());
  node.kid_count = static_cast<std::int32_t>(count);
  ast_.kids.insert(ast_.kids.end(), from.begin() + static_cast<std::ptrdiff_t>(base), from.end());
  return add_node(node);
}

void Parser::push_atom(std::int32_t node, LastTerm kind, std::int32_t caps_before) {
  terms_.push_back(node);
  last_ = kind;
  last_caps_before_ = caps_before;
}

void Parser::finish_alternative() {
  Frame& frame = frames_.back();
  const std::int32_t seq = add_list(NodeKind::kSeq, terms_, frame.term_base);
  terms_.resize(frame.term_base);
  alts_.push_back(seq);
  last_ = LastTerm::kNone;
}

Result<Ast> Parser::run() {
  prescan();
  frames_.push_back({GroupKind::kRoot, LookKind::kAhead, 0, 0, 0, 0, 0});
  const std::size_t n = src_.size();
  while (!failed_) {
    if (pos_ >= n) {
      if (frames_.size() > 1) fail(frames_.back().open_pos, "Unterminated group");
      break;
    }
    const char16_t c = src_[pos_];
    const std::int32_t caps_before = capture_count_;
    switch (c) {
      case u'|':
        ++pos_;
        finish_alternative();
        frames_.back().term_base = terms_.size();
        continue;
      case u'(':
        open_group();
        continue;
      case u')':
        if (frames_.size() == 1) {
          fail(pos_, "Unmatched ')'");
          continue;
        }
        ++pos_;
        close_group();
        break;
      case u'^':
      case u'$': {
        // Assertions take no quantifier: a following one is "Nothing to repeat".
        Node node;
        node.kind = NodeKind::kAssert;
        node.sub = static_cast<std::uint8_t>(c == u'^' ? AssertKind::kStart : AssertKind::kEnd);
        ++pos_;
        push_atom(add_node(node), LastTerm::kNone, caps_before);
        continue;
      }
      case u'\\':
        if (!parse_atom_escape()) continue;
        break;
      case u'.': {
        Node node;
        node.kind = NodeKind::kDot;
        ++pos_;
        push_atom(add_node(node), LastTerm::kAtom, caps_before);
        break;
      }
      case u'[':
        if (!parse_class()) continue;
        break;
      case u'*':
      case u'+':
      case u'?':
        fail(pos_, "Nothing to repeat");
        continue;
      case u'{': {
        // Annex B: a '{' that does not start a valid interval is a literal.
        std::int32_t min = 0;
        std::int32_t max = 0;
        const std::size_t at = pos_;
        if (parse_interval(min, max)) {
          fail(at, "Nothing to repeat");
          continue;
        }
        ++pos_;
        push_atom(add_char(c), LastTerm::kAtom, caps_before);
        break;
      }
      default:
        ++pos_;
        push_atom(add_char(c), LastTerm::kAtom, caps_before);
        break;
    }
    if (last_ == LastTerm::kNone) continue;
    parse_quantifier();
  }
  if (failed_) return std::move(error_);
  finish_alternative();
  ast_.root = add_list(NodeKind::kAlt, alts_, 0);
  ast_.capture_count = capture_count_;
  if (!resolve_named_references()) return std::move(error_);
  return std::move(ast_);
}

bool Parser::open_group() {
  const std::size_t open = pos_;
  const std::size_t n = src_.size();
  Frame frame{GroupKind::kCapture, LookKind::kAhead, 0, 0, 0, open, capture_count_};
  bool named = false;
  if (pos_ + 1 < n && src_[pos_ + 1] == u'?') {
    const char16_t k = pos_ + 2 < n ? src_[pos_ + 2] : 0;
    const char16_t k2 = pos_ + 3 < n ? src_[pos_ + 3] : 0;
    if (k == u':') {
      frame.kind = GroupKind::kPlain;
      pos_ += 3;
    } else if (k == u'=' || k == u'!') {
      frame.kind = GroupKind::kLook;
      frame.look = k == u'=' ? LookKind::kAhead : LookKind::kNotAhead;
      pos_ += 3;
    } else if (k == u'<' && (k2 == u'=' || k2 == u'!')) {
      frame.kind = GroupKind::kLook;
      frame.look = k2 == u'=' ? LookKind::kBehind : LookKind::kNotBehind;
      pos_ += 4;
    } else if (k == u'<') {
      named = true;
      pos_ += 3;
    } else {
      return fail(open, "Invalid group");
    }
  } else {
    ++pos_;
  }
  if (frame.kind == GroupKind::kCapture) {
    if (capture_count_ >= kMaxCaptures) return fail(open, "Too many captures");
    frame.capture = ++capture_count_;
    ast_.group_names.emplace_back();
    if (named && !parse_group_name(ast_.group_names.back())) return false;
  }
  frame.term_base = terms_.size();
  frame.alt_base = alts_.size();
  frames_.push_back(frame);
  last_ = LastTerm::kNone;
  return true;
}

bool Parser::close_group() {
  finish_alternative();
  const Frame frame = frames_.back();
  frames_.pop_back();
  const std::int32_t body = add_list(NodeKind::kAlt, alts_, frame.alt_base);
  alts_.resize(frame.alt_base);
  Node node;
  node.child = body;
  LastTerm kind = LastTerm::kAtom;
  switch (frame.kind) {
    case GroupKind::kCapture: {
      const std::u16string& name = ast_.group_names[static_cast<std::size_t>(frame.capture - 1)];
      if (!name.empty() && !closed_names_.emplace(name, frame.capture).second) {
        return fail(frame.open_pos, "Duplicate capture group name");
      }
      node.kind = NodeKind::kCapture;
      node.value = frame.capture;
      break;
    }
    case GroupKind::kPlain:
      push_atom(body, LastTerm::kAtom, frame.caps_before);
      return true;
    case GroupKind::kLook:
      node.kind = NodeKind::kLook;
      node.sub = static_cast<std::uint8_t>(frame.look);
      // Annex B lets lookaheads take quantifiers; lookbehinds never do.
      if (frame.look == LookKind::kBehind || frame.look == LookKind::kNotBehind) {
        kind = LastTerm::kLookbehind;
      }
      break;
    case GroupKind::kRoot:
      break;
  }
  push_atom(add_node(node), kind, frame.caps_before);
  return true;
}

// Parses {n}, {n,} or {n,m} at pos_. On success pos_ moves past it; otherwise pos_ is
// unchanged and the '{' is a literal (Annex B). Numbers too large clamp to infinity as V8's do.
bool Parser::parse_interval(std::int32_t& min, std::int32_t& max) {
  const std::size_t n = src_.size();
  std::size_t i = pos_ + 1;
  auto read_number = [&](std::int32_t& value) {
    value = 0;
    for (; i < n && is_digit(src_[i]); ++i) {
      const std::int32_t d = src_[i] - u'0';
      if (value > (kInfinity - d) / 10) {
        value = kInfinity;
        while (i < n && is_digit(src_[i])) ++i;
        return;
      }
      value = value * 10 + d;
    }
  };
  if (i >= n || !is_digit(src_[i])) return false;
  read_number(min);
  if (i < n && src_[i] == u'}') {
    max = min;
  } else if (i < n && src_[i] == u',') {
    ++i;
    if (i < n && src_[i] == u'}') {
      max = kInfinity;
    } else {
      if (i >= n || !is_digit(src_[i])) return false;
      read_number(max);
      if (i >= n || src_[i] != u'}') return false;
    }
  } else {
    return false;
  }
  pos_ = i + 1;
  return true;
}

bool Parser::parse_quantifier() {
  if (pos_ >= src_.size()) return true;
  const std::size_t at = pos_;
  std::int32_t min = 0;
  std::int32_t max = 0;
  switch (src_[pos_]) {
    case u'*': min = 0; max = kInfinity; ++pos_; break;
    case u'+': min = 1; max = kInfinity; ++pos_; break;
    case u'?': min = 0; max = 1; ++pos_; break;
    case u'{':
      if (!parse_interval(min, max)) return true;
      if (max < min) return fail(at, "numbers out of order in {} quantifier");
      break;
    default:
      return true;
  }
  bool greedy = true;
  if (pos_ < src_.size() && src_[pos_] == u'?') {
    greedy = false;
    ++pos_;
  }
  if (last_ == LastTerm::kLookbehind) return fail(at, "Invalid quantifier");
  Node node;
  node.kind = NodeKind::kQuant;
  node.child = terms_.back();
  node.min = min;
  node.max = max;
  node.sub = greedy ? 1 : 0;
  node.cap_lo = last_caps_before_;
  node.cap_hi = capture_count_;
  terms_.back() = add_node(node);
  last_ = LastTerm::kNone;  // a second quantifier is "Nothing to repeat"
  return true;
}

bool Parser::resolve_named_references() {
  for (const NamedRef& ref : named_refs_) {
    auto it = closed_names_.find(ref.name);
    if (it == closed_names_.end()) return fail(ref.position, "Invalid named capture referenced");
    ast_.nodes[static_cast<std::size_t>(ref.node)].value = it->second;
  }
  return true;
}

}  // namespace tb::jsonata::regex
