// The admin's "Test" of an API call, driven the way a host drives it: start, send what it
// asks for, feed the answer back, read the report. The report must show what happened
// without letting any secret or token out.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "test_support.hpp"
#include "ticketbridge/host_limits.hpp"
#include "ticketbridge/test_call.hpp"

using namespace tb;
using namespace tbtest;

namespace {

// A credential whose client secret and token ("12345678", which also spells a number) must
// never show in a report.
json oauth_config() {
  return json::parse(R"({
    "credentials": {"itsm": {"baseUrl": "https://itsm.example.com/",
      "auth": {"type": "oauth2ClientCredentials", "tokenUrl": "oauth_token.do", "clientId": "tb-client", "clientSecret": "tb-client-secret"}}},
    "apiCalls": {"create": {"credential": "itsm", "method": "POST", "resource": "api/incident",
      "outputs": {"ticketNumber": "result.number", "count": "result.count"}}}})");
}

std::shared_ptr<const Config> example() {
  auto c = load(read_json(source_path("examples/servicenow/config.json")));
  BOOST_REQUIRE(c);
  return c;
}

const json kParams = {{"caller_id", "u1"}, {"short_description", "Printer jam"}, {"correlation_id", "tb-test"}};

HttpResponse answer(const HttpRequest& to, int status, std::string body, std::string transport_error = "") {
  HttpResponse r;
  r.request_id = to.id;
  r.status = status;
  r.body = std::move(body);
  r.transport_error = transport_error.empty() ? TransportError::None : transport_error_from_string(transport_error);
  r.headers.push_back({"content-type", "application/json"});
  return r;
}

TestCall flow(std::shared_ptr<const Config> config, const std::string& call, const json& params) {
  auto t = TestCall::create(std::move(config), call, params.dump());
  BOOST_REQUIRE(t);
  return std::move(t).value();
}

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& h : r.headers)
    if (h.name == name) return h.value;
  return "";
}

json output(const json& report, const std::string& name) {
  for (const auto& o : report["outputs"])
    if (o["name"] == name) return o;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(test_call)

BOOST_AUTO_TEST_CASE(a_basic_auth_call_is_sent_and_reported_with_its_outputs) {
  auto config = example();
  TestCall t = flow(config, "createIncident", kParams);
  auto sent = t.start(1000);
  BOOST_REQUIRE(sent);
  BOOST_TEST(!sent.value().done);
  const HttpRequest& req = sent.value().request;
  BOOST_TEST(std::string(to_string(req.purpose)) == "call");
  BOOST_TEST(req.timeout_ms == kTestCallTimeoutMs);
  BOOST_TEST(header(req, "Authorization").rfind("Basic ", 0) == 0);
  BOOST_TEST(header(req, "Authorization") != "Basic ***");  // the wire form carries the credential

  auto done = t.receive(answer(req, 201, created_body("INC0012345")), 1250);
  BOOST_REQUIRE(done);
  BOOST_REQUIRE(done.value().done);
  const json report = json::parse(done.value().report);
  BOOST_TEST(report["status"] == 201);
  BOOST_TEST(report["durationMs"] == 250);
  BOOST_TEST(report["request"]["headers"]["Authorization"] == "Basic ***");
  BOOST_TEST(report["request"]["bodyJson"]["short_description"] == "Printer jam");
  BOOST_TEST(report["response"]["body"]["result"]["number"] == "INC0012345");
  BOOST_TEST(output(report, "ticketNumber")["value"] == "INC0012345");
  BOOST_TEST(!report.contains("error"));
  BOOST_TEST(!report.contains("token"));
  const std::string text = done.value().report;
  for (const std::string& secret : config->secrets) BOOST_TEST(text.find(secret) == std::string::npos, secret);
  // The report's members come in the order the panel shows them.
  const std::string step = test_call_step_json(done.value());
  std::vector<std::size_t> at;
  for (const char* key : {"\"request\":", "\"durationMs\":", "\"status\":", "\"response\":", "\"outputs\":"})
    at.push_back(step.find(key, step.find("\"report\":")));
  BOOST_TEST(std::is_sorted(at.begin(), at.end()));
  BOOST_TEST(at.front() != std::string::npos);
  BOOST_TEST(json::parse(step)["report"] == report);
  BOOST_TEST(step == "{\"report\":" + done.value().report + "}");
}

// Masking the report's text would break it where a secret spells a piece of JSON; values are
// masked one by one instead, and a number that spells the token becomes the masked string.
BOOST_AUTO_TEST_CASE(an_oauth_call_fetches_a_token_first_and_masks_it_everywhere) {
  auto config = load(oauth_config());
  BOOST_REQUIRE(config);
  TestCall t = flow(config, "create", json::object());
  auto token_req = t.start(0);
  BOOST_REQUIRE(token_req);
  BOOST_TEST(std::string(to_string(token_req.value().request.purpose)) == "token");
  BOOST_TEST(token_req.value().request.body.find("tb-client-secret") != std::string::npos);
  auto call = t.receive(answer(token_req.value().request, 200, R"({"access_token":"12345678","expires_in":3600})"), 10);
  BOOST_REQUIRE(call);
  BOOST_REQUIRE(!call.value().done);
  BOOST_TEST(header(call.value().request, "Authorization") == "Bearer 12345678");
  auto done = t.receive(answer(call.value().request, 201, R"({"result":{"number":"INC0012345678","count":12345678,"ok":true}})"), 30);
  BOOST_REQUIRE(done);
  const json report = json::parse(done.value().report);
  BOOST_TEST(report["token"] == json::parse(R"({"status":200})"));
  BOOST_TEST(report["status"] == 201);
  BOOST_TEST(report["response"]["body"]["result"]["ok"] == true);
  BOOST_TEST(report["response"]["body"]["result"]["count"].is_string());  // the masked number
  BOOST_TEST(report["request"]["headers"]["Authorization"] == "Bearer ***");
  const std::string text = done.value().report;
  BOOST_TEST(text.find("12345678") == std::string::npos, text);
  BOOST_TEST(text.find("tb-client-secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_token_ends_the_test_before_the_call_is_sent) {
  auto config = load(oauth_config());
  BOOST_REQUIRE(config);
  TestCall t = flow(config, "create", json::object());
  auto token_req = t.start(0);
  BOOST_REQUIRE(token_req);
  auto done = t.receive(answer(token_req.value().request, 401, R"({"error":"invalid_client"})"), 5);
  BOOST_REQUIRE(done);
  BOOST_REQUIRE(done.value().done);
  const json report = json::parse(done.value().report);
  BOOST_TEST(report["error"]["code"] == "TOKEN_REQUEST_FAILED");
  BOOST_TEST(report["error"]["message"] == "the token endpoint answered HTTP 401");
  BOOST_TEST(report["token"]["status"] == 401);
  BOOST_TEST(!report.contains("request"));

  TestCall unreachable = flow(config, "create", json::object());
  auto again = unreachable.start(0);
  BOOST_REQUIRE(again);
  auto failed = unreachable.receive(answer(again.value().request, 0, "", "connect"), 5);
  BOOST_REQUIRE(failed);
  const json unreachable_report = json::parse(failed.value().report);
  BOOST_TEST(unreachable_report["token"]["error"] == "connect");
  BOOST_TEST(unreachable_report["error"]["message"] == "the token endpoint answered connect");
}

BOOST_AUTO_TEST_CASE(no_answer_is_reported_with_the_escalations_transport_codes) {
  for (auto [name, code] : {std::pair{"connect", "ITSM_UNREACHABLE"}, {"timeout", "ITSM_TIMEOUT"},
                            {"reset", "ITSM_CONNECTION_LOST"}, {"network", "ITSM_CONNECTION_LOST"},
                            {"blocked", "ITSM_BLOCKED"}}) {
    TestCall t = flow(example(), "createIncident", kParams);
    auto sent = t.start(0);
    BOOST_REQUIRE(sent);
    auto done = t.receive(answer(sent.value().request, 0, "", name), 10000);
    BOOST_REQUIRE(done);
    const json report = json::parse(done.value().report);
    BOOST_TEST(report["status"] == 0);
    BOOST_TEST(report["error"]["code"] == code);
    BOOST_TEST(!report.contains("response"));
    BOOST_TEST(!report.contains("outputs"));
  }
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_json_is_shown_as_text_with_the_outputs_error) {
  TestCall t = flow(example(), "createIncident", kParams);
  auto sent = t.start(0);
  BOOST_REQUIRE(sent);
  HttpResponse r = answer(sent.value().request, 200, "<html>Instance hibernating</html>");
  r.body_truncated = true;
  auto done = t.receive(r, 1);
  BOOST_REQUIRE(done);
  const json report = json::parse(done.value().report);
  BOOST_TEST(report["response"]["body"] == "<html>Instance hibernating</html>");
  BOOST_TEST(report["response"]["bodyTruncated"] == true);
  BOOST_TEST(report["outputs"] == json::array());
  BOOST_TEST(report["error"]["code"] == "RESPONSE_NOT_JSON");
}

BOOST_AUTO_TEST_CASE(an_output_that_fails_is_reported_beside_the_others) {
  json doc = read_json(source_path("examples/servicenow/config.json"));
  doc["apiCalls"]["createIncident"]["outputs"]["broken"] = "$number(result.number)";
  auto config = load(doc);
  BOOST_REQUIRE(config);
  TestCall t = flow(config, "createIncident", kParams);
  auto sent = t.start(0);
  BOOST_REQUIRE(sent);
  auto done = t.receive(answer(sent.value().request, 201, created_body("INC0012345")), 1);
  BOOST_REQUIRE(done);
  const json report = json::parse(done.value().report);
  BOOST_TEST(output(report, "ticketNumber")["value"] == "INC0012345");
  BOOST_TEST(output(report, "broken")["defined"] == false);
  BOOST_TEST(output(report, "broken")["error"]["code"].get<std::string>().rfind("D", 0) == 0);
  BOOST_TEST(!report.contains("error"));
}

BOOST_AUTO_TEST_CASE(what_cannot_be_sent_is_an_error_before_anything_is_sent) {
  auto unknown = TestCall::create(example(), "nope", "{}");
  BOOST_REQUIRE(!unknown);
  BOOST_TEST(unknown.error().code == "CONFIG_UNKNOWN_API_CALL");
  auto bad_params = TestCall::create(example(), "createIncident", "{");
  BOOST_REQUIRE(!bad_params);
  BOOST_TEST(bad_params.error().code == "PARAMS_INVALID_JSON");
  TestCall missing = flow(example(), "createIncident", json::object());
  auto r = missing.start(0);
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().code == "TEMPLATE_MISSING_VALUE");
}

BOOST_AUTO_TEST_CASE(the_host_cannot_drive_it_out_of_order) {
  TestCall t = flow(example(), "createIncident", kParams);
  auto early = t.receive(HttpResponse{}, 0);
  BOOST_REQUIRE(!early);
  BOOST_TEST(early.error().code == "PROTOCOL_NOT_STARTED");
  auto sent = t.start(0);
  BOOST_REQUIRE(sent);
  auto twice = t.start(0);
  BOOST_REQUIRE(!twice);
  BOOST_TEST(twice.error().code == "PROTOCOL_ALREADY_STARTED");
  HttpResponse other = answer(sent.value().request, 201, created_body());
  other.request_id = "someone-else";
  auto wrong = t.receive(other, 1);
  BOOST_REQUIRE(!wrong);
  BOOST_TEST(wrong.error().code == "PROTOCOL_UNKNOWN_REQUEST");
  auto done = t.receive(answer(sent.value().request, 201, created_body()), 2);
  BOOST_REQUIRE(done);
  auto late = t.receive(answer(sent.value().request, 201, created_body()), 3);
  BOOST_REQUIRE(!late);
  BOOST_TEST(late.error().code == "PROTOCOL_UNEXPECTED_EVENT");
}

BOOST_AUTO_TEST_CASE(the_step_json_is_the_wire_request_or_the_report) {
  TestCall t = flow(example(), "createIncident", kParams);
  auto sent = t.start(0);
  BOOST_REQUIRE(sent);
  const json waiting = json::parse(test_call_step_json(sent.value()));
  BOOST_TEST(waiting["request"]["id"] == "test-call");
  BOOST_TEST(waiting["request"]["timeoutMs"] == kTestCallTimeoutMs);
  BOOST_TEST(!waiting.contains("report"));
  auto done = t.receive(answer(sent.value().request, 201, created_body()), 1);
  BOOST_REQUIRE(done);
  const json finished = json::parse(test_call_step_json(done.value()));
  BOOST_TEST(finished["report"]["status"] == 201);
  BOOST_TEST(!finished.contains("request"));
}

BOOST_AUTO_TEST_SUITE_END()
