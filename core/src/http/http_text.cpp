// Hosts name transport failures by what they could observe ("connect", "reset", ...); the
// codes the product reports for them are decided here, not in each host.
#include "ticketbridge/http_text.hpp"

#include <string>

#include "ticketbridge/json_text.hpp"

namespace tb {

Result<HttpResponse> response_from_text(std::string_view json_text) {
  auto doc = parse_json(json_text, "RESPONSE", kMaxResponseDocumentBytes);
  if (!doc) return std::move(doc).error();
  return response_from_json(doc.value());
}

Error transport_failure(std::string_view transport_error) {
  const std::string name(transport_error);
  if (name == "connect") return make_error("ITSM_UNREACHABLE", "no response: could not connect to the ITSM");
  if (name == "timeout") return make_error("ITSM_TIMEOUT", "no response: the ITSM did not answer in time");
  if (name == "blocked") {
    return make_error("ITSM_BLOCKED",
                      "no response: the browser refused the request to another origin (no CORS headers for this page)");
  }
  return make_error("ITSM_CONNECTION_LOST", "no response: the connection to the ITSM was lost (" +
                                                (name.empty() ? std::string("network") : name) + ")");
}

}  // namespace tb
