// Every call that takes options reads them through here, so their size limit and the codes
// of a malformed document are the same whichever call a host makes.
#include "ticketbridge/options_text.hpp"

#include "ticketbridge/json_text.hpp"

namespace tb {

Result<nlohmann::json> options_from_text(std::string_view options_json) {
  if (options_json.empty()) return nlohmann::json();
  return parse_json(options_json, "OPTIONS", kMaxOptionsBytes);
}

}  // namespace tb
