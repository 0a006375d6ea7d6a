// JSON text from a JavaScript host, read with the JSONata engine's reader and copied into an
// nlohmann::json: the engine reads at about 8 instructions a byte, nlohmann's lexer at about
// 70, and parameters or a transcript are kilobytes of strings read on every render.
#include <cmath>

#include "ticketbridge/json_text.hpp"
#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/text/utf8.hpp"

namespace tb {
namespace {

using json = nlohmann::json;
using View = jsonata::JsonView;

// False where parse_json would refuse what the engine accepts: a string that is not UTF-8 (the
// engine keeps a lone surrogate as JavaScript does) and a number out of a double's range
// (JavaScript reads 1e400 as Infinity).
bool copy(const View& v, json& out) {
  switch (v.type()) {
    case View::Type::Undefined:
    case View::Type::Null: out = nullptr; return true;
    case View::Type::Boolean: out = v.boolean(); return true;
    case View::Type::Number: {
      const double d = v.number();
      if (!std::isfinite(d)) return false;
      constexpr double kExact = 9007199254740992.0;  // 2^53
      if (std::trunc(d) == d && std::fabs(d) < kExact) out = static_cast<std::int64_t>(d);
      else out = d;
      return true;
    }
    case View::Type::String: {
      const std::string_view s = v.string();
      if (!utf8::valid(s)) return false;
      out = std::string(s);
      return true;
    }
    case View::Type::Array: {
      out = json::array();
      auto& items = out.get_ref<json::array_t&>();
      items.resize(v.size());
      for (std::size_t i = 0; i < items.size(); ++i)
        if (!copy(v.item(i), items[i])) return false;
      return true;
    }
    case View::Type::Object: {
      out = json::object();
      auto& members = out.get_ref<json::object_t&>();
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string_view key = v.key(i);
        if (!utf8::valid(key)) return false;
        if (!copy(v.value(i), members[std::string(key)])) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace

Result<json> parse_json_as_js(std::string_view text, std::string_view code_prefix, std::size_t max_bytes,
                              int max_nesting) {
  if (text.size() <= max_bytes) {
    if (auto doc = jsonata::Document::parse(text, max_nesting)) {
      json out;
      if (copy(doc.value().root(), out)) return out;
    }
  }
  // Too large, not JSON, or a lone surrogate: parse_json() says why, in its words.
  return parse_json(text, code_prefix, max_bytes, max_nesting);
}

}  // namespace tb
