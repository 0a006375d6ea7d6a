#pragma once
/// @file
/// @brief The registry of every error code the core, the JS façade and the CLI can produce:
/// one row per code (the JSONata engine's reference codes by family), with its room, who
/// acts on it and a one-line meaning. docs/errors.md is generated from it, and
/// test_error_registry fails when a code is used in the sources but not listed here.

#include <string>
#include <string_view>
#include <vector>

namespace tb {

/// @brief Who acts when the code appears.
enum class Remedy {
  Retried,             ///< transient: the escalation retries by itself
  RetriedAfterLookup,  ///< may have been processed: retried after looking the ticket up
  RetriedWithNewToken, ///< retried once with a fresh OAuth2 token
  Admin,               ///< the admin fixes the configuration or the file they gave
  ItsmAdmin,           ///< the ITSM's owner fixes permissions, CORS or the instance
  Host,                ///< the host developer fixes how the package is called
  Author,              ///< whoever wrote the expression or the input document fixes it
  Operator,            ///< whoever runs the host fixes its environment (store, disk, files)
  Bug,                 ///< never expected: report it
};

/// @brief One registered code.
struct ErrorCodeInfo {
  std::string_view code;     ///< exact ("CONFIG_MISSING_FIELD") or a family: "S0xxx" = S0 and 3 digits
  std::string_view room;     ///< the docs/errors.md section (see error_rooms())
  Remedy remedy;
  std::string_view meaning;  ///< one line
};

/// @brief A section of docs/errors.md: its key (ErrorCodeInfo::room) and its heading.
struct ErrorRoom {
  std::string_view key;
  std::string_view heading;
};

const std::vector<ErrorRoom>& error_rooms();
const std::vector<ErrorCodeInfo>& error_codes();

/// @brief The row for `code` (an exact row first, else its JSONata family); nullptr when the
/// code is not registered.
const ErrorCodeInfo* find_error_code(std::string_view code);

/// @brief "retried", "admin", ...: the words docs/errors.md shows for a remedy.
std::string_view remedy_text(Remedy remedy);

/// @brief The generated part of docs/errors.md: one table per room, in registry order.
std::string error_codes_markdown();

}  // namespace tb
