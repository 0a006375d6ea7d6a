// Any expression over any JSON input: a result or a coded error, within the guardrails.
// Input: "<expression>\0<json input>".
#include <chrono>
#include <cstdint>
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
  auto out = expr.value().evaluate_json(cut == std::string_view::npos ? std::string_view() : in.substr(cut + 1), {}, limits);
  if (!out && out.error().code.empty()) __builtin_trap();
  return 0;
}
