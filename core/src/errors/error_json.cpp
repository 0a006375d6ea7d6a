// Every error a host sees is written here, so a field added to Error appears everywhere at
// once and no answer names a location differently from another.
#include "ticketbridge/error_json.hpp"

#include "ticketbridge/json_text.hpp"

namespace tb {

nlohmann::json error_to_json(const Error& e) {
  nlohmann::json out = {{"code", e.code}, {"message", e.message}};
  if (!e.path.empty()) out["path"] = e.path;
  if (e.position >= 0) out["position"] = e.position;
  if (e.line > 0) out["line"] = e.line;
  if (e.column > 0) out["column"] = e.column;
  if (!e.token.empty()) out["token"] = e.token;
  return out;
}

std::string error_json_text(const Error& e) { return dump_json(error_to_json(e)); }

std::string error_json_text(const jsonata::Error& engine) {
  Error e(engine);
  if (engine.token_is_literal) e.token.clear();
  std::string text = dump_json(error_to_json(e));
  text.pop_back();  // the closing brace, put back after the spliced members
  if (!engine.value_json.empty()) text += ",\"value\":" + engine.value_json;
  // A number / true / false / null token is JSON text already, as the reference types it.
  if (!engine.token.empty() && engine.token_is_literal) text += ",\"token\":" + engine.token;
  text += '}';
  return text;
}

}  // namespace tb
