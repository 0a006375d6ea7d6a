// Secrets where text is cut or quoted: an ITSM error message shortened for the cockpit, the
// JSON parser's own words about a pasted token, secrets too short to mask safely. None of
// them may show a secret, whole or in part.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"
#include "ticketbridge/encoding.hpp"
#include "ticketbridge/secret_masking.hpp"

using namespace tb;
using namespace tbtest;

namespace {

const std::string kToken = "S3cr3t-Bearer-Token-0042";

std::shared_ptr<const Config> bearer_config() {
  json doc = example_config_json();
  doc["credentials"]["servicenow"]["auth"] = {{"type", "bearer"}, {"token", kToken}};
  auto cfg = load(doc);
  BOOST_REQUIRE(cfg);
  return cfg;
}

// Everything the machine lets out after a run.
std::string shown(const Escalation& e, const Action& out) {
  return (is_failed(out) ? failed(out).reason : std::string()) + message_of(out) + dump_json(record_to_json(e.record())) + dump_json(e.snapshot());
}

// An error message whose 300-byte cut falls `into` bytes inside `secret`.
std::string straddling(const std::string& secret, std::size_t into) {
  const std::string lead = "Authorization was ";
  std::string msg = lead + std::string(300 - lead.size() - into, 'x') + secret + " and more text after it";
  return json{{"error", {{"message", msg}, {"detail", ""}}}, {"status", "failure"}}.dump();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secrets_at_edges)

BOOST_AUTO_TEST_CASE(an_itsm_message_is_masked_before_it_is_cut) {
  auto cfg = bearer_config();
  for (std::size_t into : {2u, 5u, 11u, 20u}) {
    Escalation e(cfg);
    FakeHost host;
    host.create_replies = {http(400, straddling(kToken, into))};
    const Action out = host.run(e, conversation(example_conversation_json()));
    BOOST_REQUIRE(is_failed(out));
    BOOST_CHECK_EQUAL(failed(out).code, "ITSM_BAD_REQUEST");
    const std::string all = shown(e, out);
    BOOST_CHECK_MESSAGE(all.find(kToken.substr(0, 4)) == std::string::npos, "a prefix of the token leaked (cut " << into << ")");
    BOOST_CHECK(all.find("Authorization was") != std::string::npos);  // the ITSM's words still shown
  }
}

BOOST_AUTO_TEST_CASE(a_basic_credential_straddling_the_cut_is_masked_too) {
  auto cfg = load(example_config_json());
  BOOST_REQUIRE(cfg);
  const std::string basic = base64_encode("tb.integration:tb-demo-password");
  for (std::size_t into : {3u, 9u, 16u}) {
    Escalation e(cfg);
    FakeHost host;
    host.create_replies = {http(403, straddling("Basic " + basic, into + 6))};
    const Action out = host.run(e, conversation(example_conversation_json()));
    BOOST_REQUIRE(is_failed(out));
    BOOST_CHECK_MESSAGE(shown(e, out).find(basic.substr(0, 4)) == std::string::npos, "Basic prefix leaked (cut " << into << ")");
  }
}

BOOST_AUTO_TEST_CASE(cut_masks_a_secret_prefix_left_by_an_earlier_cut) {
  SecretMasker r({"correct-horse-battery"});
  BOOST_CHECK_EQUAL(r.cut("the key is correct-horse-battery, really", 1000), "the key is ***, really");
  BOOST_CHECK_EQUAL(r.cut("the key is correct-horse-batt", 1000), "the key is ***");  // someone else cut it
  const std::string cut = r.cut("the key is correct-horse-battery, really", 16);
  BOOST_CHECK(cut.find("corr") == std::string::npos);
  BOOST_CHECK(cut.find("co") == std::string::npos || cut.find("***") != std::string::npos);
  // Never inside a UTF-8 character.
  const std::string accents = r.cut("\xC3\xA9\xC3\xA9\xC3\xA9", 3);
  BOOST_CHECK_EQUAL(accents, "\xC3\xA9\xE2\x80\xA6");
}

BOOST_AUTO_TEST_CASE(parser_errors_never_quote_the_text_they_stopped_in) {
  const std::string secret = "pasted-token-9f8e7d6c";
  const std::string base = example_config_json().dump();
  // A raw newline, a tab, a bad escape and a cut-off string inside the secret.
  for (const std::string& broken : {secret + "\n", secret + "\t", secret + "\\q", secret + "\x01"}) {
    std::string text = base;
    const std::string from = "\"tb-demo-password\"";
    text.replace(text.find(from), from.size(), "\"" + broken + "\"");
    auto r = load_config(text);
    BOOST_REQUIRE(!r.ok());
    BOOST_CHECK_EQUAL(r.error().code, "CONFIG_INVALID_JSON");
    BOOST_CHECK_GT(r.error().position, 0);
    BOOST_CHECK_MESSAGE(r.error().message.find("pasted") == std::string::npos, r.error().message);
    BOOST_CHECK_MESSAGE(r.error().message.find("9f8e") == std::string::npos, r.error().message);
  }
}

BOOST_AUTO_TEST_CASE(secrets_shorter_than_eight_characters_are_refused_at_load) {
  json doc = example_config_json();
  doc["credentials"]["servicenow"]["auth"]["password"] = "1000";
  auto r = load(doc);
  BOOST_CHECK(!r);
  ConfigProblems problems;
  BOOST_REQUIRE(!load_config_document(doc, &problems).ok());
  BOOST_CHECK_EQUAL(problems.errors.at(0).code, "CONFIG_SECRET_TOO_SHORT");
  BOOST_CHECK_EQUAL(problems.errors.at(0).path, "/credentials/servicenow/auth/password");
  BOOST_CHECK(problems.errors.at(0).message.find("1000") == std::string::npos);
  doc["credentials"]["servicenow"]["auth"]["password"] = "12345678";
  BOOST_CHECK(load(doc));
}

BOOST_AUTO_TEST_CASE(a_short_token_from_the_itsm_does_not_mangle_ticket_numbers) {
  json doc = example_config_json();
  doc["credentials"]["servicenow"]["auth"] = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"}, {"clientId", "tb-client"},
                                              {"clientSecret", "tb-client-secret"}};
  auto cfg = load(doc);
  BOOST_REQUIRE(cfg);
  Escalation e(cfg);
  FakeHost host;
  host.token_replies = {http(200, R"({"access_token":"1000","expires_in":1799})")};
  host.create_replies = {http(201, created_body("INC1000100"))};
  const Action out = host.run(e, conversation(example_conversation_json()));
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC1000100");
  BOOST_CHECK(message_of(out).find("INC1000100") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
