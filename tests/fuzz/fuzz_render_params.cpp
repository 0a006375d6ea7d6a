// Any parameter text, rendered by a call with a placeholder in every kind of slot: the text path
// (the scanner, no DOM; build_call_request_from_text, render_call_payload) must give what the
// DOM path gives for the same text, request for request and error for error. The scanner may
// refuse what the DOM reader accepts (it then hands the text over), never the other way round.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/json_text.hpp"

namespace {

// The call with a placeholder in every kind of slot that test_render_payload also renders.
const tb::Config& config() {
  static const auto loaded = [] {
    std::ifstream in(TB_SOURCE_DIR "/tests/fixtures/render/every-slot.json", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto doc = tb::parse_json(text.str(), "FIXTURE", 1u << 20);
    if (!doc) __builtin_trap();
    return tb::load_config_document(doc.value()["config"]);
  }();
  if (!loaded) __builtin_trap();
  return *loaded.value();
}

bool same_error(const tb::Error& a, const tb::Error& b) {
  return a.code == b.code && a.message == b.message && a.path == b.path && a.position == b.position;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const tb::Config& cfg = config();
  const auto params = tb::call_params_from_text(text);
  const auto expected = params ? tb::build_call_request(cfg, "call", params.value())
                               : tb::Result<tb::HttpRequest>(params.error());
  const auto request = tb::build_call_request_from_text(cfg, "call", text);
  const auto payload = tb::render_call_payload(cfg, "call", text);
  if (request.ok() != expected.ok() || payload.ok() != expected.ok()) __builtin_trap();
  if (!expected) {
    if (!same_error(request.error(), expected.error()) || !same_error(payload.error(), expected.error())) __builtin_trap();
    return 0;
  }
  const tb::SecretMasker masker(cfg.secrets);
  if (tb::request_pair_text(request.value(), masker) != tb::request_pair_text(expected.value(), masker)) __builtin_trap();
  if (!payload.value() || *payload.value() != expected.value().body) __builtin_trap();
  return 0;
}
