// What a host or an ITSM can hand the escalation machine: any response (status, headers,
// body) to its create request, any conversation document, any snapshot to restore. Every
// path ends in an action or a coded error, never a crash.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ticketbridge/escalation.hpp"
#include "ticketbridge/json_text.hpp"

namespace {

// The example configuration with its credential swapped for a fuzz-only one. libFuzzer's
// comparison tracing records the bytes the code compares (the Basic header among them) and
// prints them in its progress lines; the suite's secret scan (tests/scan-secrets.mjs) reads
// those lines, and a configured secret there would be libFuzzer's report, not a leak.
nlohmann::json example_document() {
  std::ifstream in(std::string(TB_SOURCE_DIR) + "/examples/servicenow/config.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = tb::parse_json(ss.str(), "CONFIG", 1u << 20);
  if (!doc) __builtin_trap();
  doc.value()["credentials"]["servicenow"]["auth"] = {{"type", "basic"}, {"username", "fuzz.seed"}, {"password", "fuzz-seed-only"}};
  return doc.value();
}

std::shared_ptr<const tb::Config> example_config() {
  static std::shared_ptr<const tb::Config> config = [] {
    auto r = tb::load_config_document(example_document());
    if (!r) __builtin_trap();
    return r.value();
  }();
  return config;
}

// The same configuration without a lookup call: its snapshots hold "lookupParams": null.
std::shared_ptr<const tb::Config> config_without_lookup() {
  static std::shared_ptr<const tb::Config> config = [] {
    auto doc = example_document();
    doc["escalation"].erase("lookup");
    auto r = tb::load_config_document(doc);
    if (!r) __builtin_trap();
    return r.value();
  }();
  return config;
}

const tb::Conversation& example_conversation() {
  static tb::Conversation c = [] {
    std::ifstream in(std::string(TB_SOURCE_DIR) + "/examples/servicenow/conversation.json");
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = tb::parse_conversation(ss.str());
    if (!r) __builtin_trap();
    return r.value();
  }();
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 3, size - 3);
  switch (data[0] % 4) {
    case 0: {  // a response to the create request
      tb::Escalation e(example_config());
      if (!e.start(example_conversation(), "fuzz", 0)) __builtin_trap();
      auto req = e.confirm(true, 1);
      if (!req || !std::holds_alternative<tb::action::SendRequest>(req.value())) __builtin_trap();
      tb::HttpResponse r;
      r.request_id = std::get<tb::action::SendRequest>(req.value()).request.id;
      r.status = (data[1] << 8 | data[2]) % 1000;
      const std::size_t cut = rest.find('\n');
      if (cut != std::string_view::npos) r.headers.push_back({"Retry-After", std::string(rest.substr(0, cut))});
      r.body = std::string(cut == std::string_view::npos ? rest : rest.substr(cut + 1));
      if (r.status == 0) r.transport_error = r.body.empty() ? tb::TransportError::Timeout : tb::TransportError::Reset;
      auto next = e.receive(r, 2);
      if (!next) __builtin_trap();
      (void)tb::dump_json(tb::action_to_json(next.value(), e.redactor(), false));
      (void)tb::dump_json(e.snapshot());
      break;
    }
    case 1: {  // a conversation document
      auto c = tb::parse_conversation(rest);
      if (!c) break;
      tb::Escalation e(example_config());
      auto a = e.start(c.value(), "fuzz", 0);
      if (!a) __builtin_trap();
      break;
    }
    case 2: {  // a snapshot
      auto doc = tb::parse_json(rest, "SNAPSHOT", 1u << 20);
      if (!doc) break;
      auto e = tb::Escalation::restore(example_config(), doc.value());
      if (e) (void)e.value().resume(1e13);
      break;
    }
    default: {  // one field of a real snapshot replaced by a fuzzed JSON value
      auto value = tb::parse_json(rest, "VALUE", 1u << 16);
      if (!value) break;
      const auto cfg = (data[1] & 1) ? example_config() : config_without_lookup();
      tb::Escalation e(cfg);
      if (!e.start(example_conversation(), "fuzz", 1000)) __builtin_trap();
      if (data[1] & 2) (void)e.confirm(true, 2000);
      nlohmann::json snap = e.snapshot();
      // Every snapshot the machine writes restores (issue 16: "lookupParams": null did not).
      if (!tb::Escalation::restore(cfg, snap)) __builtin_trap();
      std::vector<std::string> keys;
      for (auto it = snap.begin(); it != snap.end(); ++it) keys.push_back(it.key());
      snap[keys[data[2] % keys.size()]] = value.value();
      auto back = tb::Escalation::restore(cfg, snap);
      if (!back) break;
      // What restore() accepts it can snapshot and restore again, and drive without UB
      // (UBSan watches the counters and times).
      tb::Escalation m = std::move(back).value();
      if (!tb::Escalation::restore(cfg, m.snapshot())) __builtin_trap();
      auto a = m.resume(1e13);
      if (a && std::holds_alternative<tb::action::Wait>(a.value())) (void)m.tick(std::get<tb::action::Wait>(a.value()).until_ms);
      break;
    }
  }
  return 0;
}
