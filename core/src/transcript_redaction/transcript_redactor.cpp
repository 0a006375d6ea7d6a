// Runs the enabled detectors over the text, resolves overlaps, and writes the result. Input
// that is not valid UTF-8 is repaired first (U+FFFD per maximal invalid sequence, as
// browsers decode), so detectors only ever see whole characters and the output is always
// valid UTF-8, which the ticket's JSON payload needs.
#include <algorithm>

#include "transcript_redaction/detectors.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/transcript_redaction.hpp"
#include "ticketbridge/text/utf8.hpp"

namespace tb {

using redaction::Span;
using redaction::Spans;

namespace {

std::size_t repair_utf8(std::string_view in, std::string& out) {
  std::size_t repaired = 0;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const unsigned char b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    }
    std::size_t j = i + 1, got = 0;
    while (need != 0 && got < need && j < in.size()) {
      const unsigned char c = static_cast<unsigned char>(in[j]);
      if (c < lo || c > hi) break;
      lo = 0x80;
      hi = 0xBF;
      ++j;
      ++got;
    }
    if (need != 0 && got == need) {
      out.append(in.substr(i, j - i));
    } else {
      out += "\xEF\xBF\xBD";
      ++repaired;
    }
    i = j;
  }
  return repaired;
}

// Among spans starting together the longest wins; among equal ones, the more specific kind.
int rank(RedactionKind k) {
  switch (k) {
    case RedactionKind::Term: return 0;
    case RedactionKind::Secret: return 1;
    case RedactionKind::Card: return 2;
    case RedactionKind::Email: return 3;
    case RedactionKind::Phone: return 4;
  }
  return 5;
}

// Overlapping spans merge into one, named after the span that starts first, so everything
// any detector found is masked and each masked region is counted once.
Spans merge(Spans spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return rank(a.kind) < rank(b.kind);
  });
  Spans merged;
  for (const Span& s : spans) {
    if (s.end <= s.begin) continue;
    if (!merged.empty() && s.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

// Full-width forms (U+FF01-U+FF5E: "０１２", "＠") read as their ASCII letters and zero-width
// characters as nothing, so "jane＠example.com" or a card number with U+200B between its
// digits is still found. `origin` maps each byte of the folded text (and its end) back.
bool fold_for_detection(std::string_view text, std::string& folded, std::vector<std::size_t>& origin) {
  bool any = false;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]), b1 = static_cast<unsigned char>(text[i + 1]);
    if ((b0 == 0xEF && (b1 == 0xBC || b1 == 0xBD || b1 == 0xBB)) || (b0 == 0xE2 && (b1 == 0x80 || b1 == 0x81))) {
      any = true;
      break;
    }
  }
  if (!any) return false;
  folded.reserve(text.size());
  origin.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = utf8::decode(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      folded += static_cast<char>(cp - 0xFEE0);
      origin.push_back(start);
    } else if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) {
      continue;
    } else {
      for (std::size_t k = start; k < i; ++k) {
        folded += text[k];
        origin.push_back(k);
      }
    }
  }
  origin.push_back(text.size());
  return true;
}

bool continuation(std::string_view s, std::size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

}  // namespace

struct TranscriptRedactor::Impl {
  RedactionOptions options;
  redaction::TermMatcher terms;
  Impl(RedactionOptions o) : options(std::move(o)), terms(options.terms, options.whole_word_terms) {}
};

TranscriptRedactor::TranscriptRedactor(RedactionOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
TranscriptRedactor::~TranscriptRedactor() = default;
TranscriptRedactor::TranscriptRedactor(TranscriptRedactor&&) noexcept = default;
TranscriptRedactor& TranscriptRedactor::operator=(TranscriptRedactor&&) noexcept = default;

const RedactionOptions& TranscriptRedactor::options() const { return impl_->options; }

RedactionResult TranscriptRedactor::redact(std::string_view input) const {
  RedactionResult result;
  std::string repaired;
  std::string_view text = input;
  if (!is_valid_utf8(input)) {
    result.invalid_utf8 = repair_utf8(input, repaired);
    text = repaired;
  }
  const RedactionOptions& o = impl_->options;
  if (!o.enabled) {
    result.text = std::string(text);
    return result;
  }
  std::string folded;
  std::vector<std::size_t> origin;
  const bool fold = fold_for_detection(text, folded, origin);
  const std::string_view scan = fold ? std::string_view(folded) : text;
  Spans spans;
  if (o.emails) redaction::find_emails(scan, spans);
  if (o.phones) redaction::find_phones(scan, spans);
  if (o.cards) redaction::find_cards(scan, spans);
  if (o.secrets) {
    redaction::find_cue_secrets(scan, spans);
    redaction::find_shaped_secrets(scan, spans);
  }
  if (o.high_entropy) redaction::find_high_entropy(scan, o.high_entropy_min_length, spans);
  impl_->terms.find(scan, spans);
  if (fold) {
    for (Span& s : spans) {
      s.begin = origin[s.begin];
      s.end = origin[s.end];
    }
  }

  std::string& out = result.text;
  out.reserve(text.size());
  std::size_t at = 0;
  for (Span s : merge(std::move(spans))) {
    // Spans end on character boundaries by construction; widening keeps that true regardless.
    while (s.begin > 0 && continuation(text, s.begin)) --s.begin;
    while (continuation(text, s.end)) ++s.end;
    if (s.begin < at) s.begin = at;
    if (s.end <= s.begin) continue;
    out.append(text.substr(at, s.begin - at));
    out += o.placeholders.of(s.kind);
    ++result.counts.of(s.kind);
    at = s.end;
  }
  out.append(text.substr(at));
  return result;
}

RedactionCounts TranscriptRedactor::redact_json(nlohmann::json& document) const {
  RedactionCounts counts;
  // An explicit stack: documents can nest deeper than the native stack allows.
  std::vector<nlohmann::json*> pending{&document};
  while (!pending.empty()) {
    nlohmann::json* node = pending.back();
    pending.pop_back();
    if (node->is_string()) {
      RedactionResult r = redact(node->get_ref<const std::string&>());
      counts += r.counts;
      *node = std::move(r.text);
    } else if (node->is_structured()) {
      for (auto& child : *node) pending.push_back(&child);
    }
  }
  return counts;
}

RedactionResult redact_text(std::string_view text, const RedactionOptions& options) {
  return TranscriptRedactor(options).redact(text);
}

}  // namespace tb
