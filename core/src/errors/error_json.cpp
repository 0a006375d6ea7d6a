// Every error a host sees is written here, so a field added to Error appears everywhere at
// once and no answer names a location differently from another.
//
// The text is written member by member rather than dumped from error_to_json(): the
// JSONata-only WASM module writes error replies and links no nlohmann/json. The bytes are
// the ones dump_json(error_to_json(e)) gives (three cases in
// tests/unit/test_boundary_replies.cpp hold the two together): members in the DOM's order,
// which sorts them by name, strings through append_json_string(), which replaces invalid
// UTF-8 as dump_json() does.
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

namespace {

void append_integer(std::string& out, std::int64_t v) {
  char digits[20];
  int n = 0;
  // The fields written are never negative (unset ones are left out), so no sign.
  auto u = static_cast<std::uint64_t>(v);
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  while (n) out += digits[--n];
}

void append_text_member(std::string& out, const char* name, std::string_view value) {
  out += ",\"";
  out += name;
  out += "\":";
  append_json_string(out, value);
}

void append_number_member(std::string& out, const char* name, std::int64_t value) {
  out += ",\"";
  out += name;
  out += "\":";
  append_integer(out, value);
}

// error_to_json(e) as text without its closing brace, so the engine's members can follow.
std::string open_error_text(const Error& e) {
  std::string out = "{\"code\":";
  append_json_string(out, e.code);
  if (e.column > 0) append_number_member(out, "column", e.column);
  if (e.line > 0) append_number_member(out, "line", e.line);
  append_text_member(out, "message", e.message);
  if (!e.path.empty()) append_text_member(out, "path", e.path);
  if (e.position >= 0) append_number_member(out, "position", e.position);
  if (!e.token.empty()) append_text_member(out, "token", e.token);
  return out;
}

}  // namespace

std::string error_json_text(const Error& e) { return open_error_text(e) + '}'; }

std::string error_json_text(const jsonata::Error& engine) {
  Error e(engine);
  if (engine.token_is_literal) e.token.clear();
  std::string text = open_error_text(e);
  if (!engine.value_json.empty()) text += ",\"value\":" + engine.value_json;
  // A number / true / false / null token is JSON text already, as the reference types it.
  if (!engine.token.empty() && engine.token_is_literal) text += ",\"token\":" + engine.token;
  text += '}';
  return text;
}

}  // namespace tb
