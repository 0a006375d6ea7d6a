// The masker's rule, on texts built to trip a fast search: every form of every secret (as
// typed, percent-encoded, JSON-escaped) masked wherever it starts, at either end of the text,
// next to or overlapping another secret or its own near misses; a text with no secret comes
// back byte for byte.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "ticketbridge/secret_masking.hpp"
#include "ticketbridge/template.hpp"

using namespace tb;

namespace {

// Overlapping ("...gh12" ends where "gh12..." starts), nested (the third inside the fourth),
// and with characters that make the percent and JSON forms differ from the secret itself.
const std::vector<std::string> kSecrets = {"abcdefgh12", "gh12345678", "pa\"ss\\wd-9", "xx-pa\"ss\\wd-9-yy",
                                           "p@ss w0rd/+%", "tb-demo-password"};

// Every form the masker must hide, longest first: the rule the masker documents.
std::vector<std::string> forms_of(const std::vector<std::string>& secrets) {
  std::vector<std::string> forms;
  for (const std::string& s : secrets) {
    std::string escaped;
    append_json_escaped(escaped, s);
    for (const std::string& f : {s, percent_encode(s), escaped})
      if (std::find(forms.begin(), forms.end(), f) == forms.end()) forms.push_back(f);
  }
  std::stable_sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return forms;
}

// The rule written the slow way: each form, longest first, replaced everywhere in what the
// longer ones left.
std::string masked_by_rule(std::string text, const std::vector<std::string>& forms) {
  for (const std::string& f : forms) {
    for (std::size_t pos = 0; (pos = text.find(f, pos)) != std::string::npos; pos += 3) text.replace(pos, f.size(), "***");
  }
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secret_masker)

BOOST_AUTO_TEST_CASE(every_form_of_every_secret_is_masked_wherever_it_stands) {
  const SecretMasker masker(kSecrets);
  const std::vector<std::string> forms = forms_of(kSecrets);
  // Pieces: each form whole, its first and last bytes missing (near misses the search must
  // not stop at), and filler that shares letters with the secrets.
  std::vector<std::string> pieces = {"a", "password ", "12", "\"", "%", "p", "tb-demo-passwor", " ", "\n"};
  for (const std::string& f : forms) {
    pieces.push_back(f);
    pieces.push_back(f.substr(1));
    pieces.push_back(f.substr(0, f.size() - 1));
  }
  std::uint64_t seed = 42;
  const auto next = [&] { return seed = seed * 6364136223846793005ULL + 1442695040888963407ULL, seed >> 33; };
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (auto n = next() % 12; n > 0; --n) text += pieces[next() % pieces.size()];
    const std::string out = masker(text);
    BOOST_REQUIRE_EQUAL(out, masked_by_rule(text, forms));
    BOOST_REQUIRE_EQUAL(masker.occurs_in(text), out != text);
    for (const std::string& f : forms) BOOST_REQUIRE_MESSAGE(out.find(f) == std::string::npos, "shown: " + f + " in " + out);
  }
}

BOOST_AUTO_TEST_CASE(a_secret_at_either_end_or_alone_is_masked) {
  const SecretMasker masker({"tb-demo-password"});
  BOOST_CHECK_EQUAL(masker("tb-demo-password"), "***");
  BOOST_CHECK_EQUAL(masker("tb-demo-passwordtb-demo-password"), "******");
  BOOST_CHECK_EQUAL(masker("x tb-demo-password"), "x ***");
  BOOST_CHECK_EQUAL(masker("tb-demo-password x"), "*** x");
  BOOST_CHECK_EQUAL(masker("tb-demo-passwor"), "tb-demo-passwor");
}

BOOST_AUTO_TEST_CASE(a_secret_learnt_later_is_searched_for_too) {
  SecretMasker masker({"tb-demo-password"});
  const std::string text = "Bearer eyJhbGciOi.short and tb-demo-password";
  masker.add("eyJhbGciOi.short");  // shorter than every needle so far: the search window shrinks
  BOOST_CHECK_EQUAL(masker(text), "Bearer *** and ***");
  BOOST_CHECK(!SecretMasker().occurs_in(text));
  BOOST_CHECK_EQUAL(SecretMasker()(text), text);
}

BOOST_AUTO_TEST_SUITE_END()
