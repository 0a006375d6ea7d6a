// Native JSONata benchmark, the native column beside tests/bench/jsonata.mjs (WASM in Node and
// jsonata-js 2.2.2). Same workloads (tests/bench/workloads.json):
//
//   jsonata-bench <suite-dir> [<servicenow-response.json>] [--workloads FILE] [--json FILE] [--quick]
//
// (a) each extraction expression over a ServiceNow create response: JSON parse of the body
//     plus evaluation, evaluation alone, and the parse alone;
// (b) every ordinary `result` case of the suite compiled once and evaluated repeatedly: with
//     its input parsed each time (what the Node column measures) and over a pre-parsed
//     Document; mean per case, and the median case;
// (c) compile time of the suite's expressions and of the extraction expressions.
// Times are medians of batches, in microseconds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "ticketbridge/jsonata.hpp"
#include "jsonata/json_reader.hpp"
#include "jsonata/json_writer.hpp"

namespace {

namespace jsn = tb::jsonata;
using Clock = std::chrono::steady_clock;

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

struct Timing {
  int batches;
  double batch_us;
};

// Median over batches of the per-call time; each batch runs `fn` for about batch_us.
double measure(const std::function<void()>& fn, Timing t) {
  auto t0 = Clock::now();
  fn();
  double once = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
  long reps = std::max<long>(1, static_cast<long>(t.batch_us / std::max(once, 0.01)));
  std::vector<double> per;
  for (int b = 0; b < t.batches; ++b) {
    auto s = Clock::now();
    for (long i = 0; i < reps; ++i) fn();
    per.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count() / static_cast<double>(reps));
  }
  std::sort(per.begin(), per.end());
  return per[per.size() / 2];
}

// A parsed JSON file (workloads, case files); values point into its arena.
struct Json {
  jsn::Arena arena;
  jsn::Value root;
  bool parse(const std::string& text) {
    jsn::JsonReadError err;
    return jsn::read_json(arena, text.data(), text.size(), 512, root, err);
  }
};

std::string str_field(jsn::Value obj, const char* key) {
  const jsn::Value* v = obj.kind == jsn::Kind::Object ? jsn::get(obj.obj, key) : nullptr;
  return v && v->kind == jsn::Kind::String ? std::string(v->sv()) : std::string();
}

std::string to_text(jsn::Value v) {
  std::string out;
  jsn::write_json(out, v, jsn::WriteOptions());
  return out;
}

struct Workload {
  std::string name, expression;
};

struct SuiteCase {
  std::string id, source, input;
  jsn::Expression expr;
  jsn::Document doc;
  jsn::Document bindings;
  bool has_bindings = false;
};

// Ordinary cases: a defined result, no time box, no clock or randomness, evaluating here.
std::vector<SuiteCase> load_suite(const std::string& dir) {
  std::vector<SuiteCase> out;
  for (const auto& group : list_dir(dir + "/groups", true)) {
    for (const auto& file : list_dir(dir + "/groups/" + group, false)) {
      if (file.size() < 5 || file.substr(file.size() - 5) != ".json") continue;
      std::string text;
      read_file(dir + "/groups/" + group + "/" + file, text);
      Json doc;
      if (!doc.parse(text)) continue;
      std::vector<jsn::Value> cases;
      if (doc.root.kind == jsn::Kind::Array) cases.assign(doc.root.arr->items, doc.root.arr->items + doc.root.arr->size);
      else cases.push_back(doc.root);
      for (std::size_t i = 0; i < cases.size(); ++i) {
        jsn::Value c = cases[i];
        if (!jsn::get(c.obj, "result") || jsn::get(c.obj, "timelimit") || jsn::get(c.obj, "depth")) continue;
        std::string expr = str_field(c, "expr");
        if (expr.empty()) {
          std::string f = str_field(c, "expr-file");
          if (f.empty() || !read_file(dir + "/groups/" + group + "/" + f, expr)) continue;
        }
        if (expr.find("$now") != std::string::npos || expr.find("$millis") != std::string::npos ||
            expr.find("$random") != std::string::npos || expr.find("$shuffle") != std::string::npos)
          continue;
        SuiteCase sc;
        sc.id = group + "/" + file.substr(0, file.size() - 5) +
                (doc.root.kind == jsn::Kind::Array ? "#" + std::to_string(i) : "");
        sc.source = expr;
        auto compiled = jsn::Expression::compile(expr);
        if (!compiled.ok()) continue;
        sc.expr = compiled.value();
        if (const jsn::Value* d = jsn::get(c.obj, "data")) {
          sc.input = to_text(*d);
        } else {
          std::string ds = str_field(c, "dataset");
          if (!ds.empty()) read_file(dir + "/datasets/" + ds + ".json", sc.input);
        }
        if (!sc.input.empty()) {
          auto parsed = jsn::Document::parse(sc.input);
          if (!parsed.ok()) continue;
          sc.doc = parsed.value();
        }
        const jsn::Value* b = jsn::get(c.obj, "bindings");
        if (b && b->kind == jsn::Kind::Object && b->obj->size) {
          sc.bindings = jsn::Document::parse(to_text(*b)).value();
          sc.has_bindings = true;
        }
        if (!sc.expr.evaluate(sc.doc, sc.has_bindings ? &sc.bindings : nullptr).ok()) continue;
        out.push_back(std::move(sc));
      }
    }
  }
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string suite, response, json_path, workloads_path = TB_BENCH_WORKLOADS;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json" && i + 1 < argc) json_path = argv[++i];
    else if (a == "--workloads" && i + 1 < argc) workloads_path = argv[++i];
    else if (a == "--quick") quick = true;
    else if (suite.empty()) suite = a;
    else response = a;
  }
  std::string wtext;
  Json wjson;
  if (suite.empty() || !read_file(workloads_path, wtext) || !wjson.parse(wtext)) {
    std::fprintf(stderr,
                 "usage: jsonata-bench <suite-dir> [<servicenow-response.json>] [--workloads FILE] [--json FILE] "
                 "[--quick]\n");
    return 2;
  }
  if (response.empty()) response = std::string(TB_SOURCE_DIR) + "/" + str_field(wjson.root, "responseFile");
  std::string body;
  if (!read_file(response, body)) {
    std::fprintf(stderr, "cannot read %s\n", response.c_str());
    return 2;
  }
  std::vector<Workload> workloads;
  if (const jsn::Value* list = jsn::get(wjson.root.obj, "extraction"); list && list->kind == jsn::Kind::Array)
    for (std::uint32_t i = 0; i < list->arr->size; ++i)
      workloads.push_back({str_field(list->arr->items[i], "name"), str_field(list->arr->items[i], "expression")});

  Timing fast = quick ? Timing{5, 2000} : Timing{15, 20000};
  Timing per_case = quick ? Timing{3, 500} : Timing{5, 5000};
  volatile std::size_t sink = 0;
  auto doc = jsn::Document::parse(body).value();

  std::printf("%-46s %12s %12s %12s\n", "extraction (native, us)", "parse+eval", "eval only", "compile");
  std::string jx = "[";
  for (const auto& w : workloads) {
    auto compiled = jsn::Expression::compile(w.expression);
    if (!compiled.ok()) {
      std::fprintf(stderr, "%s: %s\n", w.name.c_str(), compiled.error().message.c_str());
      return 1;
    }
    auto e = compiled.value();
    double both = measure([&] { sink = sink + e.evaluate(jsn::Document::parse(body).value()).value().json.size(); }, fast);
    double eval = measure([&] { sink = sink + e.evaluate(doc).value().json.size(); }, fast);
    double comp = measure([&] { sink = sink + jsn::Expression::compile(w.expression).ok(); }, fast);
    std::printf("%-46s %12.3f %12.3f %12.3f\n", w.name.c_str(), both, eval, comp);
    std::string name;
    jsn::write_json_string(name, w.name);
    jx += std::string(jx.size() > 1 ? ",\n    " : "\n    ") + "{\"name\": " + name + ", \"nativeUs\": " + number(both) +
          ", \"nativeEvalOnlyUs\": " + number(eval) + ", \"nativeCompileUs\": " + number(comp) + "}";
  }
  jx += "\n  ]";
  double parse_us = measure([&] { sink = sink + jsn::Document::parse(body).ok(); }, fast);
  std::printf("%-46s %12.3f\n", "JSON parse of the response alone", parse_us);

  std::vector<SuiteCase> cases = load_suite(suite);
  std::vector<std::pair<double, std::string>> evals;
  double total = 0, total_eval = 0, total_compile = 0;
  for (auto& c : cases) {
    const jsn::Document* b = c.has_bindings ? &c.bindings : nullptr;
    double with_parse = measure([&] { sink = sink + c.expr.evaluate_json(c.input, "", jsn::Limits()).ok(); }, per_case);
    if (b) with_parse = measure([&] {
        auto d = c.input.empty() ? jsn::Document() : jsn::Document::parse(c.input).value();
        sink = sink + c.expr.evaluate(d, b).ok();
      }, per_case);
    double eval = measure([&] { sink = sink + c.expr.evaluate(c.doc, b).ok(); }, per_case);
    total_compile += measure([&] { sink = sink + jsn::Expression::compile(c.source).ok(); }, per_case);
    evals.emplace_back(eval, c.id);
    total += with_parse;
    total_eval += eval;
  }
  std::size_t n = cases.size();
  std::vector<double> sorted;
  for (auto& e : evals) sorted.push_back(e.first);
  std::sort(sorted.begin(), sorted.end());
  double median = sorted.empty() ? 0 : sorted[sorted.size() / 2];
  std::printf("%-46s %12zu\n", "suite: ordinary result cases", n);
  std::printf("%-46s %12.3f\n", "suite: mean per case, input parsed each time", n ? total / n : 0);
  std::printf("%-46s %12.3f\n", "suite: mean per case, pre-parsed input", n ? total_eval / n : 0);
  std::printf("%-46s %12.3f\n", "suite: median case, pre-parsed input", median);
  std::printf("%-46s %12.3f\n", "suite: compile, mean per expression", n ? total_compile / n : 0);
  std::sort(evals.rbegin(), evals.rend());
  std::printf("slowest cases (pre-parsed input):\n");
  for (std::size_t i = 0; i < evals.size() && i < 5; ++i)
    std::printf("  %10.1f us  %s\n", evals[i].first, evals[i].second.c_str());

  if (!json_path.empty()) {
    std::sort(evals.begin(), evals.end(), [](auto& a, auto& b) { return a.second < b.second; });
    std::string j = "{\n  \"extraction\": " + jx + ",\n  \"parseUs\": " + number(parse_us) +
                    ",\n  \"suite\": {\"cases\": " + std::to_string(n) +
                    ", \"nativeUsPerCase\": " + number(n ? total / n : 0) +
                    ", \"nativeEvalOnlyUsPerCase\": " + number(n ? total_eval / n : 0) +
                    ", \"nativeMedianEvalOnlyUs\": " + number(median) + ",\n    \"perCaseEvalOnlyUs\": {";
    for (std::size_t i = 0; i < evals.size(); ++i) {
      j += i ? ",\n      " : "\n      ";
      jsn::write_json_string(j, evals[i].second);
      j += ": " + number(evals[i].first);
    }
    j += "\n    }},\n  \"compile\": {\"expressions\": " + std::to_string(n) +
         ", \"nativeUs\": " + number(n ? total_compile / n : 0) + "}\n}\n";
    std::ofstream f(json_path, std::ios::binary);
    f << j;
  }
  return 0;
}
