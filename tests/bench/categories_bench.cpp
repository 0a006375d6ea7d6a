// Native side of the category-import benchmark (tests/bench/categories.mjs runs papaparse and
// the WASM build on the same file): median microseconds to import and validate 1,000 rows.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ticketbridge/categories.hpp"

namespace {

double now_us() {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <class F>
double median_us(F&& f) {
  int batch = 1;
  for (;;) {
    const double t0 = now_us();
    for (int i = 0; i < batch; ++i) f();
    if (now_us() - t0 > 20000 || batch > (1 << 20)) break;
    batch *= 2;
  }
  std::vector<double> means;
  for (int r = 0; r < 9; ++r) {
    const double t0 = now_us();
    for (int i = 0; i < batch; ++i) f();
    means.push_back((now_us() - t0) / batch);
  }
  std::sort(means.begin(), means.end());
  return means[means.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: categories-bench <file.csv>\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string csv = ss.str();
  const tb::ImportReport check = tb::import_categories_csv(csv);
  if (!check.accepted) {
    std::fprintf(stderr, "the benchmark file was rejected\n");
    return 1;
  }
  std::size_t sink = 0;
  const double import_us = median_us([&] { sink += tb::import_categories_csv(csv).imported; });
  const double report_us = median_us([&] { sink += tb::import_report_to_json(tb::import_categories_csv(csv)).size(); });
  std::printf("{\"rows\": %zu, \"bytes\": %zu, \"importUs\": %.2f, \"importWithReportUs\": %.2f, \"sink\": %zu}\n",
              check.imported, csv.size(), import_us, report_us, sink % 10);
  return 0;
}
