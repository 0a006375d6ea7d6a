// Checking a pair proposed by the host (an LLM or a person) against the imported list.
#include <boost/test/unit_test.hpp>

#include <string>

#include "ticketbridge/categories.hpp"

namespace {

tb::CategoryList example() {
  const auto r = tb::import_categories_csv(
      "category,sub_category\nHardware,Battery\nHardware,Keyboard\nHardware,Display\n"
      "Software,OS\nSoftware,Application\nNetwork,WiFi\nNetwork,VPN\n"
      "Matériel,Écran\n");
  BOOST_REQUIRE(r.accepted);
  return r.list;
}

tb::Result<tb::CategoryPair> resolve(const std::string& cat, const std::string& sub) {
  return tb::resolve(tb::CategoryPair{cat, sub}, example());
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_exact_pair_is_accepted) {
  const auto r = resolve("Network", "VPN");
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->category == "Network");
  BOOST_TEST(r->sub_category == "VPN");
}

BOOST_AUTO_TEST_CASE(case_and_spaces_are_ignored_and_the_list_spelling_returned) {
  for (const auto& [cat, sub] : {std::pair{"network", "wifi"}, {"  NETWORK ", "Wi Fi"}, {"net work", "WIFI"}}) {
    const auto r = resolve(cat, sub);
    BOOST_REQUIRE_MESSAGE(r.ok(), cat << " / " << sub);
    BOOST_TEST(r->category == "Network");
    BOOST_TEST(r->sub_category == "WiFi");
  }
  const auto accented = resolve("MATÉRIEL", "écran");
  BOOST_REQUIRE(accented.ok());
  BOOST_TEST(accented->sub_category == "Écran");
}

BOOST_AUTO_TEST_CASE(a_pair_off_the_list_is_refused_naming_the_closest_pairs) {
  const auto r = resolve("Hardware", "Batery");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == "CATEGORY_NOT_FOUND");
  const std::string& m = r.error().message;
  BOOST_TEST(m.find("'Hardware / Batery' is not on the category list") == 0u, m);
  // The nearest pair comes first.
  BOOST_TEST(m.find("closest valid pairs: 'Hardware / Battery'") != std::string::npos, m);
}

BOOST_AUTO_TEST_CASE(a_right_sub_category_under_the_wrong_category_points_to_its_pair) {
  const auto r = resolve("Software", "VPN");
  BOOST_REQUIRE(!r.ok());
  const std::string& m = r.error().message;
  BOOST_TEST(m.find("closest valid pairs: 'Network / VPN', 'Software / OS'") != std::string::npos, m);
}

BOOST_AUTO_TEST_CASE(a_category_alone_is_not_a_pair) {
  const auto r = resolve("Hardware", "");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == "CATEGORY_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(an_empty_list_accepts_nothing) {
  const auto r = tb::resolve(tb::CategoryPair{"Hardware", "Battery"}, tb::CategoryList{});
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == "CATEGORY_LIST_EMPTY");
}

BOOST_AUTO_TEST_CASE(a_huge_proposal_is_answered_quickly_and_shortened_in_the_message) {
  const auto r = resolve(std::string(100000, 'x'), std::string(100000, 'y'));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message.size() < 600u);
}
