// Timing for the native benchmark programs, the same rule as the Node columns
// (tests/bench/timing.mjs): a batch repeats the call, doubling from 1, until it lasts at least
// min_batch_us; the figure is the median of `rounds` batch means; lo/hi are the fastest and
// slowest batch means, which show how noisy the run was.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/json_text.hpp"

namespace bench {

struct Timing {
  double min_batch_us = 20000;
  int rounds = 9;
};

struct Stat {
  double us = 0;  // median batch mean, microseconds per call
  double lo = 0;
  double hi = 0;
  long batch = 0;
};

inline double now_us() {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <class F>
Stat measure(F&& fn, const Timing& t) {
  constexpr long kMaxBatch = 1L << 22;
  long batch = 1;
  for (;;) {
    const double t0 = now_us();
    for (long i = 0; i < batch; ++i) fn();
    if (now_us() - t0 >= t.min_batch_us || batch >= kMaxBatch) break;
    batch *= 2;
  }
  std::vector<double> means;
  for (int r = 0; r < t.rounds; ++r) {
    const double t0 = now_us();
    for (long i = 0; i < batch; ++i) fn();
    means.push_back((now_us() - t0) / static_cast<double>(batch));
  }
  std::sort(means.begin(), means.end());
  const std::size_t m = means.size() / 2;
  Stat s;
  s.us = means.size() % 2 ? means[m] : (means[m - 1] + means[m]) / 2;
  s.lo = means.front();
  s.hi = means.back();
  s.batch = batch;
  return s;
}

inline nlohmann::json to_json(const Stat& s) {
  return nlohmann::json{{"us", s.us}, {"lo", s.lo}, {"hi", s.hi}, {"batch", s.batch}};
}

inline Timing timing_of(const nlohmann::json& j) {
  Timing t;
  if (auto it = j.find("minBatchUs"); it != j.end() && it->is_number()) t.min_batch_us = it->get<double>();
  if (auto it = j.find("rounds"); it != j.end() && it->is_number_integer()) t.rounds = std::max(1, it->get<int>());
  return t;
}

inline bool read_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

inline bool write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  return static_cast<bool>(f);
}

// The plan tests/bench/plan.mjs writes (build/bench/plan.json); null on failure.
inline nlohmann::json read_plan(const std::string& path) {
  std::string text;
  if (!read_file(path, text)) return nullptr;
  auto parsed = tb::parse_json(text, "PLAN", text.size() + 1, 512);
  if (!parsed.ok()) return nullptr;
  return std::move(parsed).value();
}

inline std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace bench
