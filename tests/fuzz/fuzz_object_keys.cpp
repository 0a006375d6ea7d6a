// Objects with any keys, in any order, built every way the engine builds them (the JSON
// reader, $merge, group-by): the key order must be JavaScript's (array indexes first in
// numeric order, then the others in first-insertion order; a repeated key keeps its first
// place and its last value), checked against a plain reference. The input is a list of keys
// separated by newlines; the fuzzer finds the orders and shapes (issue 16: "0", "1", ...
// inserted descending or after named keys cost quadratic time).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/json_text.hpp"

namespace {

namespace jsn = tb::jsonata;
using nlohmann::json;

bool array_index(const std::string& s, std::uint64_t& v) {
  if (s.empty() || s.size() > 10 || (s[0] == '0' && s.size() > 1)) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v < 4294967295ULL;
}

// JavaScript's own-property order for keys assigned in `order`.
std::vector<std::string> js_order(const std::vector<std::string>& order) {
  std::vector<std::pair<std::uint64_t, std::string>> indexes;
  std::vector<std::string> named, seen;
  for (const std::string& k : order) {
    if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
    seen.push_back(k);
    std::uint64_t v;
    if (array_index(k, v)) indexes.emplace_back(v, k);
    else named.push_back(k);
  }
  std::sort(indexes.begin(), indexes.end());
  std::vector<std::string> out;
  for (auto& [v, k] : indexes) out.push_back(k);
  out.insert(out.end(), named.begin(), named.end());
  return out;
}

std::vector<std::string> keys_of(const std::string& json_text) {
  auto doc = tb::parse_json(json_text, "OUT", 1u << 26);
  if (!doc) __builtin_trap();
  if (doc.value().is_string()) return {doc.value().get<std::string>()};  // a one-key sequence
  if (!doc.value().is_array()) __builtin_trap();
  std::vector<std::string> out;
  for (const auto& k : doc.value()) out.push_back(k.get<std::string>());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> keys;
  for (std::size_t at = 0; at <= text.size() && keys.size() < 4096;) {
    const std::size_t nl = std::min(text.find('\n', at), text.size());
    keys.emplace_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  // Keys must be valid in a JSON string; the fuzzer's bytes are escaped by the serializer.
  json members = json::array();
  std::string object = "{";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!tb::is_valid_utf8(keys[i])) return 0;
    object += (i ? "," : "") + json(keys[i]).dump() + ":" + std::to_string(i);
    members.push_back(json{{keys[i], i}});
  }
  object += "}";
  const std::vector<std::string> expected = js_order(keys);

  jsn::Limits limits;
  limits.max_memory = 256u << 20;
  static const jsn::Expression parsed = jsn::Expression::compile("$keys($)").value();
  static const jsn::Expression merged = jsn::Expression::compile("$keys($merge($))").value();
  static const jsn::Expression grouped = jsn::Expression::compile("$keys(${$keys($)[0]: 1})").value();

  auto a = parsed.evaluate_json(object, {}, limits);
  if (!a) __builtin_trap();  // any JSON object parses
  if (a.value().defined && keys_of(a.value().json) != expected) __builtin_trap();
  const std::string list = members.dump();
  for (const jsn::Expression* e : {&merged, &grouped}) {
    auto b = e->evaluate_json(list, {}, limits);
    if (!b) continue;  // a guardrail (memory) may stop it, with a coded error
    if (b.value().defined && keys_of(b.value().json) != expected) __builtin_trap();
  }
  return 0;
}
