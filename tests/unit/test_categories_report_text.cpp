// The import report's JSON text (import_report_json_text, what the WASM boundary returns) is
// byte for byte what dump_json(import_report_to_json()) writes for the same report: on every
// import fixture, on the benchmark's 1,000-row file, on reports the importer cannot produce
// (two spellings of a category, invalid UTF-8) and on thousands of generated files that mix
// every kind of problem.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>

#include "ticketbridge/categories.hpp"
#include "ticketbridge/json_text.hpp"
#include "test_support.hpp"

namespace {

using tbtest::read_file;

const std::string kDir = std::string(TB_FIXTURES_DIR) + "/categories/";

std::string old_writer(const tb::ImportReport& report) { return tb::dump_json(tb::import_report_to_json(report)); }

tb::CsvImportOptions options_from(const nlohmann::json& o) {
  tb::CsvImportOptions options;
  if (o.value("formulas", "") == "neutralise") options.formulas = tb::FormulaPolicy::kNeutralise;
  options.max_bytes = o.value("maxBytes", options.max_bytes);
  options.max_rows = o.value("maxRows", options.max_rows);
  options.max_field_chars = o.value("maxFieldChars", options.max_field_chars);
  options.max_problems = o.value("maxProblems", options.max_problems);
  return options;
}

// A small deterministic generator (xorshift), so a failure reproduces.
class Random {
 public:
  explicit Random(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 7;
    s_ ^= s_ << 17;
    return s_;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t s_;
};

// A cell built from pieces that reach every branch of the importer and the writer: case and
// space variants of a few names (duplicates, other spellings), non-ASCII letters that fold,
// quotes, commas and line breaks inside quotes, formulas, control characters, JSON escapes,
// invalid UTF-8 and empty cells.
std::string random_cell(Random& rnd, bool clean, const std::string& suffix) {
  static const char* const kPieces[] = {
      "Hardware", "hardware", "HARD ware", "Network", "Ünïcode", "ÜNÏCODE", "Σίγμα", "σίγμαΣ", "Кириллица",
      "ｆｕｌｌ", "Zebra", "apple", "Apple", "a\\b", "tab\there", "x\x01y", "=SUM(A1)", "+1", "-x", "@me",
      " ", "  ", "\xff", "\xc3", "\xe2\x82", "é", "😀", "1", "22", "_", "\"", "", "\x7f", "/", "\u2028"};
  constexpr std::size_t kCleanPieces = 14;  // the names before the first problem piece
  std::string cell;
  const std::size_t parts = clean ? 1 + rnd.below(2) : rnd.below(4);
  for (std::size_t i = 0; i < parts; ++i) {
    cell += kPieces[rnd.below(clean ? kCleanPieces : sizeof kPieces / sizeof *kPieces)];
  }
  if (!clean && rnd.below(8) == 0) cell += std::string(rnd.below(120), 'w');
  cell += suffix;
  const bool quote = rnd.below(3) == 0 || cell.find_first_of(",\"\n") != std::string::npos;
  if (!quote) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  if (!clean && rnd.below(10) == 0) out += ",\n";
  if (clean || rnd.below(20) != 0) out += '"';  // now and then left open, or followed by text
  if (!clean && rnd.below(20) == 0) out += "tail";
  return out;
}

std::string random_csv(Random& rnd) {
  static const char* const kHeaders[] = {"category,sub_category", "Sub Category,CATEGORY", "category,sub_category,notes",
                                         "category,category,sub_category", "name,value", "", "category"};
  // A third of the files hold only names that import (unique pairs, nothing to reject).
  const bool clean = rnd.below(3) == 0;
  std::string csv = rnd.below(10) == 0 ? "\xEF\xBB\xBF" : "";
  csv += kHeaders[clean || rnd.below(6) != 0 ? 0 : rnd.below(7)];
  static const char* const kEnds[] = {"\n", "\r\n", "\r"};
  const char* end = kEnds[rnd.below(3)];
  const std::size_t rows = rnd.below(60);
  for (std::size_t r = 0; r < rows; ++r) {
    csv += end;
    const std::size_t cells = !clean && rnd.below(10) == 0 ? rnd.below(5) : 2;
    for (std::size_t c = 0; c < cells; ++c) {
      // In a clean file the sub_category ends in the row's number: no duplicate pairs.
      csv += (c ? "," : "") + random_cell(rnd, clean, clean && c == 1 ? std::to_string(r) : std::string());
    }
  }
  if (rnd.below(2)) csv += end;
  return csv;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_fixture_report_is_the_same_text) {
  auto manifest = tb::parse_json(read_file(kDir + "import-cases.json"), "FIXTURE", 1 << 20);
  BOOST_REQUIRE(manifest.ok());
  for (const auto& c : manifest.value()["cases"]) {
    const std::string csv = c["csv"].get<std::string>();
    BOOST_TEST_CONTEXT(csv) {
      const tb::ImportReport report = tb::import_categories_csv(read_file(kDir + csv), options_from(c["options"]));
      BOOST_TEST(tb::import_report_json_text(report) == old_writer(report));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_benchmark_file_report_is_the_same_text) {
  const tb::ImportReport report = tb::import_categories_csv(read_file(kDir + "bench-1000.csv"));
  BOOST_REQUIRE(report.accepted);
  BOOST_REQUIRE(report.imported == 1000u);
  BOOST_TEST(tb::import_report_json_text(report) == old_writer(report));
}

BOOST_AUTO_TEST_CASE(categories_are_sorted_bytewise_and_subs_keep_file_order) {
  const tb::ImportReport report = tb::import_categories_csv(
      "category,sub_category\nb,1\nÄ,2\nB,3\na,4\nb,5\nZ,6\nä,7\n_,8\n", tb::CsvImportOptions{});
  BOOST_REQUIRE(report.accepted);
  const std::string text = tb::import_report_json_text(report);
  BOOST_TEST(text == old_writer(report));
  // "B" and "ä" are spelled as first met ("b", "Ä"); capitals sort before '_' and lowercase.
  BOOST_TEST(text.find(R"("tree":{"Z":["6"],"_":["8"],"a":["4"],"b":["1","3","5"],"Ä":["2","7"]}})") !=
             std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(reports_the_importer_never_makes_are_the_same_text) {
  tb::ImportReport report;
  report.accepted = true;
  report.rows_read = 4;
  report.imported = 4;
  // Two spellings of one category: the tree names it by the first.
  report.list.pairs = {{"Net work", "a"}, {"NETWORK", "b\"\\\n"}, {"x\xff", "\xc3"}, {"", ""}};
  report.problems = {{0, 0, "CODE", "bad \xe2\x82 bytes\x01", tb::Severity::kWarning},
                     {-1, 2147483647, "", "", tb::Severity::kError}};
  BOOST_TEST(tb::import_report_json_text(report) == old_writer(report));
  BOOST_TEST(tb::import_report_json_text(tb::ImportReport{}) == old_writer(tb::ImportReport{}));
}

BOOST_AUTO_TEST_CASE(generated_files_give_the_same_text) {
  Random rnd(0x5EED1234ABCDull);
  std::size_t accepted = 0, with_problems = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string csv = random_csv(rnd);
    tb::CsvImportOptions options;
    if (i % 2) options.formulas = tb::FormulaPolicy::kNeutralise;
    if (i % 7 == 0) options.max_problems = rnd.below(5);
    if (i % 11 == 0) options.max_rows = rnd.below(30);
    if (i % 13 == 0) options.max_field_chars = 1 + rnd.below(20);
    const tb::ImportReport report = tb::import_categories_csv(csv, options);
    accepted += report.accepted;
    with_problems += !report.problems.empty();
    const std::string text = tb::import_report_json_text(report);
    const std::string expected = old_writer(report);
    if (text != expected) {
      BOOST_TEST(text == expected, "generated file " << i << ": " << tb::dump_json(nlohmann::json(csv)));
      break;
    }
  }
  // The generator reaches both outcomes often enough to mean something.
  BOOST_TEST(accepted > 100u);
  BOOST_TEST(with_problems > 1000u);
}
