#pragma once
// A loaded configuration as the façade holds it (wasm/js/config.mjs): the tb_config_* exports of
// config_exports.cpp. The escalation and test-call bindings take their configuration from one
// when they are created, sharing it, so freeing the Config object leaves them working.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ticketbridge/config.hpp"
#include "ticketbridge/escalation.hpp"

namespace tbwasm {

class ConfigBinding {
 public:
  ConfigBinding() : tokens_(std::make_shared<tb::TokenCache>()) {}

  // Every method answers with one reply (ticketbridge/reply.hpp).
  std::string load(std::string_view text);  // the summary, or every problem found
  std::string render(std::string_view call, std::string_view params, std::string_view token) const;
  // Not a reply: the body alone, the hot path of a host that sends the request itself, so the
  // façade neither parses a reply nor decodes more than the payload. Answers the address of a
  // {tag, pointer, length} record, kept until the next call: tag 'p' (the payload as sent),
  // 'n' (the call has no payload) or 'e' (an error reply).
  std::uintptr_t render_payload(std::string_view call, std::string_view params) const;
  std::string token_request(std::string_view call) const;
  std::string outputs(std::string_view call, std::string_view body) const;
  std::string redact(std::string_view text, std::string_view extra) const;

  std::shared_ptr<const tb::Config> config() const { return config_; }
  std::shared_ptr<tb::TokenCache> tokens() const { return tokens_; }

 private:
  std::shared_ptr<const tb::Config> config_;
  std::shared_ptr<tb::TokenCache> tokens_;
  tb::SecretMasker redact_;
  std::uintptr_t payload_reply(char tag, std::string text) const;
  mutable std::string payload_text_;
  mutable std::uint32_t payload_record_[3] = {0, 0, 0};
};

/// The reply of a call on an object whose configuration did not load.
std::string not_loaded();

}  // namespace tbwasm
