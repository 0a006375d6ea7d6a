// Native column of the category-import benchmark (tests/bench/run.mjs runs it beside the WASM
// build and papaparse on the same 1,000-row file):
//
//   categories-bench <plan.json> [--json OUT] [--count REPS]
//
// "import" is tb::import_categories_csv alone (parse + validate + build the list);
// "importWithReport" adds the report's JSON text (import_report_json_text), which is what the
// WASM call returns to JavaScript.
// --count REPS counts instructions under callgrind instead of timing (see bench_timing.hpp).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_timing.hpp"
#include "ticketbridge/categories.hpp"

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv);
  const auto& plan = args.plan;
  const long reps = args.reps;
  const std::string& json_path = args.json_path;
  std::string csv;
  if (!plan.is_object() || !bench::read_file(bench::str(plan, "categoriesFile"), csv)) {
    std::fprintf(stderr, "usage: categories-bench <plan.json> [--json OUT] [--count REPS]   (plan: node tests/bench/run.mjs --plan-only)\n");
    return 2;
  }
  const bench::Timing t = bench::timing_of(plan["timing"]["single"]);
  const tb::ImportReport check = tb::import_categories_csv(csv);
  if (!check.accepted) {
    std::fprintf(stderr, "categories-bench: the benchmark file was rejected\n");
    return 1;
  }
  volatile std::size_t sink = 0;
  nlohmann::json out;
  out["engine"] = "native";
  out["rows"] = check.imported;
  out["bytes"] = csv.size();
  out["import"] = bench::run("cat.import", [&] { sink = sink + tb::import_categories_csv(csv).imported; }, t, reps);
  out["importWithReport"] = bench::run("cat.report",
      [&] { sink = sink + tb::import_report_json_text(tb::import_categories_csv(csv)).size(); }, t, reps);
  const std::string text = tb::dump_json(out, 1) + "\n";
  if (json_path.empty()) std::fputs(text.c_str(), stdout);
  else if (!bench::write_file(json_path, text)) return 1;
  return 0;
}
