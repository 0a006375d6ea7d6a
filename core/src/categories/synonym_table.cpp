// Reads the plain-text synonym format (see default_synonyms.cpp for a described example).
// Errors name the line so whoever edits a table can find the mistake.
#include <algorithm>

#include "categories/default_synonyms.hpp"
#include "categories/stemmer.hpp"
#include "categories/synonym_table_impl.hpp"
#include "categories/text_normalise.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {
namespace {

using Impl = SynonymTable::Impl;

constexpr std::size_t kMaxTableBytes = 256 * 1024;
constexpr std::size_t kMaxWordsPerTerm = 8;

Error invalid_at(int line, std::string message) {
  Error e = make_error("SYNONYMS_INVALID", std::move(message));
  e.line = line;
  return e;
}

// Splits on `sep`, trimming each piece; empty pieces are dropped (a trailing comma is harmless).
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = s.find(sep, start);
    const std::string_view piece = categories::trim_blanks(s.substr(start, end - start));
    if (!piece.empty()) out.push_back(piece);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

bool starts_with_folded(std::string_view line, std::string_view prefix) {
  if (line.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = line[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

Status add_terms(std::string_view list, double weight, int line, Impl::Group& group) {
  for (std::string_view text : split(list, ',')) {
    Impl::Term term;
    term.stems = categories::stem_words(text);
    term.weight = weight;
    if (term.stems.empty()) {
      return invalid_at(line, "term '" + categories::shorten(text) + "' has no letters or digits");
    }
    if (term.stems.size() > kMaxWordsPerTerm) {
      return invalid_at(line, "term '" + categories::shorten(text) + "' has more than " +
                                  std::to_string(kMaxWordsPerTerm) + " words");
    }
    group.terms.push_back(std::move(term));
  }
  return ok_status();
}

Status parse_line(std::string_view line, int number, Impl& table) {
  if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  line = categories::trim_blanks(line);
  if (line.empty()) return ok_status();
  for (auto [prefix, set] : {std::pair{std::string_view("ignore:"), &table.ignored},
                             std::pair{std::string_view("no-typo:"), &table.no_typo},
                             std::pair{std::string_view("all-clear:"), &table.all_clear},
                             std::pair{std::string_view("negation:"), &table.negation}}) {
    if (starts_with_folded(line, prefix)) {
      for (std::string_view word : split(line.substr(prefix.size()), ',')) {
        for (std::string& stem : categories::stem_words(word)) set->push_back(std::move(stem));
      }
      return ok_status();
    }
  }
  const std::size_t bar = line.find('|');
  if (bar != std::string_view::npos && line.find('|', bar + 1) != std::string_view::npos) {
    return invalid_at(number, "a line may have one '|' (between strong and weak terms)");
  }
  Impl::Group group;
  if (Status s = add_terms(line.substr(0, bar), 1.0, number, group); !s) return s;
  if (group.terms.empty()) {
    return invalid_at(number, "a concept needs at least one term before '|'");
  }
  if (bar != std::string_view::npos) {
    if (Status s = add_terms(line.substr(bar + 1), categories::kWeakTermWeight, number, group); !s) {
      return s;
    }
  }
  table.groups.push_back(std::move(group));
  return ok_status();
}

}  // namespace

SynonymTable::SynonymTable() : impl_(std::make_shared<Impl>()) {}

Result<SynonymTable> SynonymTable::parse(std::string_view text) {
  if (text.size() > kMaxTableBytes) {
    return make_error("SYNONYMS_TOO_LARGE", "the synonym table is " + std::to_string(text.size()) +
                                                " bytes; the limit is " + std::to_string(kMaxTableBytes));
  }
  if (!is_valid_utf8(text)) {
    return make_error("SYNONYMS_INVALID_UTF8", "the synonym table is not valid UTF-8");
  }
  auto impl = std::make_shared<Impl>();
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Status s = parse_line(line, ++number, *impl); !s) return std::move(s).error();
    start = end + 1;
  }
  for (Impl::WordSet* set : {&impl->ignored, &impl->no_typo, &impl->all_clear, &impl->negation}) {
    categories::sort_unique(*set);
  }
  SynonymTable table;
  table.impl_ = std::move(impl);
  return table;
}

const SynonymTable& SynonymTable::builtin() {
  // The built-in text is tested to parse; should it ever not, an empty table only makes the
  // classifier fall back to the list's own words.
  static const SynonymTable table = [] {
    Result<SynonymTable> parsed = parse(categories::default_synonyms_text());
    return parsed ? std::move(parsed).value() : SynonymTable();
  }();
  return table;
}

std::string_view SynonymTable::builtin_text() { return categories::default_synonyms_text(); }

std::size_t SynonymTable::size() const { return impl_->groups.size(); }

}  // namespace tb
