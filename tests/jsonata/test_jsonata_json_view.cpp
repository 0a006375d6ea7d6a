// Document::root() and JsonView: a host reads what the engine parsed (the conformance runner
// reads its cases this way), with JavaScript's view of the text kept: lone surrogates survive,
// members come in JavaScript's property order, and json() writes what JSON.stringify would.
#include <boost/test/unit_test.hpp>

#include <string>

#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;
using Type = jsn::JsonView::Type;

BOOST_AUTO_TEST_CASE(a_document_reads_back_through_its_view) {
  auto doc = jsn::Document::parse(R"({"name": "INC0010001", "open": true, "n": 2.5, "tags": ["a", null], "none": null})");
  BOOST_TEST_REQUIRE(doc.ok());
  const jsn::JsonView root = doc.value().root();
  BOOST_TEST((root.type() == Type::Object));
  BOOST_TEST(root.size() == 5u);
  BOOST_TEST(root.find("name").string() == "INC0010001");
  BOOST_TEST(root.find("open").boolean());
  BOOST_TEST(root.find("n").number() == 2.5);
  BOOST_TEST((root.find("none").type() == Type::Null));
  BOOST_TEST(!root.find("missing").defined());
  const jsn::JsonView tags = root.find("tags");
  BOOST_TEST(tags.size() == 2u);
  BOOST_TEST(tags.item(0).string() == "a");
  BOOST_TEST((tags.item(1).type() == Type::Null));
  BOOST_TEST(!tags.item(2).defined());
  BOOST_TEST(tags.json() == R"(["a",null])");
}

BOOST_AUTO_TEST_CASE(members_come_in_javascript_property_order) {
  auto doc = jsn::Document::parse(R"({"b": 1, "10": 2, "a": 3, "2": 4})");
  BOOST_TEST_REQUIRE(doc.ok());
  const jsn::JsonView root = doc.value().root();
  BOOST_TEST(root.key(0) == "2");
  BOOST_TEST(root.key(1) == "10");
  BOOST_TEST(root.key(2) == "b");
  BOOST_TEST(root.key(3) == "a");
  BOOST_TEST(root.value(3).number() == 3);
  BOOST_TEST(root.json() == R"({"2":4,"10":2,"b":1,"a":3})");
}

BOOST_AUTO_TEST_CASE(lone_surrogates_survive_the_round_trip) {
  auto doc = jsn::Document::parse(R"(["\ud800x"])");
  BOOST_TEST_REQUIRE(doc.ok());
  const jsn::JsonView s = doc.value().root().item(0);
  BOOST_TEST(s.string() == "\xED\xA0\x80x");
  BOOST_TEST(s.json() == R"("\ud800x")");
  BOOST_TEST(jsn::quote_json(s.string()) == R"("\ud800x")");
}

BOOST_AUTO_TEST_CASE(a_view_of_nothing_is_undefined_everywhere) {
  const jsn::JsonView none = jsn::Document().root();
  BOOST_TEST(!none.defined());
  BOOST_TEST(none.size() == 0u);
  BOOST_TEST(!none.find("x").defined());
  BOOST_TEST(none.json().empty());
}

BOOST_AUTO_TEST_CASE(numbers_print_as_javascript_prints_them) {
  BOOST_TEST(jsn::number_text(0.1 + 0.2) == "0.30000000000000004");
  BOOST_TEST(jsn::number_text(1e21) == "1e+21");
  BOOST_TEST(jsn::number_text(-0.0) == "0");
  BOOST_TEST(jsn::number_text(100) == "100");
}
