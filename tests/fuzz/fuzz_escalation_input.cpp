// What a host or an ITSM can hand the escalation machine: any response (status, headers,
// body) to its create request, any conversation document, any snapshot to restore. Every
// path ends in an action or a coded error, never a crash.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "ticketbridge/escalation.hpp"
#include "ticketbridge/json_text.hpp"

namespace {

std::shared_ptr<const tb::Config> example_config() {
  static std::shared_ptr<const tb::Config> config = [] {
    std::ifstream in(std::string(TB_SOURCE_DIR) + "/examples/servicenow/config.json");
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = tb::load_config(ss.str());
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
  switch (data[0] % 3) {
    case 0: {  // a response to the create request
      tb::Escalation e(example_config());
      if (!e.start(example_conversation(), "fuzz", 0)) __builtin_trap();
      auto req = e.confirm(true, 1);
      if (!req || req.value().type != tb::Action::Type::HttpRequest) __builtin_trap();
      tb::HttpResponse r;
      r.request_id = req.value().request.id;
      r.status = (data[1] << 8 | data[2]) % 1000;
      const std::size_t cut = rest.find('\n');
      if (cut != std::string_view::npos) r.headers.push_back({"Retry-After", std::string(rest.substr(0, cut))});
      r.body = std::string(cut == std::string_view::npos ? rest : rest.substr(cut + 1));
      if (r.status == 0) r.transport_error = r.body.empty() ? "timeout" : "reset";
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
    default: {  // a snapshot
      auto doc = tb::parse_json(rest, "SNAPSHOT", 1u << 20);
      if (!doc) break;
      auto e = tb::Escalation::restore(example_config(), doc.value());
      if (e) (void)e.value().resume(1e13);
      break;
    }
  }
  return 0;
}
