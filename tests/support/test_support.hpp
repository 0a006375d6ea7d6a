#pragma once
// Shared helpers for the native suites: fixture files, the example configuration, and a
// scripted fake ITSM that plays the host's part for the escalation state machine.
#include <deque>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "ticketbridge/config.hpp"
#include "ticketbridge/conversation.hpp"
#include "ticketbridge/escalation.hpp"
#include "ticketbridge/json_text.hpp"

namespace tbtest {

using json = nlohmann::json;

// A fixture that cannot be opened fails the test case here, not as a confusing empty input.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " << path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// JSON text a test expects to be valid: parsed, or the test case fails here, naming the text.
inline json parsed(const std::string& text) {
  json v = json::parse(text, nullptr, false);
  BOOST_REQUIRE_MESSAGE(!v.is_discarded(), "not JSON: " + text);
  return v;
}

inline std::string fixture_path(const std::string& rel) { return std::string(TB_FIXTURES_DIR) + "/" + rel; }
inline std::string source_path(const std::string& rel) { return std::string(TB_SOURCE_DIR) + "/" + rel; }

inline json read_json(const std::string& path) {
  auto r = tb::parse_json(read_file(path), "TEST", 64u << 20);
  return r ? r.value() : json();
}

/// The example configuration, creating first: these suites script the ITSM's answers request by
/// request from the create on. The default ("lookupBeforeCreate": "auto", one lookup before the
/// first create) has its own suite, test_escalation_lookup_first.cpp, which starts from the file as is.
inline json example_config_json() {
  json doc = read_json(source_path("examples/servicenow/config.json"));
  doc["escalation"]["lookupBeforeCreate"] = "never";
  return doc;
}
inline json example_conversation_json() { return read_json(source_path("examples/servicenow/conversation.json")); }

inline std::shared_ptr<const tb::Config> load(const json& doc) {
  auto r = tb::load_config_document(doc);
  return r ? r.value() : nullptr;
}

/// Each case of the shared render fixtures (tests/fixtures/render/cases.json) with its
/// configuration loaded, in a test context named for the case: `check(case, config)`.
template <class Check>
void for_each_render_case(Check&& check) {
  const json cases = read_json(fixture_path("render/cases.json"))["cases"];
  BOOST_REQUIRE_GE(cases.size(), 20u);
  for (const json& c : cases) {
    BOOST_TEST_CONTEXT(c["name"].get<std::string>()) {
      const json doc = c["config"].is_string() ? read_json(source_path(c["config"].get<std::string>())) : c["config"];
      auto cfg = load(doc);
      BOOST_REQUIRE(cfg);
      check(c, *cfg);
    }
  }
}

inline tb::Conversation conversation(const json& doc) {
  auto r = tb::conversation_from_json(doc);
  return r ? r.value() : tb::Conversation{};
}

/// A canned answer: an HTTP response, or a transport failure ("timeout", "reset", "connect").
struct Reply {
  int status = 0;
  std::string body;
  std::vector<tb::HttpHeader> headers;
  std::string transport_error;
  bool truncated = false;
};

inline Reply http(int status, std::string body, std::vector<tb::HttpHeader> headers = {}) {
  return Reply{status, std::move(body), std::move(headers), "", false};
}
inline Reply transport(std::string error) { return Reply{0, "", {}, std::move(error), false}; }

inline std::string created_body(const std::string& number = "INC0010001",
                                const std::string& sys_id = "0123456789abcdef0123456789abcdef") {
  return R"({"result":{"sys_id":")" + sys_id + R"(","number":")" + number + R"(","state":"1"}})";
}
inline std::string lookup_body(const std::string& number = "", const std::string& sys_id = "0123456789abcdef0123456789abcdef") {
  if (number.empty()) return R"({"result":[]})";
  return R"({"result":[{"sys_id":")" + sys_id + R"(","number":")" + number + R"("}]})";
}

/// Plays the host: answers each HttpRequest from a script keyed by purpose, answers the
/// confirmation, advances a virtual clock on Wait, and records everything it saw.
struct FakeHost {
  std::deque<Reply> token_replies, create_replies, lookup_replies;
  bool confirm_answer = true;
  double now = 1'700'000'000'000.0;
  double latency_ms = 50;
  std::vector<tb::HttpRequest> requests;
  std::vector<tb::Action> actions;
  std::vector<std::string> errors;  // protocol errors returned by the machine

  tb::Action run(tb::Escalation& e, const tb::Conversation& c, const std::string& reason = "needs a technician",
                 tb::StartOptions options = {}) {
    auto r = e.start(c, reason, now, options);
    return drive(e, std::move(r));
  }

  tb::Action drive(tb::Escalation& e, tb::Result<tb::Action> r) {
    for (int guard = 0; guard < 200; ++guard) {
      if (!r) {
        errors.push_back(r.error().code);
        return tb::Action{};
      }
      tb::Action a = r.value();
      actions.push_back(a);
      if (std::holds_alternative<tb::action::AskConfirmation>(a)) {
        now += 1000;
        r = e.confirm(confirm_answer, now);
      } else if (const auto* send = std::get_if<tb::action::SendRequest>(&a)) {
        const tb::HttpRequest& req = send->request;
        requests.push_back(req);
        std::deque<Reply>& q = req.purpose == tb::RequestPurpose::Token    ? token_replies
                               : req.purpose == tb::RequestPurpose::Lookup ? lookup_replies
                                                                           : create_replies;
        Reply rep = q.empty() ? http(500, "{}") : q.front();
        if (!q.empty()) q.pop_front();
        tb::HttpResponse resp;
        resp.request_id = req.id;
        resp.status = rep.status;
        resp.body = rep.body;
        resp.headers = rep.headers;
        resp.transport_error = tb::transport_error_from_string(rep.transport_error);
        resp.body_truncated = rep.truncated;
        now += rep.transport_error == "timeout" ? req.timeout_ms : latency_ms;
        r = e.receive(resp, now);
      } else if (const auto* wait = std::get_if<tb::action::Wait>(&a)) {
        now = std::max(now, wait->until_ms);
        r = e.tick(now);
      } else {
        return a;
      }
    }
    errors.push_back("DRIVER_LOOP");
    return tb::Action{};
  }

  int count(const std::string& purpose) const {
    int n = 0;
    for (const auto& q : requests) n += purpose == tb::to_string(q.purpose);
    return n;
  }
};

/// Reading an action of an expected type: the test case stops with the type it got instead.
template <typename T>
const T& as(const tb::Action& a) {
  const T* typed = std::get_if<T>(&a);
  BOOST_REQUIRE_MESSAGE(typed, "unexpected action " << tb::action_type_name(a));
  return *typed;
}
inline bool is_escalated(const tb::Action& a) { return std::holds_alternative<tb::action::Escalated>(a); }
inline bool is_failed(const tb::Action& a) { return std::holds_alternative<tb::action::Failed>(a); }
inline bool is_wait(const tb::Action& a) { return std::holds_alternative<tb::action::Wait>(a); }
inline bool is_request(const tb::Action& a) { return std::holds_alternative<tb::action::SendRequest>(a); }
inline bool is_asking(const tb::Action& a) { return std::holds_alternative<tb::action::AskConfirmation>(a); }
inline bool is_declined(const tb::Action& a) { return std::holds_alternative<tb::action::Declined>(a); }
inline const tb::action::Escalated& escalated(const tb::Action& a) { return as<tb::action::Escalated>(a); }
inline const tb::action::Failed& failed(const tb::Action& a) { return as<tb::action::Failed>(a); }
inline const tb::action::Wait& wait(const tb::Action& a) { return as<tb::action::Wait>(a); }
/// What the employee is told: every action but Wait and SendRequest carries a message.
inline std::string message_of(const tb::Action& a) {
  if (const auto* x = std::get_if<tb::action::AskConfirmation>(&a)) return x->message;
  if (const auto* x = std::get_if<tb::action::Escalated>(&a)) return x->message;
  if (const auto* x = std::get_if<tb::action::Declined>(&a)) return x->message;
  if (const auto* x = std::get_if<tb::action::Failed>(&a)) return x->message;
  return "";
}
inline const tb::HttpRequest& request(const tb::Action& a) { return as<tb::action::SendRequest>(a).request; }
}  // namespace tbtest
