// The registry of error codes (core/src/errors/error_codes.cpp) against what the sources
// produce and what docs/errors.md says. Two ways to fail: a code used somewhere but not
// registered, and docs that disagree with the table.
//
// How a code is recognised in the sources (one line at a time; chosen so that every match is
// a code being produced, never a comparison or a comment):
//   C++   the first argument of make_error( / fail( / located( when it is a string literal;
//         a literal assigned to something named *code / *Code (`e.code = "X"`); the code of an
//         escalation outcome (`make(Outcome::Kind::K, "X"`); a `{"code", "X"}` pair. A literal
//         prefix given to parse_json(text, "P", ...) produces P_INVALID_JSON, P_TOO_LARGE,
//         P_TOO_DEEP and P_INVALID_UTF8 (unless its errors never leave the core, kInternal).
//   JS    a literal after `code:` or `code =` (`{ code: 'X' }`, `this.code = 'X'`), or after
//         `??` in a `code:` member (`code: err?.code ?? 'X'`). A code built at run time
//         (`code: \`ITSM_${...}\``) is refused outright: it cannot be registered.
// Only UPPER_SNAKE literals count. Codes composed in code (`"CONFIG_" + e.code`) are not
// literals: they are registered by hand (CONFIG_TEMPLATE_SYNTAX, the redaction reader's
// prefixes below).
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "test_support.hpp"
#include "ticketbridge/error_codes.hpp"

using namespace tb;
using namespace tbtest;
namespace fs = std::filesystem;

namespace {

const std::string kBegin = "<!-- BEGIN error codes: generated from core/src/errors/error_codes.cpp by test_error_registry -->\n";
const std::string kEnd = "<!-- END error codes -->";

// parse_json prefixes whose errors are replaced or dropped before anything leaves the core.
const std::map<std::string, std::string> kInternal = {
    {"BODY", "an ITSM body read for a message or a token: unreadable means 'no message' / 'no token'"},
    {"OUTPUT", "an output value re-read by the core itself; its text came from the engine"},
    {"TOKEN", "a token answer: unreadable becomes TOKEN_RESPONSE_INVALID"},
    {"CONFIG_PAYLOAD", "a payload's shape check: re-coded as CONFIG_INVALID_PAYLOAD"},
    {"HOSTS", "the façade's list of lent functions: re-coded as JSONATA_HOST_FUNCTIONS"},
};

// The redaction reader composes its codes from the prefix it is called with.
const std::map<std::string, std::vector<std::string>> kComposed = {
    {"core/src/transcript_redaction/redaction_options.cpp", {"CONFIG", "REDACTION"}},
};

struct Use {
  std::string code;
  std::string where;
};

std::vector<Use> codes_used_in(const std::string& rel, bool js) {
  static const std::vector<std::regex> cpp = {
      std::regex(R"re((?:make_error|fail|located)\(\s*"([A-Z][A-Z0-9_]*[A-Z0-9])"(?!\s*\+))re"),
      std::regex(R"re([cC]ode\s*=\s*"([A-Z][A-Z0-9_]*[A-Z0-9])"(?!\s*\+))re"),
      std::regex(R"re(Outcome::Kind::\w+,\s*"([A-Z][A-Z0-9_]*[A-Z0-9])"(?!\s*\+))re"),
      std::regex(R"re(\{"code",\s*"([A-Z][A-Z0-9_]*[A-Z0-9])"(?!\s*\+))re"),
  };
  static const std::regex cpp_prefix(R"re(parse_json\([^;]*?,\s*"([A-Z][A-Z0-9_]*[A-Z0-9])"(?!\s*\+))re");
  static const std::vector<std::regex> jsx = {
      std::regex(R"re(\bcode\s*[:=]\s*['"]([A-Z][A-Z0-9_]*)['"])re"),
      std::regex(R"re(\bcode\s*:[^,}]*\?\?\s*['"]([A-Z][A-Z0-9_]*)['"])re"),
  };
  static const std::regex js_built(R"re(\bcode\s*:\s*`)re");
  std::vector<Use> out;
  std::ifstream in(source_path(rel));
  std::string line;
  // Every pattern needs one of these words, so a line without any is skipped before the
  // regexes run: std::regex is slow, and under the sanitizers the scan took minutes.
  static const char* const kWords[] = {"ode", "fail(", "located(", "make_error(", "Outcome::Kind::", "parse_json("};
  for (int n = 1; std::getline(in, line); ++n) {
    bool may_match = false;
    for (const char* w : kWords) may_match = may_match || line.find(w) != std::string::npos;
    if (!may_match) continue;
    const std::string where = rel + ":" + std::to_string(n);
    const auto& patterns = js ? jsx : cpp;
    for (const auto& re : patterns) {
      for (std::sregex_iterator it(line.begin(), line.end(), re), end; it != end; ++it) {
        const std::string code = (*it)[1];
        auto composed = kComposed.find(rel);
        if (composed == kComposed.end()) {
          out.push_back({code, where});
        } else {
          for (const auto& prefix : composed->second) out.push_back({prefix + "_" + code, where});
        }
      }
    }
    if (js && std::regex_search(line, js_built)) out.push_back({"<a code built at run time>", where});
    if (!js) {
      for (std::sregex_iterator it(line.begin(), line.end(), cpp_prefix), end; it != end; ++it) {
        const std::string prefix = (*it)[1];
        if (kInternal.count(prefix)) continue;
        for (const char* suffix : {"_INVALID_JSON", "_TOO_LARGE", "_TOO_DEEP", "_INVALID_UTF8"}) out.push_back({prefix + suffix, where});
      }
    }
  }
  return out;
}

// core/ (the engine included), wasm/src, and wasm/js with the CLI. The ITSM simulator
// (wasm/js/itsm-sim) answers as ServiceNow does, with ServiceNow's own error shapes, which
// are not ours to register.
std::vector<std::pair<std::string, bool>> scanned_files() {
  std::vector<std::pair<std::string, bool>> files;
  const fs::path root(TB_SOURCE_DIR);
  for (const char* dir : {"core", "wasm/src", "wasm/js"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      const std::string rel = fs::relative(entry.path(), root).generic_string();
      if (rel.rfind("wasm/js/itsm-sim/", 0) == 0) continue;
      const std::string ext = entry.path().extension().string();
      if (ext == ".cpp" || ext == ".hpp") files.push_back({rel, false});
      if (ext == ".mjs") files.push_back({rel, true});
    }
  }
  return files;
}

std::string docs_path() { return source_path("docs/errors.md"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(error_registry)

BOOST_AUTO_TEST_CASE(every_row_is_well_formed_and_listed_once) {
  std::set<std::string> rooms, seen;
  for (const auto& r : error_rooms()) rooms.insert(std::string(r.key));
  static const std::regex shape(R"re([A-Z][A-Z0-9]*(_[A-Z0-9]+)*|[STDU][0-9]xxx)re");
  for (const auto& c : error_codes()) {
    const std::string code(c.code);
    BOOST_TEST(std::regex_match(code, shape), code);
    BOOST_TEST(seen.insert(code).second, "listed twice: " + code);
    BOOST_TEST(rooms.count(std::string(c.room)) == 1u, code);
    BOOST_TEST(!c.meaning.empty(), code);
    BOOST_TEST(c.meaning.find('\n') == std::string_view::npos, code);
    BOOST_TEST(c.meaning.find('|') == std::string_view::npos, code);  // a table cell
  }
}

BOOST_AUTO_TEST_CASE(codes_are_found_exactly_or_by_their_jsonata_family) {
  BOOST_REQUIRE(find_error_code("CONFIG_MISSING_FIELD"));
  BOOST_TEST(find_error_code("CONFIG_MISSING_FIELD")->room == "config");
  BOOST_REQUIRE(find_error_code("D3141"));
  BOOST_TEST(find_error_code("D3141")->code == "D3xxx");
  BOOST_TEST(find_error_code("S0201")->code == "S0xxx");
  BOOST_TEST(!find_error_code("D31415"));
  BOOST_TEST(!find_error_code("NO_SUCH_CODE"));
  BOOST_TEST(!find_error_code("ITSM_CONNECT"));  // the test panel's old names are gone
}

// The scanner must see the forms it claims to see; were it blind, the next test would pass
// whatever the sources hold.
BOOST_AUTO_TEST_CASE(the_scanner_recognises_every_form_it_describes) {
  std::set<std::string> all;
  for (const auto& [rel, js] : scanned_files())
    for (const auto& u : codes_used_in(rel, js)) all.insert(u.code);
  for (const char* code : {"CONFIG_MISSING_FIELD",      // make_error(
                           "D3141",                     // fail( in the engine
                           "RESPONSE_NOT_JSON",         // e.code = "..."
                           "PICTURE_RUNTIME_ERROR",     // kRuntimeErrorCode = "..."
                           "ITSM_RATE_LIMITED",         // make(Outcome::Kind::...
                           "SNAPSHOT_INVALID_JSON",     // a parse_json prefix
                           "REDACTION_UNKNOWN_FIELD",   // the redaction reader's composition
                           "NOT_INITIALISED",           // code: '...'
                           "USAGE",                     // this.code = '...'
                           "INTERNAL",                  // code: ... ?? '...'
                           "STORE_CLAIM_TIMEOUT"}) {
    BOOST_TEST(all.count(code) == 1u, code);
  }
  BOOST_TEST(all.count("BODY_INVALID_JSON") == 0u);  // internal prefixes are skipped
}

BOOST_AUTO_TEST_CASE(every_code_used_in_the_sources_is_registered) {
  std::size_t files = 0, uses = 0;
  for (const auto& [rel, js] : scanned_files()) {
    ++files;
    for (const auto& u : codes_used_in(rel, js)) {
      ++uses;
      BOOST_TEST(find_error_code(u.code) != nullptr,
                 u.where << ": " << u.code << " is not in core/src/errors/error_codes.cpp (add a row, then "
                         << "regenerate docs/errors.md: TB_REGENERATE_DOCS=1 build/native/bin/test_error_registry)");
    }
  }
  BOOST_TEST(files > 100u);
  BOOST_TEST(uses > 200u);
}

BOOST_AUTO_TEST_CASE(docs_errors_md_is_the_table) {
  std::string doc = read_file(docs_path());
  const auto begin = doc.find(kBegin);
  const auto end = doc.find(kEnd);
  BOOST_REQUIRE_MESSAGE(begin != std::string::npos && end != std::string::npos && begin < end,
                        "docs/errors.md lacks the generated section's markers: " + kBegin + kEnd);
  const std::string current = doc.substr(begin + kBegin.size(), end - begin - kBegin.size());
  const std::string expected = "\n" + error_codes_markdown();
  if (current != expected && std::getenv("TB_REGENERATE_DOCS")) {
    doc.replace(begin + kBegin.size(), current.size(), expected);
    std::ofstream(docs_path(), std::ios::binary) << doc;
    BOOST_TEST_MESSAGE("docs/errors.md regenerated");
    return;
  }
  BOOST_TEST(current == expected,
             "docs/errors.md disagrees with core/src/errors/error_codes.cpp; regenerate it with "
             "TB_REGENERATE_DOCS=1 build/native/bin/test_error_registry (after building that target)");
}

BOOST_AUTO_TEST_SUITE_END()
