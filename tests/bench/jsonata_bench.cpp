// Native JSONata benchmark.
//
//   jsonata-bench <suite-dir> <servicenow-response.json> [--json FILE] [--quick]
//
// (a) the Output tab's work on a ServiceNow create response: JSON parse + evaluate of the
//     ticket expression and of a richer one (string functions, a filter), plus each part alone;
// (b) every ordinary `result` case of the suite compiled once and evaluated repeatedly over its
//     pre-parsed input: median time per case, and the sum of the medians;
// (c) compile time (the ticket expression, and the suite's expressions).
// Times are medians of batches, in microseconds. --json writes them for the comparison table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ticketbridge/jsonata.hpp"
#include "jsonata/json_reader.hpp"
#include "jsonata/json_writer.hpp"

namespace {

namespace jsn = tb::jsonata;
using Clock = std::chrono::steady_clock;

const char* const kTicket = R"({"ticketId": result.sys_id, "ticketNumber": result.number})";
const char* const kRich =
    R"({"ticket": $uppercase(result.number), "summary": $substring(result.short_description, 0, 20) & "...", )"
    R"("refs": $keys(result)[$contains($, "_by")], )"
    R"("links": $each(result, function($v, $k){ $type($v) = "object" ? $k & "=" & $v.value })[$], )"
    R"("open": result.active = "true" and result.state in ["1","2"]})";

bool read_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

std::vector<std::string> list_dir(const std::string& path, bool dirs) {
  std::vector<std::string> out;
  if (DIR* d = opendir(path.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != ".." && (e->d_type == DT_DIR) == dirs) out.push_back(name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Median over `batches` batches of the per-call time (microseconds); each batch runs `fn`
// enough times to last about `batch_us`.
double measure(const std::function<void()>& fn, int batches, double batch_us) {
  auto t0 = Clock::now();
  fn();
  double once = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
  long reps = std::max<long>(1, static_cast<long>(batch_us / std::max(once, 0.01)));
  std::vector<double> per;
  for (int b = 0; b < batches; ++b) {
    auto s = Clock::now();
    for (long i = 0; i < reps; ++i) fn();
    per.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count() / static_cast<double>(reps));
  }
  std::sort(per.begin(), per.end());
  return per[per.size() / 2];
}

struct SuiteCase {
  std::string id;
  jsn::Expression expr;
  jsn::Document input;
  jsn::Document bindings;
  bool has_bindings = false;
  std::string source;
};

std::string str_field(jsn::Value obj, const char* key) {
  const jsn::Value* v = obj.kind == jsn::Kind::Object ? jsn::get(obj.obj, key) : nullptr;
  return v && v->kind == jsn::Kind::String ? std::string(v->sv()) : std::string();
}

std::vector<SuiteCase> load_suite(const std::string& dir) {
  std::vector<SuiteCase> out;
  for (const auto& group : list_dir(dir + "/groups", true)) {
    for (const auto& file : list_dir(dir + "/groups/" + group, false)) {
      if (file.size() < 5 || file.substr(file.size() - 5) != ".json") continue;
      std::string text;
      read_file(dir + "/groups/" + group + "/" + file, text);
      jsn::Arena arena;
      jsn::Value doc;
      jsn::JsonReadError err;
      if (!jsn::read_json(arena, text.data(), text.size(), 512, doc, err)) continue;
      std::vector<jsn::Value> cases;
      if (doc.kind == jsn::Kind::Array) cases.assign(doc.arr->items, doc.arr->items + doc.arr->size);
      else cases.push_back(doc);
      for (std::size_t i = 0; i < cases.size(); ++i) {
        jsn::Value c = cases[i];
        // Ordinary cases: a defined result, no time box, no clock or randomness.
        if (!jsn::get(c.obj, "result") || jsn::get(c.obj, "timelimit")) continue;
        std::string expr = str_field(c, "expr");
        if (expr.empty()) {
          std::string f = str_field(c, "expr-file");
          if (f.empty() || !read_file(dir + "/groups/" + group + "/" + f, expr)) continue;
        }
        if (expr.find("$now") != std::string::npos || expr.find("$millis") != std::string::npos ||
            expr.find("$random") != std::string::npos || expr.find("$shuffle") != std::string::npos)
          continue;
        SuiteCase sc;
        sc.id = group + "/" + file.substr(0, file.size() - 5) + (doc.kind == jsn::Kind::Array ? "#" + std::to_string(i) : "");
        sc.source = expr;
        auto compiled = jsn::Expression::compile(expr);
        if (!compiled.ok()) continue;
        sc.expr = compiled.value();
        std::string input;
        if (const jsn::Value* d = jsn::get(c.obj, "data")) {
          jsn::write_json(input, *d, jsn::WriteOptions());
        } else {
          std::string ds = str_field(c, "dataset");
          if (!ds.empty()) read_file(dir + "/datasets/" + ds + ".json", input);
        }
        if (!input.empty()) {
          auto parsed = jsn::Document::parse(input);
          if (!parsed.ok()) continue;
          sc.input = parsed.value();
        }
        const jsn::Value* b = jsn::get(c.obj, "bindings");
        if (b && b->kind == jsn::Kind::Object && b->obj->size) {
          std::string bt;
          jsn::write_json(bt, *b, jsn::WriteOptions());
          sc.bindings = jsn::Document::parse(bt).value();
          sc.has_bindings = true;
        }
        // Only cases that evaluate successfully here (the picture functions may be absent).
        if (!sc.expr.evaluate(sc.input, sc.has_bindings ? &sc.bindings : nullptr).ok()) continue;
        out.push_back(std::move(sc));
      }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string suite, fixture, json_path;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json" && i + 1 < argc) json_path = argv[++i];
    else if (a == "--quick") quick = true;
    else if (suite.empty()) suite = a;
    else fixture = a;
  }
  std::string body;
  if (suite.empty() || fixture.empty() || !read_file(fixture, body)) {
    std::fprintf(stderr, "usage: jsonata-bench <suite-dir> <servicenow-response.json> [--json FILE] [--quick]\n");
    return 2;
  }
  int batches = quick ? 5 : 15;
  double batch_us = quick ? 2000 : 20000;

  auto ticket = jsn::Expression::compile(kTicket).value();
  auto rich = jsn::Expression::compile(kRich).value();
  auto doc = jsn::Document::parse(body).value();
  std::string check = ticket.evaluate(doc).value().json;
  std::string rich_check = rich.evaluate(doc).value().json;

  struct Row {
    const char* name;
    double us;
  };
  std::vector<Row> rows;
  volatile std::size_t sink = 0;
  rows.push_back({"ticket: JSON parse + evaluate", measure([&] {
                    auto d = jsn::Document::parse(body);
                    sink = sink + ticket.evaluate(d.value()).value().json.size();
                  }, batches, batch_us)});
  rows.push_back({"ticket: evaluate only", measure([&] { sink = sink + ticket.evaluate(doc).value().json.size(); }, batches, batch_us)});
  rows.push_back({"JSON parse only (1.5 KB body)", measure([&] { sink = sink + jsn::Document::parse(body).ok(); }, batches, batch_us)});
  rows.push_back({"rich: JSON parse + evaluate", measure([&] {
                    auto d = jsn::Document::parse(body);
                    sink = sink + rich.evaluate(d.value()).value().json.size();
                  }, batches, batch_us)});
  rows.push_back({"rich: evaluate only", measure([&] { sink = sink + rich.evaluate(doc).value().json.size(); }, batches, batch_us)});
  rows.push_back({"compile ticket expression", measure([&] { sink = sink + jsn::Expression::compile(kTicket).ok(); }, batches, batch_us)});
  rows.push_back({"compile rich expression", measure([&] { sink = sink + jsn::Expression::compile(kRich).ok(); }, batches, batch_us)});

  std::vector<SuiteCase> cases = load_suite(suite);
  std::vector<std::pair<double, std::string>> eval_times, compile_times;
  double eval_total = 0, compile_total = 0;
  for (auto& c : cases) {
    const jsn::Document* b = c.has_bindings ? &c.bindings : nullptr;
    double t = measure([&] { sink = sink + c.expr.evaluate(c.input, b).ok(); }, quick ? 3 : 7, quick ? 500 : 3000);
    double ct = measure([&] { sink = sink + jsn::Expression::compile(c.source).ok(); }, 3, quick ? 200 : 1000);
    eval_times.emplace_back(t, c.id);
    compile_times.emplace_back(ct, c.id);
    eval_total += t;
    compile_total += ct;
  }
  std::vector<double> sorted;
  for (auto& e : eval_times) sorted.push_back(e.first);
  std::sort(sorted.begin(), sorted.end());
  double eval_median = sorted.empty() ? 0 : sorted[sorted.size() / 2];
  std::sort(eval_times.rbegin(), eval_times.rend());

  std::printf("%-44s %12s\n", "workload (native)", "us / call");
  for (const auto& r : rows) std::printf("%-44s %12.3f\n", r.name, r.us);
  std::printf("%-44s %12zu\n", "suite: ordinary result cases", cases.size());
  std::printf("%-44s %12.3f\n", "suite: median of per-case medians", eval_median);
  std::printf("%-44s %12.3f\n", "suite: mean per case", cases.empty() ? 0 : eval_total / cases.size());
  std::printf("%-44s %12.1f\n", "suite: sum of per-case medians", eval_total);
  std::printf("%-44s %12.3f\n", "suite: compile, mean per expression", cases.empty() ? 0 : compile_total / cases.size());
  std::printf("slowest cases:\n");
  for (std::size_t i = 0; i < eval_times.size() && i < 6; ++i)
    std::printf("  %10.1f us  %s\n", eval_times[i].first, eval_times[i].second.c_str());
  std::printf("ticket result: %s\n", check.c_str());
  std::printf("rich result: %s\n", rich_check.c_str());

  if (!json_path.empty()) {
    std::string j = "{\n  \"unit\": \"microseconds per call\",\n  \"rows\": {";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      j += i ? ",\n    " : "\n    ";
      jsn::write_json_string(j, rows[i].name);
      j += ": " + std::to_string(rows[i].us);
    }
    j += "\n  },\n  \"suite\": {\"cases\": " + std::to_string(cases.size()) + ", \"median\": " + std::to_string(eval_median) +
         ", \"total\": " + std::to_string(eval_total) + ", \"compile_mean\": " +
         std::to_string(cases.empty() ? 0 : compile_total / cases.size()) + ",\n    \"per_case\": {";
    std::sort(eval_times.begin(), eval_times.end(), [](auto& a, auto& b) { return a.second < b.second; });
    for (std::size_t i = 0; i < eval_times.size(); ++i) {
      j += i ? ",\n      " : "\n      ";
      jsn::write_json_string(j, eval_times[i].second);
      j += ": " + std::to_string(eval_times[i].first);
    }
    j += "\n    }\n  },\n  \"expressions\": {\"ticket\": ";
    jsn::write_json_string(j, kTicket);
    j += ", \"rich\": ";
    jsn::write_json_string(j, kRich);
    j += "}\n}\n";
    std::ofstream f(json_path, std::ios::binary);
    f << j;
  }
  return 0;
}
