// Redaction of transcript text: the shared fixture set (tests/fixtures/redaction/cases.json,
// also meant for the Node suite over the WASM build), plus what only the native API can
// show: invalid UTF-8 input, JSON documents, option round trips.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>

#include "test_support.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/transcript_redaction.hpp"

using namespace tb;
using namespace tbtest;

namespace {

const json& fixture() {
  static const json doc = read_json(fixture_path("redaction/cases.json"));
  return doc;
}

RedactionOptions options_of(const json& c) {
  if (!c.contains("options")) return {};
  auto o = redaction_options_from_json(c["options"]);
  BOOST_REQUIRE_MESSAGE(o.ok(), (o.ok() ? std::string() : o.error().code + " " + o.error().path));
  return o.value();
}

void check_counts(const RedactionCounts& got, const json& expect) {
  const json shown = redaction_counts_to_json(got);
  for (const char* kind : {"email", "phone", "card", "secret", "term"}) {
    const std::size_t want = expect.contains(kind) ? expect[kind].get<std::size_t>() : 0;
    BOOST_CHECK_MESSAGE(shown[kind].get<std::size_t>() == want,
                        kind << ": got " << shown[kind].get<std::size_t>() << ", expected " << want);
  }
}

std::string concat(const json& parts) {
  std::string out;
  for (const json& p : parts) {
    const std::string piece = p[0].get<std::string>();
    const std::size_t times = p[1].get<std::size_t>();
    out.reserve(out.size() + piece.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += piece;
  }
  return out;
}

// Where two strings first differ, for readable failures on megabyte outputs.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const std::size_t from = i > 20 ? i - 20 : 0;
  return "at byte " + std::to_string(i) + ": got '" + a.substr(from, 60) + "' expected '" + b.substr(from, 60) + "'";
}

}  // namespace

BOOST_AUTO_TEST_CASE(fixture_cases) {
  const json& cases = fixture()["cases"];
  BOOST_REQUIRE_GE(cases.size(), 80u);
  for (const json& c : cases) {
    BOOST_TEST_CONTEXT(c["name"].get<std::string>()) {
      const TranscriptRedactor redactor(options_of(c));
      const RedactionResult r = redactor.redact(c["text"].get<std::string>());
      BOOST_CHECK_EQUAL(r.text, c["expect"].get<std::string>());
      check_counts(r.counts, c["counts"]);
      BOOST_CHECK_EQUAL(r.invalid_utf8, 0u);
      if (c.contains("summary")) BOOST_CHECK_EQUAL(describe_redaction(r.counts), c["summary"].get<std::string>());
    }
  }
}

BOOST_AUTO_TEST_CASE(long_adversarial_inputs_give_exact_output) {
  const json& cases = fixture()["longInputs"];
  BOOST_REQUIRE_GE(cases.size(), 10u);
  for (const json& c : cases) {
    BOOST_TEST_CONTEXT(c["name"].get<std::string>()) {
      const std::string text = concat(c["parts"]);
      const std::string expect = concat(c["expectParts"]);
      const RedactionResult r = TranscriptRedactor(options_of(c)).redact(text);
      BOOST_CHECK_MESSAGE(r.text == expect, first_difference(r.text, expect));
      check_counts(r.counts, c["counts"]);
    }
  }
}

BOOST_AUTO_TEST_CASE(option_errors_have_codes_and_paths) {
  for (const json& c : fixture()["optionErrors"]) {
    BOOST_TEST_CONTEXT(c["name"].get<std::string>()) {
      auto o = redaction_options_from_json(c["options"]);
      BOOST_REQUIRE(!o.ok());
      BOOST_CHECK_EQUAL(o.error().code, c["error"]["code"].get<std::string>());
      BOOST_CHECK_EQUAL(o.error().path, c["error"]["path"].get<std::string>());
      BOOST_CHECK(!o.error().message.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(option_errors_carry_the_callers_prefix_and_path_and_all_problems) {
  std::vector<Error> problems;
  auto o = redaction_options_from_json(json{{"emails", 1}, {"terms", {"x", "ok"}}, {"colour", "red"}}, "CONFIG",
                                       "/escalation/redaction", &problems);
  BOOST_REQUIRE(!o.ok());
  BOOST_REQUIRE_EQUAL(problems.size(), 3u);
  BOOST_CHECK_EQUAL(o.error().code, problems.front().code);
  BOOST_CHECK_EQUAL(problems[0].code, "CONFIG_UNKNOWN_FIELD");
  BOOST_CHECK_EQUAL(problems[0].path, "/escalation/redaction/colour");
  BOOST_CHECK_EQUAL(problems[1].code, "CONFIG_INVALID_TYPE");
  BOOST_CHECK_EQUAL(problems[1].path, "/escalation/redaction/emails");
  BOOST_CHECK_EQUAL(problems[2].code, "CONFIG_INVALID_VALUE");
  BOOST_CHECK_EQUAL(problems[2].path, "/escalation/redaction/terms/0");
}

BOOST_AUTO_TEST_CASE(defaults_turn_every_detector_on) {
  const RedactionOptions d;
  BOOST_CHECK(d.enabled && d.emails && d.phones && d.cards && d.secrets && d.high_entropy && d.whole_word_terms);
  auto from_empty = redaction_options_from_json(json::object());
  BOOST_REQUIRE(from_empty.ok());
  BOOST_CHECK(redaction_options_to_json(from_empty.value()) == redaction_options_to_json(d));
  const json shown = redaction_options_to_json(d);
  BOOST_CHECK_EQUAL(shown["placeholders"]["email"], "[email]");
  BOOST_CHECK_EQUAL(shown["placeholders"]["phone"], "[phone]");
  BOOST_CHECK_EQUAL(shown["placeholders"]["card"], "[card]");
  BOOST_CHECK_EQUAL(shown["placeholders"]["secret"], "[secret]");
  BOOST_CHECK_EQUAL(shown["placeholders"]["term"], "[redacted]");
  BOOST_CHECK_EQUAL(shown["highEntropyMinLength"], 24);
}

BOOST_AUTO_TEST_CASE(options_round_trip_through_json) {
  RedactionOptions o;
  o.phones = false;
  o.high_entropy = false;
  o.high_entropy_min_length = 40;
  o.terms = {"Bluebird", "Müller"};
  o.whole_word_terms = false;
  o.placeholders.card = "[karte]";
  const json shown = redaction_options_to_json(o);
  auto back = redaction_options_from_json(shown);
  BOOST_REQUIRE(back.ok());
  BOOST_CHECK(redaction_options_to_json(back.value()) == shown);
  BOOST_CHECK(!back->phones && !back->high_entropy && !back->whole_word_terms);
  BOOST_CHECK_EQUAL(back->terms.size(), 2u);
  BOOST_CHECK_EQUAL(back->placeholders.card, "[karte]");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_repaired_and_counted) {
  // A lone lead byte, an overlong '/', a UTF-16 surrogate, stray continuation bytes and a
  // truncated 4-byte sequence at the end: each maximal invalid sequence becomes one U+FFFD.
  const std::string in = std::string("caf\xC3 mail john@example.com \xC0\xAF \xED\xA0\x80 \x80\x80 ok \xF0\x9F\x98");
  const RedactionResult r = redact_text(in);
  const std::string fffd = "\xEF\xBF\xBD";
  BOOST_CHECK_EQUAL(r.text, "caf" + fffd + " mail [email] " + fffd + fffd + " " + fffd + fffd + fffd + " " + fffd + fffd +
                                " ok " + fffd);
  BOOST_CHECK_EQUAL(r.invalid_utf8, 9u);
  BOOST_CHECK_EQUAL(r.counts.email, 1u);
  BOOST_CHECK(is_valid_utf8(r.text));
}

BOOST_AUTO_TEST_CASE(disabled_redaction_still_returns_valid_utf8) {
  RedactionOptions off;
  off.enabled = false;
  const RedactionResult r = redact_text("PIN: 4821 \xFF", off);
  BOOST_CHECK_EQUAL(r.text, "PIN: 4821 \xEF\xBF\xBD");
  BOOST_CHECK_EQUAL(r.counts.total(), 0u);
  BOOST_CHECK_EQUAL(r.invalid_utf8, 1u);
}

BOOST_AUTO_TEST_CASE(output_is_valid_utf8_for_mixed_random_text) {
  // Fragments chosen to sit right against matches: multi-byte letters, CJK, emoji, no-break
  // spaces, digits, separators, '@', cue words. Pseudo-random but fixed (no seeding from a clock).
  const char* fragments[] = {"ü", "中", "😀", "\xC2\xA0", "\xE2\x80\xAF", "0", "4", "7", " ", "-", ".", "/", "+", "(", ")",
                             "@", "a", "Z", "x", "é", "example.com", "password: ", "pin ", "eyJ", "ghp_", ":", "=", "\n"};
  const std::size_t n = sizeof(fragments) / sizeof(fragments[0]);
  RedactionOptions o;
  o.terms = {"ü中", "ab"};
  const TranscriptRedactor redactor(o);
  std::uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int len = 1 + static_cast<int>(state % 60);
    for (int i = 0; i < len; ++i) {
      state = state * 1664525u + 1013904223u;
      text += fragments[(state >> 8) % n];
    }
    const RedactionResult r = redactor.redact(text);
    BOOST_REQUIRE_MESSAGE(is_valid_utf8(r.text), "invalid output for input: " << text);
  }
}

BOOST_AUTO_TEST_CASE(json_documents_are_redacted_value_by_value) {
  json doc = {{"messages", {{{"role", "employee"}, {"text", "mail me: anna@example.com, PIN: 4821"}},
                            {{"role", "assistant"}, {"text", "Noted, ticket INC0010042."}}}},
              {"summary", "Call +44 20 7946 0958"},
              {"anna@example.com", 42},
              {"flags", {true, nullptr, 3.5}}};
  const RedactionCounts c = TranscriptRedactor().redact_json(doc);
  BOOST_CHECK_EQUAL(doc["messages"][0]["text"], "mail me: [email], PIN: [secret]");
  BOOST_CHECK_EQUAL(doc["messages"][1]["text"], "Noted, ticket INC0010042.");
  BOOST_CHECK_EQUAL(doc["summary"], "Call [phone]");
  BOOST_CHECK(doc.contains("anna@example.com"));  // keys are structure, not transcript text
  BOOST_CHECK_EQUAL(doc["flags"][2], 3.5);
  BOOST_CHECK_EQUAL(c.email, 1u);
  BOOST_CHECK_EQUAL(c.secret, 1u);
  BOOST_CHECK_EQUAL(c.phone, 1u);
  BOOST_CHECK_EQUAL(describe_redaction(c), "1 email, 1 phone number, 1 secret");
}

BOOST_AUTO_TEST_CASE(deeply_nested_json_does_not_exhaust_the_stack) {
  json doc = "john@example.com";
  for (int i = 0; i < 20000; ++i) doc = json::array({std::move(doc)});
  const RedactionCounts c = TranscriptRedactor().redact_json(doc);
  BOOST_CHECK_EQUAL(c.email, 1u);
  const json* inner = &doc;
  while (inner->is_array()) inner = &(*inner)[0];
  BOOST_CHECK_EQUAL(*inner, "[email]");
}

BOOST_AUTO_TEST_CASE(counts_accumulate_and_describe_in_plural) {
  RedactionCounts a;
  a.email = 2;
  a.card = 1;
  RedactionCounts b;
  b.email = 1;
  b.secret = 3;
  a += b;
  BOOST_CHECK_EQUAL(a.total(), 7u);
  BOOST_CHECK_EQUAL(describe_redaction(a), "3 emails, 1 card number, 3 secrets");
  BOOST_CHECK_EQUAL(describe_redaction(RedactionCounts{}), "");
  const json shown = redaction_result_to_json(redact_text("4111 1111 1111 1111"));
  BOOST_CHECK_EQUAL(shown["text"], "[card]");
  BOOST_CHECK_EQUAL(shown["counts"]["card"], 1);
  BOOST_CHECK_EQUAL(shown["invalidUtf8"], 0);
}

BOOST_AUTO_TEST_CASE(a_redactor_is_reusable_and_movable) {
  RedactionOptions o;
  o.terms = {"Bluebird"};
  TranscriptRedactor first(o);
  TranscriptRedactor moved(std::move(first));
  for (int i = 0; i < 3; ++i) {
    BOOST_CHECK_EQUAL(moved.redact("Bluebird: anna@example.com").text, "[redacted]: [email]");
  }
  BOOST_CHECK_EQUAL(moved.options().terms.size(), 1u);
}
