// Admin terms: every term is matched at once with an Aho-Corasick automaton over the
// case-folded UTF-8 of the text, so the pass stays linear whatever the number of terms (the
// work per byte is bounded by the longest term). Overlapping hits resolve leftmost-longest.
#include <cstdint>

#include "transcript_redaction/detectors.hpp"
#include "ticketbridge/text/utf8.hpp"

namespace tb::redaction {

struct TermMatcher::Automaton {
  struct Node {
    std::vector<std::pair<unsigned char, std::uint32_t>> next;
    std::uint32_t fail = 0;
    std::uint32_t dict = 0;       // nearest node on the fail chain that ends a term (0 = none)
    std::uint32_t length = 0;     // folded bytes of the term ending here (0 = none)
    bool word_start = false;      // the term begins / ends with a word character, so it needs
    bool word_end = false;        // a boundary there when whole words are asked for
  };
  std::vector<Node> nodes;

  std::uint32_t child(std::uint32_t n, unsigned char b) const {
    for (const auto& [byte, to] : nodes[n].next) {
      if (byte == b) return to;
    }
    return 0;
  }
};

namespace {

std::string fold_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    utf8::append(out, fold_case(decode_at(s, i, &len)));
    i += len;
  }
  return out;
}

}  // namespace

TermMatcher::TermMatcher(const std::vector<std::string>& terms, bool whole_words)
    : a_(std::make_unique<Automaton>()), whole_words_(whole_words) {
  auto& nodes = a_->nodes;
  nodes.emplace_back();
  for (const std::string& term : terms) {
    if (term.empty()) continue;
    const std::string folded = fold_utf8(term);
    std::uint32_t n = 0;
    for (unsigned char b : folded) {
      std::uint32_t to = a_->child(n, b);
      if (to == 0) {
        to = static_cast<std::uint32_t>(nodes.size());
        nodes[n].next.emplace_back(b, to);
        nodes.emplace_back();
      }
      n = to;
    }
    std::size_t len = 0;
    nodes[n].length = static_cast<std::uint32_t>(folded.size());
    nodes[n].word_start = is_word_cp(decode_at(term, 0, &len));
    nodes[n].word_end = is_word_cp(decode_before(term, term.size(), &len));
  }
  // Breadth-first: fail links point at the longest proper suffix that is also a prefix.
  std::vector<std::uint32_t> queue;
  for (const auto& [b, to] : nodes[0].next) queue.push_back(to);
  for (std::size_t qi = 0; qi < queue.size(); ++qi) {
    const std::uint32_t n = queue[qi];
    for (const auto& [b, to] : nodes[n].next) {
      std::uint32_t f = nodes[n].fail;
      while (f != 0 && a_->child(f, b) == 0) f = nodes[f].fail;
      std::uint32_t target = a_->child(f, b);
      if (target == to) target = 0;
      nodes[to].fail = target;
      nodes[to].dict = nodes[target].length != 0 ? target : nodes[target].dict;
      queue.push_back(to);
    }
  }
}

TermMatcher::~TermMatcher() = default;

bool TermMatcher::empty() const { return a_->nodes.size() <= 1; }

void TermMatcher::find(std::string_view s, Spans& out) const {
  if (empty() || s.empty()) return;
  // Folded text, and for each folded byte the offset in s of the character it came from.
  std::string folded;
  std::vector<std::uint32_t> origin;
  folded.reserve(s.size());
  origin.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    const std::size_t before = folded.size();
    utf8::append(folded, fold_case(decode_at(s, i, &len)));
    origin.insert(origin.end(), folded.size() - before, static_cast<std::uint32_t>(i));
    i += len;
  }
  origin.push_back(static_cast<std::uint32_t>(s.size()));

  const auto& nodes = a_->nodes;
  std::vector<std::uint32_t> longest(folded.size(), 0);  // folded start -> folded end of the longest hit
  std::uint32_t n = 0;
  for (std::size_t j = 0; j < folded.size(); ++j) {
    const unsigned char b = static_cast<unsigned char>(folded[j]);
    while (n != 0 && a_->child(n, b) == 0) n = nodes[n].fail;
    n = a_->child(n, b);
    const std::uint32_t end = static_cast<std::uint32_t>(j + 1);
    for (std::uint32_t m = nodes[n].length != 0 ? n : nodes[n].dict; m != 0; m = nodes[m].dict) {
      const std::uint32_t start = end - nodes[m].length;
      if (whole_words_ && ((nodes[m].word_start && word_before(s, origin[start])) ||
                           (nodes[m].word_end && word_after(s, origin[end])))) {
        continue;
      }
      if (end > longest[start]) longest[start] = end;
    }
  }
  for (std::size_t j = 0; j < longest.size();) {
    if (longest[j] > j) {
      out.push_back({origin[j], origin[longest[j]], RedactionKind::Term});
      j = longest[j];
    } else {
      ++j;
    }
  }
}

}  // namespace tb::redaction
