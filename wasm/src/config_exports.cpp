// A loaded configuration's exports (tb_config_*): the façade's Config (wasm/js/config.mjs)
// renders a call's request, its token request, and a call's outputs over a response body with
// it. Texts cross as heap_io.hpp says; every call answers with the address of a reply record.
#include <emscripten/emscripten.h>

#include "config_binding.hpp"
#include "handles.hpp"
#include "heap_io.hpp"
#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/config_summary.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/reply.hpp"

namespace tbwasm {

using json = nlohmann::json;
using tb::reply_error;
using tb::reply_value;

std::string not_loaded() { return reply_error(tb::make_error("CONFIG_NOT_LOADED", "the configuration did not load")); }

std::string ConfigBinding::load(std::string_view text) {
  tb::ConfigProblems problems;
  auto r = tb::load_config(text, &problems);
  if (!r) return tb::reply_errors(r.error(), problems.errors);
  config_ = r.value();
  redact_ = tb::SecretMasker(config_->secrets);
  return reply_value(tb::config_summary_json(*config_));
}

std::string ConfigBinding::render(std::string_view call, std::string_view params_text, std::string_view token) const {
  if (!config_) return not_loaded();
  auto req = tb::build_call_request_from_text(*config_, call, params_text, token);
  if (!req) return reply_error(req.error());
  if (token.empty()) return tb::request_pair_reply(req.value(), redact_);  // no copy of the masker
  tb::SecretMasker redact = redact_;
  redact.add(token);
  return tb::request_pair_reply(req.value(), redact);
}

std::uintptr_t ConfigBinding::render_payload(std::string_view call, std::string_view params_text) const {
  if (!config_) return payload_reply('e', not_loaded());
  auto body = tb::render_call_payload(*config_, call, params_text);
  if (!body) return payload_reply('e', reply_error(body.error()));
  if (!body.value()) return payload_reply('n', std::string());
  return payload_reply('p', std::move(*body.value()));
}

std::uintptr_t ConfigBinding::payload_reply(char tag, std::string text) const {
  payload_text_ = std::move(text);
  payload_record_[0] = static_cast<std::uint32_t>(tag);
  payload_record_[1] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(payload_text_.data()));
  payload_record_[2] = static_cast<std::uint32_t>(payload_text_.size());
  return reinterpret_cast<std::uintptr_t>(payload_record_);
}

std::string ConfigBinding::token_request(std::string_view call) const {
  if (!config_) return not_loaded();
  auto req = tb::token_request_for(*config_, call);
  if (!req) return reply_error(req.error());
  return req.value() ? tb::reply_json_text(tb::request_pair_text(*req.value(), redact_)) : tb::reply_done();
}

std::string ConfigBinding::outputs(std::string_view call, std::string_view body) const {
  if (!config_) return not_loaded();
  return tb::reply_result(tb::preview_outputs(*config_, call, body), [](const json& v) { return v; });
}

std::string ConfigBinding::redact(std::string_view text, std::string_view extra) const {
  tb::SecretMasker r = redact_;
  r.add(extra);
  return reply_value(json(r(text)));
}

}  // namespace tbwasm

namespace {

using tbwasm::ConfigBinding;
using tbwasm::heap_reply;
using tbwasm::heap_text;

const ConfigBinding& config_at(std::uintptr_t at) { return tbwasm::object_at<const ConfigBinding>(at); }

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_config_new() { return tbwasm::new_handle<ConfigBinding>(); }
EMSCRIPTEN_KEEPALIVE void tb_config_delete(std::uintptr_t config) { tbwasm::delete_handle<ConfigBinding>(config); }

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_config_load(std::uintptr_t config, std::uintptr_t text, std::size_t text_len) {
  return heap_reply(tbwasm::object_at<ConfigBinding>(config).load(heap_text(text, text_len)));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_config_render(std::uintptr_t config, std::uintptr_t call, std::size_t call_len,
                                                     std::uintptr_t params, std::size_t params_len,
                                                     std::uintptr_t token, std::size_t token_len) {
  return heap_reply(config_at(config).render(heap_text(call, call_len), heap_text(params, params_len),
                                             heap_text(token, token_len)));
}

// Answers the address of {tag, pointer, length}: 'p' the payload's text, 'n' no payload, 'e' an
// error reply (config_binding.hpp).
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_config_render_payload(std::uintptr_t config, std::uintptr_t call,
                                                             std::size_t call_len, std::uintptr_t params,
                                                             std::size_t params_len) {
  return config_at(config).render_payload(heap_text(call, call_len), heap_text(params, params_len));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_config_token_request(std::uintptr_t config, std::uintptr_t call,
                                                            std::size_t call_len) {
  return heap_reply(config_at(config).token_request(heap_text(call, call_len)));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_config_outputs(std::uintptr_t config, std::uintptr_t call, std::size_t call_len,
                                                      std::uintptr_t body, std::size_t body_len) {
  return heap_reply(config_at(config).outputs(heap_text(call, call_len), heap_text(body, body_len)));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_config_redact(std::uintptr_t config, std::uintptr_t text, std::size_t text_len,
                                                     std::uintptr_t extra, std::size_t extra_len) {
  return heap_reply(config_at(config).redact(heap_text(text, text_len), heap_text(extra, extra_len)));
}

}  // extern "C"
