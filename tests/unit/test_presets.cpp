// The ITSM presets (wasm/js/presets/*.json) natively, with no live system: each loads as a
// configuration, and the recorded responses of tests/fixtures/presets/cases.json (shared with
// node-tests/presets.test.mjs) give the same ticketId/ticketNumber and failure codes, with the
// ITSM's own words in the reason and Retry-After honoured. The rendered payload for the
// adversarial conversation is JSON holding the transcript (HTML-escaped where the field is HTML).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>

#include "test_support.hpp"
#include "ticketbridge/template.hpp"

using namespace tb;
using namespace tbtest;

namespace {

const char* kNames[] = {"freshservice", "jira", "jira-service-management", "rt", "servicenow", "topdesk", "zendesk"};

json preset(const std::string& name) { return read_json(source_path("wasm/js/presets/" + name + ".json")); }
json fixtures() { return read_json(fixture_path("presets/cases.json")); }

std::string transcript_of(const json& conv) {
  std::string out;
  for (const json& m : conv["messages"]) {
    if (!out.empty()) out += '\n';
    out += m["role"] == "employee" ? conv["employee"]["name"].get<std::string>() : std::string("Assistant");
    out += " (" + m["at"].get<std::string>() + "): " + m["text"].get<std::string>();
  }
  return out;
}

struct Run {
  Action outcome;
  std::vector<HttpRequest> requests;
  double longest_wait_ms = 0;
};

// Answers each request with the next scripted reply for its purpose, on a virtual clock.
Run run_case(const std::string& name, const json& c) {
  json doc = preset(name)["config"];
  doc["escalation"]["requireConfirmation"] = false;
  doc["escalation"]["lookupBeforeCreate"] = c.value("lookupFirst", false) ? "always" : "never";
  doc["escalation"]["retry"] = {{"maxAttempts", c.value("maxAttempts", 2)}, {"baseDelayMs", 100}, {"maxDelayMs", 1000},
                                {"deadlineMs", 60000}};
  auto config = load(doc);
  BOOST_REQUIRE(config);
  std::map<std::string, std::deque<json>> replies;
  for (const json& r : c["script"]) replies[r["call"].get<std::string>()].push_back(r);
  Escalation e(config);
  Run run;
  double now = 1'700'000'000'000.0;
  StartOptions options;
  options.seed = 7;
  auto r = e.start(conversation(fixtures()["conversation"]), "needs a technician", now, options);
  for (int guard = 0; guard < 50; ++guard) {
    BOOST_REQUIRE_MESSAGE(r, (r ? std::string() : r.error().code));
    const Action a = r.value();
    if (is_request(a)) {
      const HttpRequest& req = request(a);
      run.requests.push_back(req);
      const std::string purpose = to_string(req.purpose);
      auto& q = replies[purpose];
      BOOST_REQUIRE_MESSAGE(!q.empty(), "no recorded " << purpose << " reply left");
      const json rep = q.front();
      q.pop_front();
      HttpResponse resp;
      resp.request_id = req.id;
      resp.status = rep["status"].get<int>();
      resp.body = rep["body"].get<std::string>();
      for (auto h = rep["headers"].begin(); h != rep["headers"].end(); ++h) resp.headers.push_back({h.key(), h.value()});
      now += 50;
      r = e.receive(resp, now);
    } else if (is_wait(a)) {
      run.longest_wait_ms = std::max(run.longest_wait_ms, wait(a).until_ms - now);
      now = std::max(now, wait(a).until_ms);
      r = e.tick(now);
    } else {
      run.outcome = a;
      return run;
    }
  }
  BOOST_FAIL("the escalation did not end");
  return run;
}

// HTML back to text; only the markup the presets themselves wrap around values may appear.
std::string html_to_text(std::string s) {
  for (std::size_t i = s.find('<'); i != std::string::npos; i = s.find('<', i + 1)) {
    const std::string tag = s.substr(i, s.find('>', i) - i + 1);
    BOOST_CHECK_MESSAGE(tag == "<p>" || tag == "</p>" || tag == "<div>" || tag == "</div>" || tag == "<br>",
                        "markup got through: " << tag);
  }
  const std::pair<const char*, const char*> subs[] = {{"<br>\n", "\n"}, {"<p>", ""},    {"</p>", ""},     {"<div>", ""},
                                                      {"</div>", ""},   {"&lt;", "<"},  {"&gt;", ">"},    {"&quot;", "\""},
                                                      {"&#39;", "'"},   {"&amp;", "&"}};
  for (const auto& [from, to] : subs) {
    std::string out;
    const std::string f(from);
    std::size_t pos = 0;
    for (std::size_t hit; (hit = s.find(f, pos)) != std::string::npos; pos = hit + f.size()) out += s.substr(pos, hit - pos) + to;
    s = out + s.substr(pos);
  }
  return s;
}

const json* at_path(const json& doc, const std::string& dotted) {
  const json* node = &doc;
  std::size_t start = 0;
  while (node && start <= dotted.size()) {
    const std::size_t dot = std::min(dotted.find('.', start), dotted.size());
    const std::string key = dotted.substr(start, dot - start);
    node = node->is_object() && node->contains(key) ? &(*node)[key] : nullptr;
    start = dot + 1;
  }
  return node;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_preset_loads_as_is) {
  for (const char* name : kNames) {
    BOOST_TEST_CONTEXT(name) {
      const json p = preset(name);
      BOOST_CHECK_EQUAL(p["name"], name);
      auto r = load_config_document(p["config"]);
      BOOST_REQUIRE_MESSAGE(r, (r ? std::string() : r.error().code + " " + r.error().path + ": " + r.error().message));
      BOOST_CHECK(r.value()->escalation->lookup.has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(adversarial_payloads_are_json_holding_the_transcript) {
  const json fx = fixtures();
  const std::string transcript = transcript_of(fx["conversation"]);
  for (auto it = fx["presets"].begin(); it != fx["presets"].end(); ++it) {
    BOOST_TEST_CONTEXT(it.key()) {
      const json& created = *std::find_if(it.value()["responses"].begin(), it.value()["responses"].end(),
                                          [](const json& c) { return c["name"] == "created"; });
      const Run run = run_case(it.key(), created);
      const HttpRequest& create = run.requests.front();
      auto body = parse_json(create.body, "BODY", 1u << 24);
      BOOST_REQUIRE_MESSAGE(body, "not JSON: " << create.body.substr(0, 200));
      for (const json& field : it.value()["transcriptFields"]) {
        const json* v = at_path(body.value(), field["path"].get<std::string>());
        BOOST_REQUIRE(v && v->is_string());
        const std::string text = field["html"].get<bool>() ? html_to_text(v->get<std::string>()) : v->get<std::string>();
        BOOST_CHECK_MESSAGE(text.find(transcript) != std::string::npos, field["path"] << " lost the transcript");
      }
      if (it.value().contains("idempotencyHeader")) {
        const std::string* key = nullptr;
        for (const auto& h : create.headers)
          if (h.name == it.value()["idempotencyHeader"]) key = &h.value;
        BOOST_REQUIRE(key);
        BOOST_CHECK_EQUAL(*key, escalation_key(fx["conversation"]["id"].get<std::string>()));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(recorded_responses_give_the_same_tickets_and_failures) {
  const json fx = fixtures();
  std::size_t cases = 0;
  for (auto it = fx["presets"].begin(); it != fx["presets"].end(); ++it) {
    for (const json& c : it.value()["responses"]) {
      BOOST_TEST_CONTEXT(it.key() << ": " << c["name"].get<std::string>()) {
        ++cases;
        const Run run = run_case(it.key(), c);
        const json& e = c["expect"];
        const Action& out = run.outcome;
        if (e["status"] == "escalated") {
          BOOST_REQUIRE_MESSAGE(is_escalated(out), action_type_name(out) << ": " << (is_failed(out) ? failed(out).reason : ""));
          BOOST_CHECK_EQUAL(escalated(out).ticket_id, e["ticketId"].get<std::string>());
          BOOST_CHECK_EQUAL(escalated(out).ticket_number, e["ticketNumber"].get<std::string>());
          if (e.contains("existing")) BOOST_CHECK_EQUAL(escalated(out).existing, e["existing"].get<bool>());
        } else {
          BOOST_REQUIRE_MESSAGE(is_failed(out), action_type_name(out));
          BOOST_CHECK_EQUAL(failed(out).code, e["code"].get<std::string>());
          BOOST_CHECK_MESSAGE(failed(out).reason.find(e["reasonIncludes"].get<std::string>()) != std::string::npos, failed(out).reason);
          BOOST_CHECK_EQUAL(failed(out).fallback_url.rfind("https://", 0), 0u);
        }
        if (e.contains("waitAtLeastMs")) BOOST_CHECK_GE(run.longest_wait_ms, e["waitAtLeastMs"].get<double>());
      }
    }
  }
  BOOST_CHECK_GE(cases, 40u);
}
