// Whatever the employee and the ITSM put in, the escalation ends in an outcome: unreadable
// conversations fail with the fallback URL, lone surrogates are repaired, amplifying
// templates stop at a size limit, output expressions stop at a time limit, and what the ITSM
// names its ticket reaches the employee as plain, short text.
#include <boost/test/unit_test.hpp>

#include <memory>

#include "test_support.hpp"
#include "ticketbridge/categories.hpp"
#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/outputs.hpp"
#include "ticketbridge/transcript_redaction.hpp"

using namespace tb;
using namespace tbtest;

namespace {

std::shared_ptr<const Config> example() {
  auto cfg = load(example_config_json());
  BOOST_REQUIRE(cfg);
  return cfg;
}

void expect_failed_with_fallback(const Action& a, const std::string& code) {
  BOOST_REQUIRE_MESSAGE(is_failed(a), "expected Failed, got " << action_type_name(a));
  BOOST_CHECK_EQUAL(failed(a).code, code);
  BOOST_CHECK_EQUAL(failed(a).fallback_url, "https://support.example.com/portal/new-request");
  BOOST_CHECK(message_of(a).find(failed(a).fallback_url) != std::string::npos);
  BOOST_CHECK(!failed(a).summary.empty());
}

// A clock that advances 1 ms per reading: time limits trip after a known number of checks.
void install_ticking_clock() {
  auto t = std::make_shared<double>(0);
  jsonata::set_default_clock([t] { return *t += 1; });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(escalation_inputs)

BOOST_AUTO_TEST_CASE(an_unreadable_conversation_ends_in_the_fallback) {
  auto cfg = example();
  for (const std::string& text : {std::string("not json at all"), std::string(""), std::string("[1,2"),
                                  std::string(kMaxConversationBytes + 10, ' ')}) {
    auto conv = parse_conversation(text);
    BOOST_REQUIRE(!conv.ok());
    Escalation e(cfg);
    auto r = e.reject(conv.error(), "VPN still down", 1000);
    BOOST_REQUIRE(r.ok());
    expect_failed_with_fallback(r.value(), conv.error().code);
    BOOST_CHECK(failed(r.value()).summary.find("VPN still down") != std::string::npos);
    // The failed machine's snapshot restores, and the employee can ask again.
    auto back = Escalation::restore(cfg, json::parse(dump_json(e.snapshot())));
    BOOST_REQUIRE_MESSAGE(back.ok(), (back.ok() ? std::string() : std::string(back.error().path)));
  }
}

BOOST_AUTO_TEST_CASE(a_lone_surrogate_is_repaired_not_refused) {
  json doc = example_conversation_json();
  doc["messages"][0]["text"] = "MARKER";
  std::string text = dump_json(doc);
  text.replace(text.find("MARKER"), 6, "broken emoji \\ud83d here, pair \\ud83d\\ude00 kept, low \\udc00 too");
  auto conv = parse_conversation(text);
  BOOST_REQUIRE_MESSAGE(conv.ok(), (conv.ok() ? std::string() : std::string(conv.error().message)));
  BOOST_CHECK_EQUAL(conv.value().messages[0].text,
                    "broken emoji \xEF\xBF\xBD here, pair \xF0\x9F\x98\x80 kept, low \xEF\xBF\xBD too");
  // An escaped backslash before "ud83d" is text, not an escape.
  std::size_t n = 0;
  BOOST_CHECK_EQUAL(repair_lone_surrogates(R"({"a":"\\ud83d"})", &n), R"({"a":"\\ud83d"})");
  BOOST_CHECK_EQUAL(n, 0u);
}

BOOST_AUTO_TEST_CASE(rendering_stops_before_a_template_amplifies_the_transcript) {
  json doc = example_config_json();
  std::string amplifier;
  for (int i = 0; i < 3000; ++i) amplifier += "{{transcript}}";
  doc["escalation"]["parameters"]["description"] = amplifier;
  auto cfg = load(doc);
  BOOST_REQUIRE(cfg);
  json conv = example_conversation_json();
  conv["messages"][0]["text"] = std::string(900 * 1000, 'a');
  Escalation e(cfg);
  FakeHost host;
  const Action out = host.run(e, conversation(conv));
  expect_failed_with_fallback(out, "TEMPLATE_TOO_LARGE");
  BOOST_CHECK_EQUAL(host.requests.size(), 0u);
}

BOOST_AUTO_TEST_CASE(output_expressions_have_a_default_time_limit) {
  install_ticking_clock();
  json doc = example_config_json();
  doc["apiCalls"]["createIncident"]["outputs"]["ticketNumber"] = "($f := function($n){ $f($n + 1) }; $f(0))";
  auto cfg = load(doc);
  BOOST_REQUIRE(cfg);
  BOOST_CHECK_EQUAL(cfg->output_time_limit_ms, 1000);
  Escalation e(cfg);
  FakeHost host;
  host.create_replies = {http(201, created_body())};
  const Action out = host.run(e, conversation(example_conversation_json()));
  BOOST_REQUIRE(is_failed(out));
  BOOST_CHECK_EQUAL(failed(out).code, "OUTPUT_EVALUATION_FAILED");
  BOOST_CHECK(failed(out).reason.find("D1012") != std::string::npos);

  // The Test panel's outputs too, and the limit is the admin's to set.
  doc["outputTimeLimitMs"] = 50;
  auto custom = load(doc);
  BOOST_REQUIRE(custom);
  auto values = evaluate_outputs(*custom->api_call("createIncident"), created_body(), output_limits(*custom));
  BOOST_REQUIRE(values.ok());
  BOOST_REQUIRE(values.value().at(1).error.has_value());
  BOOST_CHECK_EQUAL(values.value().at(1).error->code, "D1012");
  BOOST_CHECK_EQUAL(values.value().at(0).json, "\"0123456789abcdef0123456789abcdef\"");
  doc["outputTimeLimitMs"] = 0;
  BOOST_CHECK(!load(doc));
}

BOOST_AUTO_TEST_CASE(the_itsm_ticket_reference_is_shown_as_short_plain_text) {
  auto cfg = example();
  const std::string hostile = "INC001\xE2\x80\xAE\r\n<img src=x onerror=alert(1)>" + std::string(200, 'Z');
  Escalation e(cfg);
  FakeHost host;
  host.create_replies = {http(201, json{{"result", {{"sys_id", "abcd1234"}, {"number", hostile}}}}.dump())};
  const Action out = host.run(e, conversation(example_conversation_json()));
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK(escalated(out).ticket_number.find('\r') == std::string::npos && escalated(out).ticket_number.find('\n') == std::string::npos);
  BOOST_CHECK(escalated(out).ticket_number.find("\xE2\x80\xAE") == std::string::npos);
  BOOST_CHECK_LE(escalated(out).ticket_number.size(), 64u + 3u);
  BOOST_CHECK(message_of(out).find("<img") == std::string::npos);
  BOOST_CHECK(message_of(out).find("&lt;img") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_ticket_number_with_a_lone_surrogate_is_still_the_ticket) {
  auto cfg = example();
  Escalation e(cfg);
  FakeHost host;
  host.create_replies = {http(201, R"({"result":{"sys_id":"abcd1234","number":"INC\ud800042"}})")};
  const Action out = host.run(e, conversation(example_conversation_json()));
  BOOST_REQUIRE_MESSAGE(is_escalated(out), (is_failed(out) ? failed(out).code : action_type_name(out)));
  BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC\xEF\xBF\xBD" "042");
}

BOOST_AUTO_TEST_CASE(pad_refuses_a_width_it_cannot_build) {
  auto expr = jsonata::Expression::compile(R"($pad("x", 5e20))");
  BOOST_REQUIRE(expr.ok());
  auto r = expr.value().evaluate_json("");
  BOOST_CHECK(!r.ok());
  auto small = jsonata::Expression::compile(R"($pad("x", -3, "#"))").value().evaluate_json("");
  BOOST_REQUIRE(small.ok());
  BOOST_CHECK_EQUAL(small.value().json, "\"##x\"");
}

BOOST_AUTO_TEST_CASE(category_names_cannot_hide_direction_or_line_marks) {
  for (const char* name : {"Hard\xE2\x80\xA8ware", "Hard\xE2\x80\xAEware", "Hard\xE2\x81\xA6ware", "Hard\xC2\x85ware",
                           "Hard\xE2\x80\x8Bware"}) {
    const ImportReport report = import_categories_csv(std::string("category,sub_category\n") + name + ",Battery\n");
    BOOST_CHECK(!report.accepted);
    BOOST_REQUIRE(!report.problems.empty());
    BOOST_CHECK_EQUAL(report.problems[0].code, "CSV_CONTROL_CHARACTER");
  }
  BOOST_CHECK(import_categories_csv("category,sub_category\nMat\xC3\xA9riel,\xE6\x97\xA5\xE6\x9C\xAC\n").accepted);
}

BOOST_AUTO_TEST_CASE(redaction_sees_through_full_width_and_zero_width_characters) {
  const std::string email = redact_text("write to jane.doe\xEF\xBC\xA0" "example.com please").text;
  BOOST_CHECK_MESSAGE(email.find("jane") == std::string::npos, email);
  BOOST_CHECK(email.find("please") != std::string::npos);
  // A card number with zero-width spaces between the digit groups.
  const std::string zw = "\xE2\x80\x8B";
  const std::string card = redact_text("card 4111" + zw + "1111" + zw + "1111" + zw + "1111 thanks").text;
  BOOST_CHECK_MESSAGE(card.find("4111") == std::string::npos, card);
  BOOST_CHECK(card.find("thanks") != std::string::npos);
  // Full-width digits (U+FF10-U+FF19).
  std::string wide;
  for (char c : std::string("4111111111111111")) wide += "\xEF\xBC" + std::string(1, static_cast<char>(0x90 + (c - '0')));
  const std::string full = redact_text("card " + wide + " ok").text;
  BOOST_CHECK_MESSAGE(full.find("\xEF\xBC\x94") == std::string::npos, full);
  BOOST_CHECK(full.find(" ok") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
