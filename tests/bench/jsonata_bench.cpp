// Native column of the JSONata benchmark (tests/bench/run.mjs runs it beside the WASM build
// and jsonata-js 2.2.2 on the same plan):
//
//   jsonata-bench <plan.json> [--json OUT] [--count REPS]
//
// The plan (tests/bench/plan.mjs) holds the ServiceNow body, the extraction expressions, the
// conformance cases fit for timing with their inputs as JSON text, and the timing parameters.
// Like the WASM build, the "parse + evaluate" figures start from JSON text; "evaluate only"
// reuses a Document parsed once (the WASM API has no such entry point).
// --count REPS, under valgrind --tool=callgrind, counts instructions instead of timing
// (tests/bench/callgrind.mjs): each workload REPS times, the suite REPS passes over all cases.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "ticketbridge/jsonata.hpp"

namespace {

namespace jsn = tb::jsonata;
using nlohmann::json;

// Keeps the optimiser from dropping the work.
volatile std::size_t g_sink = 0;

void consume(const tb::jsonata::Result<jsn::Output>& r) { g_sink = g_sink + (r.ok() ? r.value().json.size() : 1); }

jsn::Expression compile_or_die(const std::string& source, bool& ok) {
  auto r = jsn::Expression::compile(source);
  if (!r.ok()) {
    std::fprintf(stderr, "jsonata-bench: does not compile: %s\n", source.c_str());
    ok = false;
    return jsn::Expression();
  }
  return std::move(r).value();
}

json extraction(const json& plan, const std::string& common_body, const bench::Timing& t, long reps, bool& ok) {
  json out = json::object();
  for (const auto& w : plan["extraction"]) {
    // A workload may bring a generated body of its own (plan.bodies, by name).
    std::string body = common_body;
    if (plan.contains("bodies")) {
      const json& bodies = plan["bodies"];
      const auto own = bodies.find(bench::str(w, "name"));
      if (own != bodies.end() && own->is_string()) body = own->get<std::string>();
    }
    const auto doc = jsn::Document::parse(body);
    if (!doc.ok()) {
      std::fprintf(stderr, "jsonata-bench: the response body is not JSON\n");
      ok = false;
      return out;
    }
    const std::string source = bench::str(w, "expression");
    const jsn::Expression e = compile_or_die(source, ok);
    if (!ok) return out;
    const std::string name = bench::str(w, "name");
    json row;
    // evaluate_json: the text in, the answer out (it builds only what the expression reaches).
    row["parseEval"] = bench::run(("a." + name + ".parseEval").c_str(), [&] { consume(e.evaluate_json(body)); }, t, reps);
    row["evalOnly"] = bench::run(("a." + name + ".evalOnly").c_str(), [&] { consume(e.evaluate(doc.value())); }, t, reps);
    row["compile"] = bench::run(("c." + name).c_str(), [&] { g_sink = g_sink + jsn::Expression::compile(source).ok(); }, t, reps);
    out[name] = row;
  }
  return out;
}

// The compile set (issue 18): each expression timed alone; counted as one pass over the set.
json compile_set(const json& plan, const bench::Timing& t, long reps) {
  json out = json::object();
  if (!plan.contains("compileSet")) return out;
  std::vector<std::string> sources;
  for (const auto& e : plan["compileSet"]["expressions"]) sources.push_back(e.get<std::string>());
  if (reps > 0) {
    bench::count("c.set", [&] { for (const auto& s : sources) g_sink = g_sink + jsn::Expression::compile(s).ok(); }, reps);
    return out;
  }
  for (std::size_t i = 0; i < sources.size(); ++i) {
    out[std::to_string(i)] = bench::to_json(bench::measure([&] { g_sink = g_sink + jsn::Expression::compile(sources[i]).ok(); }, t));
  }
  return out;
}

struct Case {
  std::string id, source, input, bindings;
  jsn::Expression expr;
  jsn::Document input_doc, bindings_doc;
  const jsn::Document* b() const { return bindings.empty() ? nullptr : &bindings_doc; }
};

// The plan's cases, compiled, with their inputs also parsed once for "evaluate only".
std::vector<Case> load_cases(const json& plan, bool& ok) {
  std::vector<Case> out;
  for (const auto& c : plan["cases"]) {
    Case k{bench::str(c, "id"), bench::str(c, "expr"), bench::str(c, "input"), bench::str(c, "bindings"), {}, {}, {}};
    bool compiled = true;
    k.expr = compile_or_die(k.source, compiled);
    auto in = jsn::Document::parse(k.input.empty() ? std::string("null") : k.input);
    auto bi = jsn::Document::parse(k.bindings.empty() ? std::string("{}") : k.bindings);
    // The plan holds only cases both JavaScript-side engines answer; the same sources must too.
    if (!compiled || !in.ok() || !bi.ok() || !k.expr.evaluate_json(k.input, k.bindings).ok()) {
      std::fprintf(stderr, "jsonata-bench: %s fails natively\n", k.id.c_str());
      ok = false;
      continue;
    }
    if (!k.input.empty()) k.input_doc = std::move(in).value();
    if (!k.bindings.empty()) k.bindings_doc = std::move(bi).value();
    out.push_back(std::move(k));
  }
  return out;
}

json suite(const std::vector<Case>& cases, const bench::Timing& t, long reps) {
  json out = json::object();
  if (reps > 0) {  // one pass over every case per repetition
    bench::count("b.eval", [&] { for (const auto& k : cases) consume(k.expr.evaluate_json(k.input, k.bindings)); }, reps);
    bench::count("b.evalOnly", [&] { for (const auto& k : cases) consume(k.expr.evaluate(k.input_doc, k.b())); }, reps);
    bench::count("c.suite", [&] { for (const auto& k : cases) g_sink = g_sink + jsn::Expression::compile(k.source).ok(); }, reps);
    return out;
  }
  for (const auto& k : cases) {
    const bench::Stat ev = bench::measure([&] { consume(k.expr.evaluate_json(k.input, k.bindings)); }, t);
    const bench::Stat only = bench::measure([&] { consume(k.expr.evaluate(k.input_doc, k.b())); }, t);
    const bench::Stat co = bench::measure([&] { g_sink = g_sink + jsn::Expression::compile(k.source).ok(); }, t);
    out[k.id] = json{{"eval", ev.us}, {"evalSpread", (ev.hi - ev.lo) / ev.us}, {"evalWall", ev.wall_us}, {"evalOnly", only.us}, {"compile", co.us}};
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv);
  const auto& plan = args.plan;
  const long reps = args.reps;
  const std::string& json_path = args.json_path;
  if (!plan.is_object()) {
    std::fprintf(stderr, "usage: jsonata-bench <plan.json> [--json OUT] [--count REPS]   (plan: node tests/bench/run.mjs --plan-only)\n");
    return 2;
  }
  const bench::Timing single = bench::timing_of(plan["timing"]["single"]);
  const bench::Timing per_case = bench::timing_of(plan["timing"]["perCase"]);
  const std::string body = bench::str(plan, "body");
  bool ok = true;

  json out;
  out["engine"] = "native";
  out["extraction"] = extraction(plan, body, single, reps, ok);
  out["parse"] = bench::run("a.parse", [&] { g_sink = g_sink + jsn::Document::parse(body).ok(); }, single, reps);
  bool trivial_ok = true;
  const jsn::Expression trivial = compile_or_die(bench::str(plan, "overheadExpression"), trivial_ok);
  out["overhead"] = bench::run("a.overhead", [&] { consume(trivial.evaluate_json({})); }, single, reps);
  out["compileSet"] = compile_set(plan, single, reps);
  const std::vector<Case> cases = load_cases(plan, ok);
  out["suite"] = suite(cases, per_case, reps);

  const std::string text = tb::dump_json(out, 1) + "\n";
  if (json_path.empty()) std::fputs(text.c_str(), stdout);
  else if (!bench::write_file(json_path, text)) return 1;
  return ok && trivial_ok ? 0 : 1;
}
