// Any expression over any JSON input: a result or a coded error, within the guardrails; and
// the same answer, error details included, whether evaluate_json reads the input under the
// expression's projection or the input is parsed whole (core/jsonata/src/projection.hpp).
// Input: "<expression>\0<json input>".
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "ticketbridge/jsonata.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = in.find('\0');
  auto expr = tb::jsonata::Expression::compile(in.substr(0, cut));
  if (!expr) {
    if (expr.error().code.empty()) __builtin_trap();
    return 0;
  }
  tb::jsonata::Limits limits;
  limits.max_depth = 200;
  limits.max_range = 100000;
  limits.max_sequence = 100000;
  limits.time_limit_ms = 2000;
  const auto start = std::chrono::steady_clock::now();
  limits.clock = [start] {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  limits.wall_clock_ms = [] { return 1.7e12; };
  limits.random = [] { return 0.5; };
  const std::string_view json = cut == std::string_view::npos ? std::string_view() : in.substr(cut + 1);
  auto out = expr.value().evaluate_json(json, {}, limits);
  if (!out && out.error().code.empty()) __builtin_trap();
  if (!out && out.error().code == "D1012") return 0;  // timing is not reproducible
  tb::jsonata::Document whole;
  if (!json.empty()) {
    auto d = tb::jsonata::Document::parse(json);
    if (!d) {
      if (out || out.error().code != d.error().code || out.error().position != d.error().position) __builtin_trap();
      return 0;
    }
    whole = std::move(d).value();
  }
  auto full = expr.value().evaluate(whole, nullptr, limits);
  if (!full && full.error().code == "D1012") return 0;
  if (out.ok() != full.ok()) __builtin_trap();
  if (out.ok() && (out.value().defined != full.value().defined || out.value().json != full.value().json)) __builtin_trap();
  if (!out.ok()) {
    const tb::jsonata::Error &a = out.error(), &b = full.error();
    if (a.code != b.code || a.message != b.message || a.position != b.position || a.token != b.token ||
        a.value_json != b.value_json)
      __builtin_trap();
  }
  return 0;
}
