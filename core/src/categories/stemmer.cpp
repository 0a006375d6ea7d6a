// Order matters: plurals first ("batteries" -> "battery"), then one derivational or
// inflectional suffix, then the undoubling of a consonant that -ing/-ed doubled
// ("stopped" -> "stop"), then an agent "-er" ("charger"), and last a silent final "e" ("charge" -> "charg") so the bare word
// meets its -ing/-ed forms.
#include "categories/stemmer.hpp"

#include <string_view>

#include "categories/text_normalise.hpp"

namespace tb::categories {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

bool ends_with(const std::string& w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool has_vowel(const std::string& w, std::size_t len) {
  for (std::size_t i = 0; i < len; ++i) {
    if (is_vowel(w[i])) return true;
  }
  return false;
}

// Remove `suffix` if what remains is a plausible stem (`min_stem` letters with a vowel).
bool strip(std::string& w, std::string_view suffix, std::size_t min_stem) {
  if (!ends_with(w, suffix)) return false;
  const std::size_t stem = w.size() - suffix.size();
  if (stem < min_stem || !has_vowel(w, stem)) return false;
  w.resize(stem);
  return true;
}

void strip_plural(std::string& w) {
  if (w.size() <= 3 || w.back() != 's') return;
  if (ends_with(w, "ss") || ends_with(w, "us") || ends_with(w, "is")) return;
  if (w.size() > 4 && ends_with(w, "ies")) {
    w.resize(w.size() - 3);
    w += 'y';
    return;
  }
  if (ends_with(w, "sses") || ends_with(w, "shes") || ends_with(w, "ches") || ends_with(w, "xes") ||
      ends_with(w, "zes")) {
    w.resize(w.size() - 2);
    return;
  }
  w.pop_back();
}

// Returns true when an -ing/-ed ending went, which may have doubled the last consonant.
bool strip_suffix(std::string& w) {
  if (ends_with(w, "eed")) return false;  // "speed", "need" are not past tenses
  if (ends_with(w, "ied") && w.size() > 4) {
    w.resize(w.size() - 3);
    w += 'y';
    return false;
  }
  if (strip(w, "ing", 3) || strip(w, "ed", 3)) return true;
  if (strip(w, "ation", 3) || strip(w, "ition", 3) || strip(w, "ment", 4) ||
      strip(w, "ness", 4) || strip(w, "ly", 4)) {
    return false;
  }
  if (ends_with(w, "tion") || ends_with(w, "sion")) {  // "connection" -> "connect"
    strip(w, "ion", 4);
    return false;
  }
  return false;
}

void undouble(std::string& w) {
  const std::size_t n = w.size();
  if (n < 3 || w[n - 1] != w[n - 2] || is_vowel(w[n - 1])) return;
  const char c = w[n - 1];
  if (c == 'l' || c == 's' || c == 'z' || c == 'f') return;  // "install", "press", "buzz"
  w.pop_back();
}

}  // namespace

void stem_word(std::string& w) {
  for (char c : w) {
    if (c < 'a' || c > 'z') return;
  }
  strip_plural(w);
  if (strip_suffix(w)) undouble(w);
  // After -ing/-ed too, so "flickering" meets "flicker"; short words ("power", "user") keep it.
  strip(w, "er", 5);
  if (w.size() > 3 && w.back() == 'e') w.pop_back();
}

std::vector<std::string> stem_words(std::string_view text) {
  std::vector<std::string> out;
  WordReader reader(text);
  std::string word;
  while (reader.next(word)) {
    stem_word(word);
    out.push_back(word);
  }
  return out;
}

}  // namespace tb::categories
