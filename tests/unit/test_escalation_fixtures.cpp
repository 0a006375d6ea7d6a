// The escalation scenarios shared with the Node suite (node-tests/escalation-fixtures.test.mjs):
// each tests/fixtures/escalation/*.json is a conversation, a configuration, a script of the
// ITSM's answers and what must come of them (format: tests/fixtures/escalation/README.md).
// Here a fake transport plays the script against the sans-I/O machine on a virtual clock.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

constexpr double kStartMs = 1'700'000'000'000.0, kLatencyMs = 50, kConfirmMs = 1000;

json document(const json& spec, const char* key) {
  json doc = spec.at(key).is_string() ? read_json(source_path(spec.at(key).get<std::string>())) : spec.at(key);
  if (const auto patch = spec.find(std::string(key) + "Patch"); patch != spec.end()) doc.merge_patch(*patch);
  return doc;
}

std::string step_body(const json& step) {
  if (const auto b = step.find("body"); b != step.end()) return b->get<std::string>();
  if (const auto b = step.find("bodyJson"); b != step.end()) return b->dump();
  return "";
}

struct Played {
  std::vector<json> actions;  // as the host sees them (action_to_json, secrets masked)
  json audit;
  int attempts = 0;
  std::string status;
  std::vector<double> waits_ms;  // each Wait's untilMs minus the time it was handed out
  std::vector<std::string> problems;
};

Played play(const json& spec) {
  Played out;
  auto cfg = load(document(spec, "config"));
  if (!cfg) {
    out.problems.push_back("the configuration does not load");
    return out;
  }
  const Conversation conv = conversation(document(spec, "conversation"));
  const json& script = spec.at("script");
  std::size_t next = 0;
  const double timeout_ms = cfg->escalation ? cfg->escalation->timeout_ms : kDefaultTimeoutMs;
  Escalation e(cfg);
  double now = kStartMs;
  StartOptions options;
  options.seed = spec.value("seed", 0);
  Result<Action> r = e.start(conv, spec.value("reason", std::string("needs a technician")), now, options);
  for (int guard = 0; guard < 500 && r; ++guard) {
    const Action a = r.value();
    out.actions.push_back(action_to_json(a, e.redactor(), false));
    if (is_asking(a)) {
      r = e.confirm(spec.value("confirm", true), now += kConfirmMs);
    } else if (is_wait(a)) {
      out.waits_ms.push_back(wait(a).until_ms - now);
      r = e.tick(now = std::max(now, wait(a).until_ms));
    } else if (is_request(a)) {
      const HttpRequest& req = request(a);
      if (next >= script.size()) {
        out.problems.push_back("the script has no answer for request " + req.id);
        break;
      }
      const json& step = script[next];
      if (!step.value("repeat", false)) ++next;
      if (step.at("for").get<std::string>() != to_string(req.purpose))
        out.problems.push_back("request " + req.id + " is not for " + step.at("for").get<std::string>());
      HttpResponse resp;
      resp.request_id = req.id;
      resp.status = step.value("status", 0);
      resp.body = step_body(step);
      if (const auto h = step.find("headers"); h != step.end())
        for (auto it = h->begin(); it != h->end(); ++it) resp.headers.push_back({it.key(), it->get<std::string>()});
      resp.transport_error = transport_error_from_string(step.value("error", std::string()));
      now += resp.transport_error == TransportError::Timeout ? timeout_ms : kLatencyMs;
      r = e.receive(resp, now);
    } else {
      break;
    }
  }
  if (!r) out.problems.push_back("protocol error " + r.error().code + ": " + r.error().message);
  if (next < script.size() && !script[next].value("repeat", false))
    out.problems.push_back("the script has unused answers from step " + std::to_string(next));
  out.audit = audit_to_json(e.audit());
  out.attempts = e.record().attempts;
  out.status = e.record().status;
  return out;
}

std::string action_kind(const json& a) {
  const std::string type = a.at("type").get<std::string>();
  return type == "HttpRequest" ? type + ":" + a.at("request").at("purpose").get<std::string>() : type;
}

std::string audit_kind(const json& entry) {
  return entry.at("event").get<std::string>() + ":" + entry.at("from").get<std::string>() + ">" +
         entry.at("to").get<std::string>();
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Each member of `expected` holds for `actual`: "<field>Includes" / "<field>Excludes" list
// texts the field does / does not contain, any other member is compared whole.
void check_members(const json& expected, const json& actual, const std::string& what) {
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    const std::string key = it.key();
    const bool includes = ends_with(key, "Includes"), excludes = ends_with(key, "Excludes");
    if (includes || excludes) {
      const std::string field = key.substr(0, key.size() - 8);
      const std::string text = actual.value(field, std::string());
      for (const json& part : *it) {
        const bool found = text.find(part.get<std::string>()) != std::string::npos;
        BOOST_CHECK_MESSAGE(found == includes, what << "." << field << (includes ? " lacks \"" : " has \"")
                                                    << part.get<std::string>() << "\": " << text);
      }
    } else {
      BOOST_CHECK_MESSAGE(actual.contains(key) && actual.at(key) == *it,
                          what << "." << key << " is " << (actual.contains(key) ? actual.at(key).dump() : "absent")
                               << ", expected " << it->dump());
    }
  }
}

void check(const json& spec, const Played& p) {
  for (const std::string& problem : p.problems) BOOST_ERROR(problem);
  BOOST_REQUIRE(!p.actions.empty());
  const json& expect = spec.at("expect");
  check_members(expect.at("outcome"), p.actions.back(), "outcome");
  std::vector<std::string> kinds;
  for (const json& a : p.actions) kinds.push_back(action_kind(a));
  if (const auto it = expect.find("actions"); it != expect.end())
    BOOST_CHECK_EQUAL(json(kinds).dump(), it->dump());
  if (const auto it = expect.find("requests"); it != expect.end()) {
    for (auto c = it->begin(); c != it->end(); ++c) {
      const auto n = std::count(kinds.begin(), kinds.end(), "HttpRequest:" + c.key());
      BOOST_CHECK_MESSAGE(n == c->get<long>(), c.key() << " requests: " << n << ", expected " << c->dump());
    }
  }
  if (const auto it = expect.find("audit"); it != expect.end()) {
    std::vector<std::string> trail;
    for (const json& entry : p.audit) trail.push_back(audit_kind(entry));
    BOOST_CHECK_EQUAL(json(trail).dump(), it->dump());
  }
  if (const auto it = expect.find("attempts"); it != expect.end()) BOOST_CHECK_EQUAL(p.attempts, it->get<int>());
  if (const auto it = expect.find("status"); it != expect.end()) BOOST_CHECK_EQUAL(p.status, it->get<std::string>());
  if (const auto it = expect.find("waitsMs"); it != expect.end()) BOOST_CHECK_MESSAGE(json(p.waits_ms) == *it, "waits " << json(p.waits_ms).dump() << ", expected " << it->dump());
  std::vector<json> requests;
  for (const json& a : p.actions)
    if (a.at("type") == "HttpRequest") requests.push_back(a.at("request"));
  for (const json& c : expect.value("requestChecks", json::array())) {
    const std::size_t i = c.at("index").get<std::size_t>();
    BOOST_REQUIRE_MESSAGE(i < requests.size(), "no request " << i);
    check_members(c.at("request"), requests[i], "request " + std::to_string(i));
  }
  for (const json& pair : expect.value("sameBody", json::array())) {
    const std::size_t a = pair.at(0).get<std::size_t>(), b = pair.at(1).get<std::size_t>();
    BOOST_REQUIRE(a < requests.size() && b < requests.size());
    BOOST_CHECK_MESSAGE(requests[a].at("body") == requests[b].at("body"), "requests " << a << " and " << b << " differ");
  }
}

std::vector<std::filesystem::path> fixture_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_path("escalation")))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_escalation_fixture_plays_out_as_written) {
  const auto files = fixture_files();
  BOOST_REQUIRE_GE(files.size(), 20u);
  json dump = json::object();
  for (const auto& file : files) {
    BOOST_TEST_CONTEXT(file.filename().string()) {
      const json spec = read_json(file.string());
      BOOST_REQUIRE_MESSAGE(spec.is_object() && spec.contains("expect"), "not a fixture");
      const Played p = play(spec);
      check(spec, p);
      // TB_FIXTURE_DUMP=<file> writes what each scenario did, for writing a new fixture's
      // expectations (review them before committing: they are the behaviour pinned).
      std::vector<std::string> kinds, trail;
      for (const json& a : p.actions) kinds.push_back(action_kind(a));
      for (const json& entry : p.audit) trail.push_back(audit_kind(entry));
      dump[file.filename().string()] = {{"actions", kinds}, {"audit", trail}, {"outcome", p.actions.empty() ? json() : p.actions.back()},
                                         {"attempts", p.attempts}, {"status", p.status}, {"waitsMs", p.waits_ms}};
    }
  }
  if (const char* path = std::getenv("TB_FIXTURE_DUMP")) std::ofstream(path) << dump.dump(1);
}
