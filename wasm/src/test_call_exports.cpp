// The Test panel's flow (ticketbridge/test_call.hpp) as exports (tb_test_call_*); the façade
// (wasm/js/test-call.mjs) loops it with fetch. Texts cross as heap_io.hpp says; every call
// answers with the address of a reply record.
#include <emscripten/emscripten.h>

#include <optional>
#include <utility>

#include "config_binding.hpp"
#include "handles.hpp"
#include "heap_io.hpp"
#include "ticketbridge/http_text.hpp"
#include "ticketbridge/reply.hpp"
#include "ticketbridge/test_call.hpp"

namespace {

using tb::reply_error;

class TestCallBinding {
 public:
  explicit TestCallBinding(const tbwasm::ConfigBinding& cfg) : config_(cfg.config()) {}

  std::string start(std::string_view call, std::string_view params_json, double now) {
    if (!config_) return tbwasm::not_loaded();
    auto flow = tb::TestCall::create(config_, std::string(call), params_json);
    if (!flow) return reply_error(flow.error());
    flow_.emplace(std::move(flow).value());
    return step(flow_->start(now));
  }

  std::string receive(std::string_view response, double now) {
    if (!flow_) return reply_error(tb::make_error("PROTOCOL_NOT_STARTED", "the test call has not been started"));
    auto resp = tb::response_from_text(response);
    if (!resp) return reply_error(resp.error());
    return step(flow_->receive(resp.value(), now));
  }

 private:
  static std::string step(const tb::Result<tb::TestCallStep>& r) {
    if (!r) return reply_error(r.error());
    return tb::reply_json_text(tb::test_call_step_json(r.value()));
  }
  std::shared_ptr<const tb::Config> config_;
  std::optional<tb::TestCall> flow_;
};

using tbwasm::heap_reply;
using tbwasm::heap_text;

TestCallBinding& test_call_at(std::uintptr_t at) { return tbwasm::object_at<TestCallBinding>(at); }

}  // namespace

extern "C" {

// The flow over the configuration `config` holds now.
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_test_call_new(std::uintptr_t config) {
  return tbwasm::new_handle<TestCallBinding>(tbwasm::object_at<const tbwasm::ConfigBinding>(config));
}
EMSCRIPTEN_KEEPALIVE void tb_test_call_delete(std::uintptr_t test_call) { tbwasm::delete_handle<TestCallBinding>(test_call); }

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_test_call_start(std::uintptr_t test_call, std::uintptr_t call,
                                                       std::size_t call_len, std::uintptr_t params,
                                                       std::size_t params_len, double now) {
  return heap_reply(test_call_at(test_call).start(heap_text(call, call_len), heap_text(params, params_len), now));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_test_call_receive(std::uintptr_t test_call, std::uintptr_t response,
                                                         std::size_t response_len, double now) {
  return heap_reply(test_call_at(test_call).receive(heap_text(response, response_len), now));
}

}  // extern "C"
