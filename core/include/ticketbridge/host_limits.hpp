#pragma once
/// @file
/// @brief The limits a host applies before handing data to the core (how much of a response
/// body to read, how large a conversation may be), given by the core so no host keeps its
/// own copy of a number the core enforces.

#include <string>

#include <nlohmann/json.hpp>

namespace tb {

/// @brief How long the Test panel waits for each request (token and call).
inline constexpr int kTestCallTimeoutMs = 10000;

/// @brief {"version", "maxResponseBytes", "maxConversationBytes", "testCallTimeoutMs"}.
nlohmann::json host_limits_json();

/// @brief The same object as JSON text, written without building a json value: it is what the
/// WASM module answers first, at every load, and there nlohmann/json's builder and writer would
/// be compiled (lazily, by the engine) for it alone before the first answer.
std::string host_limits_json_text();

}  // namespace tb
