// The native build's $uppercase / $lowercase map with tables generated from JavaScript's
// toUpperCase() / toLowerCase(); the WebAssembly modules ask the host instead
// (wasm/src/host_case.cpp). Both are checked against one fixture recorded from the Node the
// tables came from (tests/fixtures/jsonata/unicode-case.json): here every code point alone, in
// node-tests/case-mapping.test.mjs the modules against the host and, on that Unicode version,
// against the fixture.
#include <boost/test/unit_test.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.hpp"
#include "unicode_case.hpp"
#include "utf.hpp"

namespace uc = tb::jsonata::unicode;

namespace {

std::string utf8(std::uint32_t cp) {
  std::string s;
  tb::jsonata::utf::append(s, cp);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_code_point_maps_as_the_fixture_recorded_from_javascript) {
  const auto fixture = nlohmann::json::parse(tbtest::read_file(TB_FIXTURES_DIR "/jsonata/unicode-case.json"));
  BOOST_TEST_REQUIRE(fixture.at("upper").size() > 1000u);
  BOOST_TEST_REQUIRE(fixture.at("lower").size() > 1000u);
  std::map<std::uint32_t, std::string> changed[2];  // [0] upper, [1] lower
  for (int k = 0; k < 2; ++k)
    for (const auto& [cp, mapped] : fixture.at(k == 0 ? "upper" : "lower").items())
      changed[k][static_cast<std::uint32_t>(std::stoul(cp))] = mapped.get<std::string>();
  int wrong = 0;
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string s = utf8(cp);
    for (const bool upper : {true, false}) {
      const auto& table = changed[upper ? 0 : 1];
      const auto it = table.find(cp);
      const std::string& want = it == table.end() ? s : it->second;
      std::string got;
      const bool mapped = upper ? uc::to_upper(s, got) : uc::to_lower(s, got);
      if ((!mapped || got != want) && ++wrong <= 10) BOOST_TEST_MESSAGE("U+" << std::hex << cp << (upper ? " upper" : " lower"));
    }
  }
  BOOST_TEST(wrong == 0);
}

BOOST_AUTO_TEST_CASE(the_final_sigma_and_lone_surrogates_follow_javascript) {
  std::string got;
  // "ΟΔΟΣ ΟΔΟΣ." lowercases to final sigmas before the space and the full stop.
  BOOST_TEST(uc::to_lower("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3 \xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3.", got));
  BOOST_TEST(got == "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82 \xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82.");
  // A sigma alone, or before a letter, is not final.
  got.clear();
  BOOST_TEST(uc::to_lower("\xCE\xA3 \xCE\xA3\xCE\x91", got));
  BOOST_TEST(got == "\xCF\x83 \xCF\x83\xCE\xB1");
  // A lone surrogate (WTF-8) is kept as it is; the letters around it are mapped.
  got.clear();
  BOOST_TEST(uc::to_upper("a\xED\xA0\x80" "b", got));
  BOOST_TEST(got == "A\xED\xA0\x80" "B");
}
