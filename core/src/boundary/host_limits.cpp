// What a host asks the core once, at load: the version and the sizes it must cut inputs at.
#include "ticketbridge/host_limits.hpp"

#include <string>

#include "ticketbridge/conversation.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/version.hpp"

namespace tb {

nlohmann::json host_limits_json() {
  return {{"version", std::string(kVersion)},
          {"maxResponseBytes", kMaxResponseBytes},
          {"maxConversationBytes", kMaxConversationBytes},
          {"testCallTimeoutMs", kTestCallTimeoutMs}};
}

std::string host_limits_json_text() {
  // The version is digits and dots (CMake's project(VERSION) allows nothing else): no escaping.
  return "{\"version\":\"" + std::string(kVersion) + "\",\"maxResponseBytes\":" + std::to_string(kMaxResponseBytes) +
         ",\"maxConversationBytes\":" + std::to_string(kMaxConversationBytes) +
         ",\"testCallTimeoutMs\":" + std::to_string(kTestCallTimeoutMs) + "}";
}

}  // namespace tb
