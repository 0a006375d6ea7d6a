#pragma once
/// @file
/// @brief The conversation handed over at escalation: who, on which device, what was said,
/// which diagnostics ran, and the assistant's summary.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"

namespace tb {

struct Message {
  std::string role;  ///< "employee" or "assistant"
  std::string text;
  std::string at;    ///< ISO 8601 timestamp as given by the host ("" when absent)
};

struct Diagnostic {
  std::string name;
  std::string result;
};

struct Conversation {
  std::string id;
  struct {
    std::string id, name, email;
  } employee;
  struct {
    std::string name;
  } device;
  std::vector<Message> messages;
  std::vector<Diagnostic> diagnostics;
  std::string summary;
  std::string category;      ///< optional: a pair proposed by the host ("" = none)
  std::string sub_category;
  /// The whole document as given, so templates can reach any field by dotted path.
  nlohmann::json document;
};

/// Largest conversation document accepted (bytes of JSON text).
inline constexpr std::size_t kMaxConversationBytes = 1024 * 1024;

/// @brief Parse and validate a conversation document. Errors name the JSON path
/// (codes: CONVERSATION_TOO_LARGE, CONVERSATION_INVALID_JSON, CONVERSATION_TOO_DEEP,
/// CONVERSATION_INVALID).
Result<Conversation> parse_conversation(std::string_view json_text);

/// @brief Same, from an already parsed document.
Result<Conversation> conversation_from_json(const nlohmann::json& document);

}  // namespace tb
