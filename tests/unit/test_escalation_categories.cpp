// Categorization inside the escalation: a host's pair is used only if it is on the list
// (in the list's spelling), otherwise the classifier decides when it is confident, and when
// it is not the category parameters keep their defaults. The choice is audited.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"
#include "ticketbridge/categories.hpp"

using namespace tb;
using namespace tbtest;

namespace {

CategoryList example_list() {
  return import_categories_csv(read_file(fixture_path("categories/example.csv"))).list;
}

json sent_body(const std::shared_ptr<const Config>& cfg, Conversation c, StartOptions o) {
  Escalation e(cfg);
  FakeHost host;
  host.create_replies.push_back(http(201, created_body()));
  const Action out = host.run(e, c, "r", o);
  BOOST_REQUIRE(is_escalated(out));
  BOOST_REQUIRE_EQUAL(host.requests.size(), 1u);
  return json::parse(host.requests[0].body);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_listed_proposal_is_used_in_the_lists_spelling) {
  auto cfg = load(example_config_json());
  const CategoryList list = example_list();
  Conversation c = conversation(example_conversation_json());
  c.category = "hardware ";
  c.sub_category = "BATTERY";
  StartOptions o;
  o.categories = &list;
  const json body = sent_body(cfg, c, o);
  BOOST_CHECK_EQUAL(body["category"], "Hardware");
  BOOST_CHECK_EQUAL(body["subcategory"], "Battery");
  BOOST_CHECK(body["work_notes"].get<std::string>().find("proposed by the host, on the list") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unlisted_proposal_falls_back_to_the_classifier) {
  auto cfg = load(example_config_json());
  const CategoryList list = example_list();
  Conversation c = conversation(example_conversation_json());
  StartOptions o;
  o.categories = &list;
  o.category = "Facilities";
  o.sub_category = "Coffee";
  Escalation e(cfg);
  FakeHost host;
  host.create_replies.push_back(http(201, created_body()));
  host.run(e, c, "r", o);
  const json body = json::parse(host.requests.at(0).body);
  BOOST_CHECK_EQUAL(body["category"], "Hardware");  // the conversation is about a battery
  BOOST_CHECK_EQUAL(body["subcategory"], "Battery");
  bool audited = false;
  for (const AuditEntry& a : e.audit()) {
    audited = audited || (a.detail.find("rejected") != std::string::npos && a.detail.find("classifier") != std::string::npos);
  }
  BOOST_CHECK(audited);
}

BOOST_AUTO_TEST_CASE(an_unsure_classifier_leaves_the_defaults) {
  auto cfg = load(example_config_json());
  const CategoryList list = example_list();
  json doc = {{"id", "vague"}, {"employee", {{"id", "u1"}}}, {"summary", "It is broken"},
              {"messages", json::array({{{"role", "employee"}, {"text", "Something is broken again, please help."}}})}};
  StartOptions o;
  o.categories = &list;
  const json body = sent_body(cfg, conversation(doc), o);
  BOOST_CHECK_EQUAL(body["category"], "inquiry");  // the parameter's default
  BOOST_CHECK_EQUAL(body["subcategory"], "");
  BOOST_CHECK(body["work_notes"].get<std::string>().find("keep their defaults") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_a_list_the_hosts_pair_is_passed_through) {
  auto cfg = load(example_config_json());
  Conversation c = conversation(example_conversation_json());
  StartOptions o;
  o.category = "Software";
  o.sub_category = "OS";
  const json body = sent_body(cfg, c, o);
  BOOST_CHECK_EQUAL(body["category"], "Software");
  BOOST_CHECK_EQUAL(body["subcategory"], "OS");
}
