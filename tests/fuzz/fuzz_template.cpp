// Any template text in every context, rendered with values taken from the input: errors are
// values, and a JSON payload that validated with dummy values stays valid JSON whatever the
// values are (the structure-preservation invariant).
#include <cstdint>
#include <string>
#include <string_view>

#include "ticketbridge/json_text.hpp"
#include "ticketbridge/template.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = in.find('\0');
  const std::string_view source = in.substr(0, cut);
  const std::string value_text(cut == std::string_view::npos ? std::string_view() : in.substr(cut + 1));
  const nlohmann::json value = tb::is_valid_utf8(value_text) ? nlohmann::json(value_text) : nlohmann::json(nullptr);
  const nlohmann::json null_value;
  for (tb::TemplateKind kind : {tb::TemplateKind::Text, tb::TemplateKind::Json, tb::TemplateKind::Resource, tb::TemplateKind::Header}) {
    auto t = tb::Template::parse(source, kind);
    if (!t) continue;
    auto with_value = tb::render(t.value(), [&](const tb::Placeholder&) { return &value; });
    if (kind != tb::TemplateKind::Json || !tb::is_valid_utf8(source)) continue;
    auto dummy = tb::render(t.value(), [&](const tb::Placeholder&) { return &null_value; });
    if (!dummy || !tb::parse_json(dummy.value(), "F", 1u << 26, 100000)) continue;  // config load would reject it
    if (!with_value || !tb::parse_json(with_value.value(), "F", 1u << 26, 100000)) __builtin_trap();
  }
  return 0;
}
