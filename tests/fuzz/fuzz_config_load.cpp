// Any bytes as a configuration document: loaded or rejected with coded errors; never a crash.
// A configuration that loads builds only requests fetch() would send: header values without
// control characters or characters beyond Latin-1, URLs without spaces, controls or
// backslashes (issue 16: such requests passed validation and were retried as "connection
// lost" until the deadline).
#include <cstdint>
#include <string_view>

#include "ticketbridge/config.hpp"
#include "ticketbridge/http.hpp"

namespace {

bool sendable_header(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto u = static_cast<unsigned char>(v[i]);
    if (u < 0x20 || u == 0x7F || u > 0xC3) return false;
  }
  return true;
}

bool sendable_url(std::string_view v) {
  for (const char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '\\') return false;
  }
  return true;
}

void check_request(const tb::HttpRequest& r) {
  if (!sendable_url(r.url)) __builtin_trap();
  for (const tb::HttpHeader& h : r.headers)
    if (h.name.empty() || !sendable_header(h.value)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tb::ConfigProblems problems;
  auto r = tb::load_config(std::string_view(reinterpret_cast<const char*>(data), size), &problems);
  if (!r && problems.errors.empty()) __builtin_trap();
  for (const tb::Error& e : problems.errors)
    if (e.code.empty()) __builtin_trap();
  if (!r) return 0;
  const tb::Config& config = *r.value();
  for (const auto& [name, call] : config.api_calls) {
    nlohmann::json params = nlohmann::json::object();
    for (const tb::Parameter& p : call.parameters) params[p.name] = "value";
    auto req = tb::build_call_request(config, name, params, "token-abcdefgh");
    if (req) check_request(req.value());
    const tb::Credential* cred = config.credential(call.credential);
    if (cred && cred->auth.type == tb::AuthType::OAuth2ClientCredentials) check_request(tb::build_token_request(*cred));
  }
  return 0;
}
