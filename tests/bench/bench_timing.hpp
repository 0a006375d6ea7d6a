// Timing for the native benchmark programs, the same rule as the Node columns
// (tests/bench/timing.mjs): a batch repeats the call, doubling from 1, until it has used at
// least min_batch_us of CPU; the figure is the median of `rounds` batch means; lo/hi are the
// fastest and slowest batch means. Time is the process's CPU time, not wall time: on a machine
// shared with other jobs, wall time mostly measures how much of a core we were given.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>

#include <nlohmann/json.hpp>
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define BENCH_HAVE_CALLGRIND 1
#endif
#endif

#include "ticketbridge/json_text.hpp"

namespace bench {

struct Timing {
  double min_batch_us = 20000;
  int rounds = 9;
};

struct Stat {
  double us = 0;  // median batch mean, CPU microseconds per call
  double lo = 0;
  double hi = 0;
  double wall_us = 0;  // median batch mean in wall time, for the record
  long batch = 0;
};

inline double wall_us() {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline double cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

inline double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

template <class F>
Stat measure(F&& fn, const Timing& t) {
  constexpr long kMaxBatch = 1L << 22;
  long batch = 1;
  for (;;) {
    const double t0 = cpu_us();
    for (long i = 0; i < batch; ++i) fn();
    if (cpu_us() - t0 >= t.min_batch_us || batch >= kMaxBatch) break;
    batch *= 2;
  }
  std::vector<double> means, walls;
  for (int r = 0; r < t.rounds; ++r) {
    const double w0 = wall_us();
    const double t0 = cpu_us();
    for (long i = 0; i < batch; ++i) fn();
    means.push_back((cpu_us() - t0) / static_cast<double>(batch));
    walls.push_back((wall_us() - w0) / static_cast<double>(batch));
  }
  Stat s;
  s.us = median_of(means);
  s.lo = *std::min_element(means.begin(), means.end());
  s.hi = *std::max_element(means.begin(), means.end());
  s.wall_us = median_of(walls);
  s.batch = batch;
  return s;
}

// Instruction counts, the cross-check that machine load cannot disturb: under
// `valgrind --tool=callgrind`, runs fn `reps` times between zeroing callgrind's counters and
// dumping them under `name` (tests/bench/callgrind.mjs reads the dumps). A no-op elsewhere.
template <class F>
void count(const char* name, F&& fn, long reps) {
#ifdef BENCH_HAVE_CALLGRIND
  fn();  // first-call work (lazy tables) is not per-call cost
  CALLGRIND_ZERO_STATS;
  for (long i = 0; i < reps; ++i) fn();
  CALLGRIND_DUMP_STATS_AT(name);
#else
  (void)name;
  (void)fn;
  (void)reps;
#endif
}

inline nlohmann::json to_json(const Stat& s) {
  return nlohmann::json{{"us", s.us}, {"lo", s.lo}, {"hi", s.hi}, {"wallUs", s.wall_us}, {"batch", s.batch}};
}

// Times fn, or with reps > 0 counts its instructions instead (see count()).
template <class F>
nlohmann::json run(const char* name, F&& fn, const Timing& t, long reps) {
  if (reps > 0) {
    count(name, fn, reps);
    return nlohmann::json{{"reps", reps}};
  }
  return to_json(measure(fn, t));
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

// The command line both native benchmark programs take: <plan.json> [--json OUT] [--count REPS].
struct Args {
  nlohmann::json plan;    // null when no plan was given or it could not be read
  std::string json_path;  // empty: print to stdout
  long reps = 0;          // > 0: count instructions (callgrind) instead of timing
};

inline Args parse_args(int argc, char** argv) {
  Args args;
  std::string plan_path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json" && i + 1 < argc) args.json_path = argv[++i];
    else if (a == "--count" && i + 1 < argc) args.reps = std::max(1L, std::atol(argv[++i]));
    else plan_path = a;
  }
  if (!plan_path.empty()) args.plan = read_plan(plan_path);
  return args;
}

inline std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace bench
