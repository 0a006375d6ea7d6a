// The envelope is written as text around the payload: a value that is JSON text already (an
// evaluation's answer, a snapshot) is not parsed and written again.
#include "ticketbridge/reply.hpp"

#include "ticketbridge/error_json.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {

std::string reply_json_text(std::string_view value_json) {
  std::string out;
  out.reserve(value_json.size() + 22);
  out += "{\"ok\":true,\"value\":";
  out += value_json;
  out += '}';
  return out;
}

std::string reply_value(const nlohmann::json& value) { return reply_json_text(dump_json(value)); }

std::string reply_done() { return reply_json_text("null"); }

std::string reply_error(const Error& error) { return "{\"ok\":false,\"error\":" + error_json_text(error) + "}"; }

std::string reply_error(const jsonata::Error& error) { return "{\"ok\":false,\"error\":" + error_json_text(error) + "}"; }

std::string reply_errors(const Error& first, const std::vector<Error>& all) {
  std::string out = "{\"ok\":false,\"error\":" + error_json_text(first);
  out.pop_back();
  out += ",\"errors\":[";
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i) out += ',';
    out += error_json_text(all[i]);
  }
  out += "]}}";
  return out;
}

}  // namespace tb
