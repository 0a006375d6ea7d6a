// What every host boundary relies on: one reply shape, one error JSON, the version and the
// limits the hosts read from the core, the config summary, and strictly read start options.
#include <boost/test/unit_test.hpp>

#include <regex>

#include "test_support.hpp"
#include "ticketbridge/config_summary.hpp"
#include "ticketbridge/error_json.hpp"
#include "ticketbridge/host_limits.hpp"
#include "ticketbridge/http_text.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/options_text.hpp"
#include "ticketbridge/reply.hpp"
#include "ticketbridge/start_options_json.hpp"
#include "ticketbridge/version.hpp"

using namespace tb;
using namespace tbtest;

namespace {

Error start_error(const json& options) {
  auto r = start_options_from_json(options);
  BOOST_REQUIRE(!r);
  return r.error();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(replies)

BOOST_AUTO_TEST_CASE(a_success_carries_its_value_and_a_failure_its_error) {
  BOOST_TEST(parsed(reply_value(json{{"a", 1}})) == json::parse(R"({"ok":true,"value":{"a":1}})"));
  BOOST_TEST(parsed(reply_done()) == json::parse(R"({"ok":true,"value":null})"));
  BOOST_TEST(reply_json_text("[1,2]") == R"({"ok":true,"value":[1,2]})");
  Error e = make_error("CONFIG_MISSING_FIELD", "'method' is required", "/apiCalls/x/method");
  BOOST_TEST(parsed(reply_error(e)) ==
             json::parse(R"({"ok":false,"error":{"code":"CONFIG_MISSING_FIELD","message":"'method' is required","path":"/apiCalls/x/method"}})"));
}

BOOST_AUTO_TEST_CASE(an_error_names_only_the_locations_it_has) {
  Error e = make_error("CSV_FIELD_COUNT", "3 fields, 2 expected");
  e.line = 4;
  e.column = 7;
  BOOST_TEST(error_to_json(e) == json::parse(R"({"code":"CSV_FIELD_COUNT","message":"3 fields, 2 expected","line":4,"column":7})"));
  Error p = make_error("S0201", "syntax error");
  p.position = 0;
  p.token = "}";
  BOOST_TEST(error_to_json(p) == json::parse(R"({"code":"S0201","message":"syntax error","position":0,"token":"}"})"));
}

// JSONata's offending value may hold a lone surrogate escape: it must reach JavaScript as
// the engine wrote it, so it is spliced in as text, with a literal token as JSON.
BOOST_AUTO_TEST_CASE(a_jsonata_value_and_a_literal_token_are_spliced_as_written) {
  jsonata::Error e = jsonata::make_error("T2001", "not a number");
  e.position = 3;
  e.value_json = R"("\ud800")";
  e.token = "null";
  e.token_is_literal = true;
  const std::string text = error_json_text(e);
  BOOST_TEST(text.find(R"("value":"\ud800")") != std::string::npos);
  BOOST_TEST(text.find(R"("token":null)") != std::string::npos);
  const std::string reply = reply_error(e);
  BOOST_TEST(reply.rfind(R"({"ok":false,"error":{"code":"T2001")", 0) == 0);
  BOOST_TEST(reply.substr(reply.size() - 2) == "}}");
}

// The error writer writes text member by member (the JSONata-only WASM module links no
// nlohmann/json); its oracle is what the replies were before: the DOM form, dumped.
namespace {

std::string dom_error_text(const Error& e) { return dump_json(error_to_json(e)); }

std::string dom_error_text(const jsonata::Error& engine) {
  Error e(engine);
  if (engine.token_is_literal) e.token.clear();
  std::string text = dump_json(error_to_json(e));
  text.pop_back();
  if (!engine.value_json.empty()) text += ",\"value\":" + engine.value_json;
  if (!engine.token.empty() && engine.token_is_literal) text += ",\"token\":" + engine.token;
  return text + '}';
}

std::string written_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// Text a host or an expression can put in an error: every control character, the separators
// JavaScript once refused in string literals, and each kind of ill-formed UTF-8 (stray and
// truncated continuations, overlongs, encoded surrogates, past U+10FFFF, a cut at the end).
std::vector<std::string> hostile_texts() {
  std::vector<std::string> out = {
      "", "plain", "quote \" backslash \\ slash /", "\xE2\x80\xA8 and \xE2\x80\xA9", "\x7F", "\xC2\x80\xC2\x9F",
      "\xEF\xBB\xBF bom", "\xF0\x9F\x98\x80 emoji", "\xFF", "\x80", "a\xC3", "\xE2\x82", "\xE2\x82" "A",
      "\xED\xA0\x80", "\xED\xBF\xBF\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF",
      "\xF0\x80\x80\xAF", "\xF0\x9F\x98", "\xF0\x9F\x98" "A", "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80",
      "ok \xFE\xFF then \xC3\xA9", std::string("nul \0 inside", 12)};
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  out.push_back(controls);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_error_writer_writes_what_the_dom_dump_wrote) {
  for (const std::string& text : hostile_texts()) {
    Error e = make_error(text.empty() ? "CODE" : text, text, text);
    e.token = text;
    BOOST_TEST(error_json_text(e) == dom_error_text(e), "text: " << dump_json(json(text)));
    e.position = 0;
    e.line = 1;
    e.column = 2;
    BOOST_TEST(error_json_text(e) == dom_error_text(e));
    BOOST_TEST(written_quoted(text) == dump_json(json(text)));
  }
  Error huge = make_error("E", "m");
  huge.position = INT64_MAX;
  huge.line = INT32_MAX;
  huge.column = INT32_MAX;
  BOOST_TEST(error_json_text(huge) == dom_error_text(huge));
  BOOST_TEST(error_json_text(huge).find("9223372036854775807") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_engine_error_is_written_as_before_with_its_spliced_members) {
  for (const std::string& text : hostile_texts()) {
    jsonata::Error e = jsonata::make_error("T0410", text);
    e.position = 12;
    e.token = text;
    BOOST_TEST(error_json_text(e) == dom_error_text(e));
    e.value_json = R"({"a":"\ud800","b":1e+300})";
    e.token = "1e+300";
    e.token_is_literal = true;
    BOOST_TEST(error_json_text(e) == dom_error_text(e));
    BOOST_TEST(reply_error(e) == "{\"ok\":false,\"error\":" + dom_error_text(e) + "}");
  }
}

// Every one- and two-byte string and every three-byte string after the lead bytes with a
// narrowed second byte, plus a fixed pseudo-random sample of longer ones: the replacement of
// ill-formed UTF-8 must split sequences exactly where the DOM's serializer split them.
BOOST_AUTO_TEST_CASE(strings_are_quoted_as_the_dom_dump_quoted_them_byte_for_byte) {
  std::size_t mismatches = 0;
  const auto check = [&](const std::string& s) {
    if (written_quoted(s) != dump_json(json(s)) && ++mismatches <= 5) {
      BOOST_ERROR("differs for " << dump_json(json(s)) << ": " << written_quoted(s));
    }
  };
  for (int a = 0; a < 256; ++a) {
    check(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) check({static_cast<char>(a), static_cast<char>(b)});
  }
  for (int lead : {0xE0, 0xED, 0xF0, 0xF4}) {
    for (int b = 0; b < 256; ++b) {
      for (int c = 0; c < 256; ++c) check({static_cast<char>(lead), static_cast<char>(b), static_cast<char>(c)});
    }
  }
  const unsigned char alphabet[] = {'a', '"', '\\', 0x01, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                                    0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
  std::uint32_t seed = 17;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int length = 1 + n % 9;
    for (int k = 0; k < length; ++k) {
      seed = seed * 1664525u + 1013904223u;
      s += static_cast<char>(alphabet[(seed >> 16) % sizeof alphabet]);
    }
    check(s);
  }
  BOOST_TEST(mismatches == 0u);
}

BOOST_AUTO_TEST_CASE(a_configuration_reply_lists_every_problem) {
  ConfigProblems problems;
  auto r = load_config(R"({"credentials": {}, "apiCalls": {"a": {"method": 1}, "b": {}}})", &problems);
  BOOST_REQUIRE(!r);
  BOOST_REQUIRE(problems.errors.size() >= 2);
  json v = parsed(reply_errors(r.error(), problems.errors));
  BOOST_TEST(v["ok"] == false);
  BOOST_TEST(v["error"]["code"] == r.error().code);
  BOOST_TEST(v["error"]["errors"].size() == problems.errors.size());
  BOOST_TEST(v["error"]["errors"][1]["code"] == problems.errors[1].code);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(version_and_limits)

// One version, written once (wasm/package.json): CMake reads it for project() and generates
// the header kVersion comes from, so the core, the CMake package and the npm package agree.
BOOST_AUTO_TEST_CASE(the_version_is_the_project_and_package_version) {
  const std::string cmake = read_file(source_path("CMakeLists.txt"));
  BOOST_TEST(cmake.find("project(ticketbridge VERSION ${TB_VERSION}") != std::string::npos);
  BOOST_TEST(read_json(source_path("wasm/package.json"))["version"] == std::string(kVersion));
}

BOOST_AUTO_TEST_CASE(hosts_read_the_limits_the_core_enforces) {
  const json l = host_limits_json();
  BOOST_TEST(l["version"] == std::string(kVersion));
  BOOST_TEST(l["maxResponseBytes"] == kMaxResponseBytes);
  BOOST_TEST(l["maxConversationBytes"] == kMaxConversationBytes);
  BOOST_TEST(l["testCallTimeoutMs"] == kTestCallTimeoutMs);
  // The text the WASM module answers at load says exactly the same.
  BOOST_TEST(json::parse(host_limits_json_text()) == l);
  // A body at the limit, every byte escaped (a quote), still fits the response document.
  std::string body(kMaxResponseBytes, '"');
  const std::string doc = dump_json(json{{"status", 200}, {"body", body}});
  BOOST_TEST(response_from_text(doc).ok());
  auto big = response_from_text(std::string(kMaxResponseDocumentBytes + 1, ' '));
  BOOST_REQUIRE(!big);
  BOOST_TEST(big.error().code == "RESPONSE_TOO_LARGE");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(response_text)

BOOST_AUTO_TEST_CASE(a_response_arrives_as_json_text) {
  auto r = response_from_text(R"({"requestId":"r1","status":201,"headers":{"Content-Type":"application/json"},"body":"{}"})");
  BOOST_REQUIRE(r);
  BOOST_TEST(r.value().status == 201);
  BOOST_TEST(*r.value().header("content-type") == "application/json");
  auto bad = response_from_text("{\"status\":");
  BOOST_REQUIRE(!bad);
  BOOST_TEST(bad.error().code == "RESPONSE_INVALID_JSON");
  auto wrong = response_from_text(R"({"status":"200"})");
  BOOST_REQUIRE(!wrong);
  BOOST_TEST(wrong.error().code == "RESPONSE_INVALID");
  BOOST_TEST(wrong.error().path == "/status");
}

BOOST_AUTO_TEST_CASE(transport_failures_get_the_escalations_codes) {
  BOOST_TEST(transport_failure("connect").code == "ITSM_UNREACHABLE");
  BOOST_TEST(transport_failure("timeout").code == "ITSM_TIMEOUT");
  BOOST_TEST(transport_failure("blocked").code == "ITSM_BLOCKED");
  BOOST_TEST(transport_failure("reset").code == "ITSM_CONNECTION_LOST");
  BOOST_TEST(transport_failure("network").code == "ITSM_CONNECTION_LOST");
  BOOST_TEST(transport_failure("reset").message.find("reset") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(config_summary)

BOOST_AUTO_TEST_CASE(the_summary_names_calls_and_credentials_but_no_secret) {
  auto config = load(read_json(source_path("examples/servicenow/config.json")));
  BOOST_REQUIRE(config);
  const json s = config_summary_json(*config);
  BOOST_TEST(s["credentials"]["servicenow"]["baseUrl"] == "http://127.0.0.1:8787/");
  const json& create = s["apiCalls"]["createIncident"];
  BOOST_TEST(create["method"] == "POST");
  BOOST_TEST(create["credential"] == "servicenow");
  BOOST_TEST(create["parameters"][0] ==
             json::parse(R"({"name":"caller_id","required":true,"description":"Caller: the employee the ticket is for"})"));
  BOOST_TEST(create["outputs"].size() >= 2);
  BOOST_TEST(s["escalation"]["apiCall"] == "createIncident");
  BOOST_TEST(s["escalation"]["lookupApiCall"] == "findIncidentByKey");
  const std::string text = dump_json(s);
  for (const std::string& secret : config->secrets) BOOST_TEST(text.find(secret) == std::string::npos, secret);
}

BOOST_AUTO_TEST_CASE(a_configuration_without_escalation_has_no_escalation_entry) {
  json doc = read_json(source_path("examples/servicenow/config.json"));
  doc.erase("escalation");
  auto config = load(doc);
  BOOST_REQUIRE(config);
  BOOST_TEST(!config_summary_json(*config).contains("escalation"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(start_options)

BOOST_AUTO_TEST_CASE(every_option_is_read) {
  auto r = start_options_from_text(
      R"({"seed": 9007199254740992, "category": "network", "subCategory": "vpn", "setAside": "SNAPSHOT_INVALID", "storeUnavailable": true})");
  BOOST_REQUIRE(r);
  BOOST_TEST(r.value().seed == 9007199254740992ULL);
  BOOST_TEST(r.value().category == "network");
  BOOST_TEST(r.value().sub_category == "vpn");
  BOOST_TEST(r.value().set_aside == "SNAPSHOT_INVALID");
  BOOST_TEST(r.value().store_unavailable);
  BOOST_TEST(r.value().categories == nullptr);
}

BOOST_AUTO_TEST_CASE(absent_and_null_options_keep_the_defaults) {
  for (const char* text : {"", "{}", "null", R"({"seed": null, "category": null})"}) {
    auto r = start_options_from_text(text);
    BOOST_REQUIRE_MESSAGE(r, text);
    BOOST_TEST(r.value().seed == 0u);
    BOOST_TEST(r.value().category.empty());
    BOOST_TEST(!r.value().store_unavailable);
  }
}

// A misspelt member used to be dropped without a word; now it is one coded error naming it.
BOOST_AUTO_TEST_CASE(an_unknown_member_or_a_wrong_type_is_one_coded_error_with_a_path) {
  Error unknown = start_error(json{{"seed", 1}, {"subcategory", "vpn"}});
  BOOST_TEST(unknown.code == "OPTIONS_INVALID");
  BOOST_TEST(unknown.path == "/subcategory");
  BOOST_TEST(unknown.message.find("subCategory") != std::string::npos);  // lists the known ones
  BOOST_TEST(start_error(json{{"category", 3}}).path == "/category");
  BOOST_TEST(start_error(json{{"storeUnavailable", "yes"}}).path == "/storeUnavailable");
  BOOST_TEST(start_error(json{{"seed", "3"}}).path == "/seed");
  BOOST_TEST(start_error(json{{"seed", -1}}).code == "OPTIONS_INVALID");
  BOOST_TEST(start_error(json{{"seed", 1.5}}).code == "OPTIONS_INVALID");
  BOOST_TEST(start_error(json{{"seed", 1e300}}).code == "OPTIONS_INVALID");
  BOOST_TEST(start_error(json::array()).code == "OPTIONS_INVALID");
}

BOOST_AUTO_TEST_CASE(options_text_that_is_not_json_is_located) {
  auto r = start_options_from_text(R"({"seed": })");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().code == "OPTIONS_INVALID_JSON");
  BOOST_TEST(r.error().position >= 0);
  auto big = options_from_text(std::string(kMaxOptionsBytes + 1, ' '));
  BOOST_REQUIRE(!big);
  BOOST_TEST(big.error().code == "OPTIONS_TOO_LARGE");
}

BOOST_AUTO_TEST_SUITE_END()
