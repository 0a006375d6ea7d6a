#pragma once
// The detectors. Each scans the whole (valid UTF-8) text once, left to right, never
// revisiting a byte more than a constant number of times, and appends the spans it finds in
// increasing order. Overlaps between detectors are resolved later, in one place.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "transcript_redaction/text_scan.hpp"

namespace tb::redaction {

void find_emails(std::string_view text, Spans& out);
void find_phones(std::string_view text, Spans& out);
void find_cards(std::string_view text, Spans& out);
/// Values after cue words ("password: ...", "PIN is ...").
void find_cue_secrets(std::string_view text, Spans& out);
/// Credentials recognisable by shape: Bearer/Basic credentials, JWTs, vendor key prefixes,
/// private-key blocks, passwords in URLs.
void find_shaped_secrets(std::string_view text, Spans& out);
/// Long random-looking runs of base64/base64url characters.
void find_high_entropy(std::string_view text, std::size_t min_length, Spans& out);

/// Case-insensitive literal terms (Aho-Corasick over case-folded UTF-8).
class TermMatcher {
 public:
  TermMatcher(const std::vector<std::string>& terms, bool whole_words);
  ~TermMatcher();
  bool empty() const;
  void find(std::string_view text, Spans& out) const;

 private:
  struct Automaton;
  std::unique_ptr<Automaton> a_;
  bool whole_words_;
};

}  // namespace tb::redaction
