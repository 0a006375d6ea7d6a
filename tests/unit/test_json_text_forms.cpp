// The text writers and the quick reader on the render path agree with the DOM forms they
// replaced: a host must not see a different request, parameter or error because the core
// stopped building a JSON DOM to write it.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"
#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/escalation.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/secret_masking.hpp"

using namespace tb;
using namespace tbtest;

namespace {

HttpRequest call_request(std::string body) {
  HttpRequest r;
  r.id = "req-1";
  r.purpose = RequestPurpose::Create;
  r.method = "POST";
  r.url = "https://example.service-now.com/api/now/table/incident?sysparm_token=s3cr3t-t0ken-value";
  r.headers = {{"Accept", "application/json"},
               {"Content-Type", "application/json"},
               {"Authorization", "Basic dXNlcjpzM2NyM3QtdDBrZW4tdmFsdWU="},
               {"X-Caller", "Åsa Ödegård"}};
  r.body = std::move(body);
  r.timeout_ms = 7000;
  return r;
}

// The request's JSON shape, built member by member as a DOM: the oracle the writer is held to.
json expected_request(const HttpRequest& r, const SecretMasker& redact) {
  json headers = json::object();
  for (const auto& h : r.headers) headers[h.name] = redact(h.value);
  json out = {{"id", r.id},   {"purpose", to_string(r.purpose)}, {"method", r.method},
              {"url", redact(r.url)}, {"headers", headers}, {"timeoutMs", r.timeout_ms}};
  out["body"] = r.body.empty() ? json(nullptr) : json(redact(r.body));
  return parsed(dump_json(out));  // bytes that are not UTF-8 replaced, as any writer must
}

SecretMasker masker() {
  SecretMasker m({"s3cr3t-t0ken-value"});
  m.add("dXNlcjpzM2NyM3QtdDBrZW4tdmFsdWU=");
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(request_text)

BOOST_AUTO_TEST_CASE(a_request_as_text_is_the_request_as_json) {
  const std::vector<std::string> bodies = {
      "",
      R"({"short_description":"VPN \"fails\"","description":"line 1\nline 2\ttab","token":"s3cr3t-t0ken-value"})",
      "grant_type=client_credentials&client_secret=s3cr3t-t0ken-value",
      std::string("{\"raw\":\"a\x01" "b\x7f" "c\"}"),
      "{\"sep\":\"\xE2\x80\xA8 and \xE2\x80\xA9\"}",
      std::string("not utf-8: \xC3\x28 \xFF"),
  };
  for (const SecretMasker& m : {masker(), SecretMasker()}) {
    for (const std::string& body : bodies) {
      const HttpRequest r = call_request(body);
      BOOST_TEST(parsed(request_json_text(r, m)) == expected_request(r, m), body);
      BOOST_TEST(request_to_json(r, m) == expected_request(r, m), body);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_repeated_header_name_keeps_its_last_value_as_the_json_form_does) {
  HttpRequest r = call_request("");
  r.headers.push_back({"Accept", "text/plain"});
  r.headers.push_back({"A-First", "1"});
  const json j = parsed(request_json_text(r, SecretMasker()));
  BOOST_TEST(j == expected_request(r, SecretMasker()));
  BOOST_TEST(j["headers"]["Accept"] == "text/plain");
}

BOOST_AUTO_TEST_CASE(the_pair_as_text_is_the_pair_as_json_with_the_body_exactly_as_written) {
  const std::string body =
      R"({"z_last":1,"a_first":{"n":12345678901234567890123,"s":"s3cr3t-t0ken-value"},"list":[1.5,"x"]})";
  const HttpRequest r = call_request(body);
  const SecretMasker m = masker();
  const std::string text = request_pair_text(r, m);
  json pair = parsed(text);
  json old = request_pair_json(r, m);
  // "bodyJson" is spliced from the shown body: key order and the long integer as written.
  BOOST_TEST(text.find(R"("bodyJson":{"z_last":1,"a_first":{"n":12345678901234567890123,"s":"***"})") !=
             std::string::npos);
  BOOST_TEST(pair["request"]["bodyJson"] == old["request"]["bodyJson"]);
  BOOST_TEST(pair == old);
  json shown = expected_request(r, m);
  shown["bodyJson"] = parsed(shown["body"].get<std::string>());
  BOOST_TEST(pair["request"] == shown);
  BOOST_TEST(pair["wire"] == expected_request(r, SecretMasker()));
  BOOST_TEST(text.find("s3cr3t-t0ken-value") > text.find(",\"wire\":"));  // in the wire form only
  BOOST_TEST(pair["wire"]["body"] == body);
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_json_has_no_body_json) {
  for (const std::string& body : {std::string("grant_type=client_credentials&scope=x"), std::string("{\"cut\":")}) {
    const json pair = parsed(request_pair_text(call_request(body), masker()));
    BOOST_TEST(!pair["request"].contains("bodyJson"));
    BOOST_TEST(pair == request_pair_json(call_request(body), masker()));
  }
  const json none = parsed(request_pair_text(call_request(""), masker()));
  BOOST_TEST(none["request"]["body"].is_null());
  BOOST_TEST(!none["request"].contains("bodyJson"));
}

// build_call_request reads a JSON payload once and says so (body_is_json); the display form
// then splices it without reading it again, unless masking changed it: a secret whose raw
// form spans the payload's structure leaves text that is no longer JSON, and no "bodyJson".
BOOST_AUTO_TEST_CASE(a_body_read_as_json_once_is_spliced_unless_masking_changed_it) {
  const std::string body = R"({"a":"x","b":"tail12345"})";
  HttpRequest checked = call_request(body);
  checked.body_is_json = true;
  const HttpRequest unchecked = call_request(body);
  for (const SecretMasker& m : {masker(), SecretMasker()}) {
    BOOST_TEST(request_pair_text(checked, m) == request_pair_text(unchecked, m));
    BOOST_TEST(parsed(request_pair_text(checked, m))["request"]["bodyJson"] == parsed(body));
  }
  const SecretMasker spanning({R"("x","b":"tail12345"})"});
  const std::string text = request_pair_text(checked, spanning);
  BOOST_TEST(text == request_pair_text(unchecked, spanning));
  const json pair = parsed(text);
  BOOST_TEST(pair["request"]["body"] == R"({"a":***)");
  BOOST_TEST(!pair["request"].contains("bodyJson"));
  BOOST_TEST(pair["wire"]["body"] == body);

  auto cfg = load(example_config_json());
  BOOST_REQUIRE(cfg);
  for (const auto& [name, call] : cfg->api_calls) {
    json params = json::object();
    for (const Parameter& p : call.parameters) params[p.name] = "value-of-" + p.name;
    auto req = build_call_request(*cfg, name, params);
    BOOST_REQUIRE_MESSAGE(req, name);
    BOOST_TEST(req->body_is_json == call.payload.has_value(), name);
    HttpRequest again = req.value();
    again.body_is_json = false;
    BOOST_TEST(request_pair_text(req.value(), SecretMasker(cfg->secrets)) == request_pair_text(again, SecretMasker(cfg->secrets)), name);
  }
}

BOOST_AUTO_TEST_CASE(an_escalation_action_as_text_is_the_action_as_json) {
  const SecretMasker m = masker();
  const std::vector<Action> actions = {
      action::SendRequest{call_request(R"({"description":"s3cr3t-t0ken-value \"quoted\""})")},
      action::Wait{1234.5},
      action::Escalated{"abc", "INC0010001", true, "Ticket INC0010001"},
      action::Failed{"ITSM_REJECTED", "bad s3cr3t-t0ken-value", "https://portal", "summary", "sorry"},
  };
  for (const Action& a : actions) {
    for (bool wire : {true, false}) {
      BOOST_TEST(parsed(action_json_text(a, m, wire)) == action_to_json(a, m, wire), action_type_name(a));
    }
  }
  const std::string text = action_json_text(actions[0], m, false);
  BOOST_TEST(text.find("s3cr3t-t0ken-value") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(quick_reader)

BOOST_AUTO_TEST_CASE(a_document_reads_as_parse_json_reads_it) {
  const std::vector<std::string> docs = {
      "{}", "[]", "null", " true ", "\"text\"", "-12", "0.25",
      R"({"caller_id":"6816f79c","description":"a\nb \"q\" \\ \u00e9 \ud83d\ude00","n":[1,2,{"deep":[null,false]}]})",
      R"({"dup":1,"dup":2})",
      R"({"2":"b","10":"c","a":"d","1":"a"})",
  };
  for (const std::string& d : docs) {
    auto quick = parse_json_as_js(d, "PARAMS", 1u << 20);
    auto full = parse_json(d, "PARAMS", 1u << 20);
    BOOST_REQUIRE_MESSAGE(quick && full, d);
    BOOST_TEST(quick.value() == full.value(), d);
    BOOST_TEST(dump_json(quick.value()) == dump_json(full.value()), d);
  }
}

BOOST_AUTO_TEST_CASE(numbers_are_read_as_javascript_reads_them) {
  auto v = parse_json_as_js(R"([1.0, 1e3, -0, 0.5, 9007199254740993, -7])", "PARAMS", 1024);
  BOOST_REQUIRE(v);
  const json& a = v.value();
  BOOST_TEST(a[0].is_number_integer());
  BOOST_TEST(a[0].get<std::int64_t>() == 1);
  BOOST_TEST(a[1].get<std::int64_t>() == 1000);
  BOOST_TEST(a[2].is_number_integer());
  BOOST_TEST(a[3].is_number_float());
  BOOST_TEST(a[4].is_number_float());  // past 2^53: a double, as in JavaScript
  BOOST_TEST(a[5].get<std::int64_t>() == -7);
}

BOOST_AUTO_TEST_CASE(bad_documents_get_parse_jsons_errors) {
  const std::vector<std::string> docs = {
      "", "{", "{\"a\":}", "[1,]", "01", "\"\\x\"", "{\"a\":1} x",
      std::string("{\"a\":\"b\0\"}", 9),                // a raw NUL
      "\"\xC3\x28\"",                                  // not UTF-8
      R"({"lone":"\ud800"})",                          // a lone surrogate: JavaScript has it, UTF-8 has not
      "[1, 1e400]",                                    // past a double's range
      std::string(300, '[') + std::string(300, ']'),   // too deep
  };
  for (const std::string& d : docs) {
    auto quick = parse_json_as_js(d, "PARAMS", 1u << 20);
    auto full = parse_json(d, "PARAMS", 1u << 20);
    BOOST_REQUIRE_MESSAGE(!quick && !full, d);
    BOOST_TEST(quick.error().code == full.error().code, d);
    BOOST_TEST(quick.error().message == full.error().message, d);
    BOOST_TEST(quick.error().position == full.error().position, d);
  }
  auto large = parse_json_as_js("[1,2,3]", "PARAMS", 4);
  BOOST_REQUIRE(!large);
  BOOST_TEST(large.error().code == "PARAMS_TOO_LARGE");
}

BOOST_AUTO_TEST_SUITE_END()
