#pragma once
/// @file
/// @brief A host's answer to an HttpRequest as it arrives over a boundary (JSON text), and
/// what a failure to get any answer is called.

#include <string_view>

#include "ticketbridge/error.hpp"
#include "ticketbridge/http.hpp"

namespace tb {

/// @brief Largest response document a host may hand in: a body at the response-size limit,
/// every byte escaped, plus room for headers.
inline constexpr std::size_t kMaxResponseDocumentBytes = kMaxResponseBytes * 2 + 65536;

/// @brief Parses {requestId, status, headers, body, bodyTruncated, error} (response_from_json)
/// from JSON text. Errors: RESPONSE_INVALID_JSON / _TOO_LARGE / _TOO_DEEP / _INVALID_UTF8,
/// RESPONSE_INVALID.
Result<HttpResponse> response_from_text(std::string_view json_text);

/// @brief The coded error for a request that got no HTTP answer, by the host's transport
/// error name: "connect" → ITSM_UNREACHABLE (nothing was sent), "timeout" → ITSM_TIMEOUT,
/// "blocked" → ITSM_BLOCKED (a browser refused a cross-origin request), anything else
/// ("reset", "network") → ITSM_CONNECTION_LOST. The same codes the escalation reports.
Error transport_failure(std::string_view transport_error);

}  // namespace tb
