// Text normalisation under the classifier and the comparisons: folding, words, stems.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "categories/edit_distance.hpp"
#include "categories/stemmer.hpp"
#include "categories/text_normalise.hpp"

namespace cat = tb::categories;

namespace {
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  cat::WordReader reader(text);
  std::string w;
  while (reader.next(w)) out.push_back(w);
  return out;
}
std::string stem(std::string w) {
  cat::stem_word(w);
  return w;
}
}  // namespace

BOOST_AUTO_TEST_CASE(comparison_keys_ignore_case_and_any_white_space) {
  BOOST_TEST(cat::comparison_key(" Wi Fi\t") == "wifi");
  BOOST_TEST(cat::comparison_key("ÉCRAN") == cat::comparison_key("écran"));
  BOOST_TEST(cat::comparison_key("ЖЕЛЕЗО") == cat::comparison_key("железо"));
  BOOST_TEST(cat::comparison_key("ΔΊΚΤΥΟ") != "");
  BOOST_TEST(cat::comparison_key("Ａｂｃ") == "abc");  // fullwidth
  BOOST_TEST(cat::comparison_key("a\xC2\xA0" "b") == "ab");  // no-break space
}

BOOST_AUTO_TEST_CASE(words_split_on_punctuation_and_keep_contractions) {
  BOOST_TEST(words("Wi-Fi doesn't work!!") == (std::vector<std::string>{"wi", "fi", "doesnt", "work"}));
  BOOST_TEST(words("wifi_signal_strength: -79dBm") == (std::vector<std::string>{"wifi", "signal", "strength", "79dbm"}));
  BOOST_TEST(words("l’écran “noir” 🙂 ok") == (std::vector<std::string>{"lécran", "noir", "ok"}));
  BOOST_TEST(words("") .empty());
  BOOST_TEST(words("\xff\xfe broken") == (std::vector<std::string>{"broken"}));
}

BOOST_AUTO_TEST_CASE(stems_join_the_forms_of_one_word) {
  for (const char* w : {"charge", "charges", "charging", "charged", "charger", "chargers"}) {
    BOOST_TEST(stem(w) == "charg", w);
  }
  BOOST_TEST(stem("batteries") == stem("battery"));
  BOOST_TEST(stem("connection") == stem("connecting"));
  BOOST_TEST(stem("crashes") == stem("crashed"));
  BOOST_TEST(stem("flickering") == stem("flicker"));
  BOOST_TEST(stem("stopped") == "stop");
  BOOST_TEST(stem("installed") == "install");
  BOOST_TEST(stem("updates") == stem("update"));
  BOOST_TEST(stem("os") == "os");
  BOOST_TEST(stem("speed") == "speed");
  BOOST_TEST(stem("wireless") == "wireless");
  BOOST_TEST(stem("écrans") == "écrans");  // non-ASCII words are left alone
}

BOOST_AUTO_TEST_CASE(one_edit_classifies_the_difference) {
  BOOST_TEST((cat::one_edit("batery", "battery") == cat::OneEdit::kInsertion));
  BOOST_TEST((cat::one_edit("keybaord", "keyboard") == cat::OneEdit::kSwap));
  BOOST_TEST((cat::one_edit("screan", "screen") == cat::OneEdit::kSubstitution));
  BOOST_TEST((cat::one_edit("wifi", "wifi") == cat::OneEdit::kEqual));
  BOOST_TEST((cat::one_edit("wifi", "vpn") == cat::OneEdit::kNone));
  BOOST_TEST((cat::one_edit("ab", "ba") == cat::OneEdit::kSwap));
}

BOOST_AUTO_TEST_CASE(edit_distance_counts_and_caps) {
  BOOST_TEST(cat::edit_distance(U"battery", U"batery", 10) == 1u);
  BOOST_TEST(cat::edit_distance(U"vpn", U"vnp", 10) == 1u);
  BOOST_TEST(cat::edit_distance(U"", U"abc", 10) == 3u);
  BOOST_TEST(cat::edit_distance(U"abcdefgh", U"zzzzzzzz", 3) == 3u);
}

// comparison_hash() reads eight bytes at a time; whatever the mix of printable runs, white
// space, controls and non-ASCII letters, and wherever they fall in a block, it must be the
// hash of comparison_key()'s bytes (eight to a word, then the length), so equal keys always
// meet in the importer's index.
BOOST_AUTO_TEST_CASE(comparison_hash_is_the_hash_of_the_comparison_key) {
  auto reference = [](std::string_view text) {
    auto mix = [](std::uint64_t h, std::uint64_t w) {
      h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
      return h ^ (h >> 32);
    };
    const std::string key = cat::comparison_key(text);
    std::uint64_t h = 0x9E3779B97F4A7C15ULL, w = 0;
    for (std::size_t i = 0; i < key.size(); ++i) {
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(key[i])) << (8 * (i % 8));
      if (i % 8 == 7) {
        h = mix(h, w);
        w = 0;
      }
    }
    return mix(mix(h, w), key.size());
  };
  const char* const pieces[] = {"a", "Mouse", " ", "405", "\t", "Wi-Fi", "ÉCRAN", "é", "\x01", "\x7f", "~", "Z",
                                "\xff", "\xe2\x80\x83", "ｆｕｌｌ", "\"q\"", "ЖЕЛЕЗО", "@", "[", "`", "{"};
  std::uint64_t state = 12345;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    for (std::uint64_t r = state, parts = (state >> 60) % 9; parts > 0; --parts, r /= 21) text += pieces[r % 21];
    BOOST_TEST(cat::comparison_hash(text) == reference(text), text);
  }
  BOOST_TEST(cat::comparison_hash("Calendar 549, \"legacy\"") == cat::comparison_hash("calendar549,\"LEGACY\""));
  BOOST_TEST(cat::comparison_hash("") == reference(""));
}
