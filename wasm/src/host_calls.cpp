// The crossing for host functions: the core hands a call's arguments as JSON text; the
// JavaScript side (Module.tbHostCall, set by the façade) calls the function and answers with
// one tagged string: 'v' + JSON of the value, 'u' for undefined, 'e' + a message when it threw
// (the façade keeps the thrown value and rethrows it as is once the evaluation has ended).
#include "host_calls.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>

#include "ticketbridge/json_text.hpp"

namespace {

// Returns a malloc'ed, NUL-terminated copy of the JavaScript answer; the caller frees it.
EM_JS(char*, tb_host_call, (int index, const char* args, int len), {
  const answer = Module['tbHostCall'](index, UTF8ToString(args, len));
  const size = lengthBytesUTF8(answer) + 1;
  const at = _malloc(size);
  stringToUTF8(answer, at, size);
  return at;
});

tb::jsonata::Result<std::string> call_host(int index, std::string_view args) {
  char* raw = tb_host_call(index, args.data(), static_cast<int>(args.size()));
  if (!raw) return tb::jsonata::make_error("JSONATA_MEMORY_LIMIT", "out of memory for a host function's answer");
  std::string text(raw);
  std::free(raw);
  if (!text.empty() && text[0] == 'v') return text.substr(1);
  if (!text.empty() && text[0] == 'u') return std::string();
  return tb::jsonata::make_error("JSONATA_HOST_ERROR", text.empty() ? std::string("the host function failed") : text.substr(1));
}

}  // namespace

namespace tbwasm {

tb::Result<std::vector<tb::jsonata::HostFunction>> host_functions_from_json(std::string_view spec) {
  std::vector<tb::jsonata::HostFunction> out;
  // Read like every other document that crosses the boundary (nlohmann's own parse() would
  // link a second JSON parser into the module).
  auto list = tb::parse_json(spec, "HOSTS", 1u << 20);
  if (!list || !list.value().is_array()) {
    return tb::make_error("JSONATA_HOST_FUNCTIONS", "the host function list is not a JSON array");
  }
  for (const auto& item : list.value()) {
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) {
      return tb::make_error("JSONATA_HOST_FUNCTIONS", "a host function has no name");
    }
    tb::jsonata::HostFunction h;
    h.name = item["name"].get<std::string>();
    if (item.contains("signature") && item["signature"].is_string()) h.signature = item["signature"].get<std::string>();
    if (item.contains("arity") && item["arity"].is_number_integer()) h.arity = item["arity"].get<int>();
    const int index = static_cast<int>(out.size());
    h.call = [index](std::string_view args) { return call_host(index, args); };
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace tbwasm
