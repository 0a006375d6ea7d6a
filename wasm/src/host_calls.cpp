// The crossing for host functions: the core hands a call's arguments as JSON text; the
// JavaScript side (Module.tbHostCall, set by the façade) calls the function and answers with
// one tagged string: 'v' + JSON of the value, 'u' for undefined, 'e' + a message when it threw
// (the façade keeps the thrown value and rethrows it as is once the evaluation has ended).
#include "host_calls.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>

#include "ticketbridge/text/utf8.hpp"

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
  const auto malformed = [] {
    return tb::make_error("JSONATA_HOST_FUNCTIONS", "the host function list is not a JSON array");
  };
  // Read with the engine's own reader, which this module links anyway (a second JSON parser,
  // nlohmann's, was most of the JSONata-only module's nlohmann/json). It accepts what the
  // list's earlier reader (tb::parse_json) accepted, and one thing more, lone surrogate
  // escapes, which that reader refused: a name or signature holding one is refused below.
  if (spec.size() > (1u << 20)) return malformed();
  auto doc = tb::jsonata::Document::parse(spec);
  if (!doc) return malformed();
  const tb::jsonata::JsonView list = doc.value().root();
  if (list.type() != tb::jsonata::JsonView::Type::Array) return malformed();
  using Type = tb::jsonata::JsonView::Type;
  std::vector<tb::jsonata::HostFunction> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const tb::jsonata::JsonView item = list.item(i);
    const tb::jsonata::JsonView name = item.find("name");
    if (item.type() != Type::Object || name.type() != Type::String) {
      return tb::make_error("JSONATA_HOST_FUNCTIONS", "a host function has no name");
    }
    const tb::jsonata::JsonView signature = item.find("signature");
    if (!tb::utf8::valid(name.string()) ||
        (signature.type() == Type::String && !tb::utf8::valid(signature.string()))) {
      return malformed();
    }
    tb::jsonata::HostFunction h;
    h.name = std::string(name.string());
    if (signature.type() == Type::String) h.signature = std::string(signature.string());
    // The façade writes Function.length, a small integer; a fraction or a number past int's
    // range is not one, and leaves the arity unset as before.
    const tb::jsonata::JsonView arity = item.find("arity");
    if (arity.type() == Type::Number) {
      const double a = arity.number();
      if (a >= -2147483648.0 && a <= 2147483647.0 && a == static_cast<double>(static_cast<int>(a))) {
        h.arity = static_cast<int>(a);
      }
    }
    const int index = static_cast<int>(out.size());
    h.call = [index](std::string_view args) { return call_host(index, args); };
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace tbwasm
