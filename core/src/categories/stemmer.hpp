#pragma once
// A light English stemmer: strips the inflections and a few derivations that ticket text
// uses ("charging", "charged", "charges", "charger" -> "charg"), so one entry in the synonym
// table covers every form. Deliberately conservative: it only has to map the forms of one
// word to one stem, never two different words to the same stem if it can help it.

#include <string>
#include <string_view>
#include <vector>

namespace tb::categories {

/// Stem a case-folded word in place. Words with non-ASCII letters or digits are left alone.
void stem_word(std::string& word);

/// Split `text` into words (see WordReader) and stem each one.
std::vector<std::string> stem_words(std::string_view text);

}  // namespace tb::categories
