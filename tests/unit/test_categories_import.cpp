// Importing the category CSV: every case of tests/fixtures/categories/import-cases.json must
// produce exactly its expected report (the Node suite checks the same files against the WASM
// build), plus the limits at their real defaults and the all-or-nothing store.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "ticketbridge/categories.hpp"
#include "ticketbridge/json_text.hpp"
#include "test_support.hpp"

namespace {

using tbtest::read_file;

const std::string kDir = std::string(TB_FIXTURES_DIR) + "/categories/";


nlohmann::json read_json(const std::string& path) {
  auto parsed = tb::parse_json(read_file(path), "FIXTURE", 16 << 20);
  BOOST_REQUIRE_MESSAGE(parsed.ok(), path);
  return parsed.value();
}

tb::CsvImportOptions options_from(const nlohmann::json& o) {
  tb::CsvImportOptions options;
  if (auto it = o.find("formulas"); it != o.end()) {
    options.formulas = *it == "neutralise" ? tb::FormulaPolicy::kNeutralise : tb::FormulaPolicy::kReject;
  }
  if (auto it = o.find("maxBytes"); it != o.end()) options.max_bytes = it->get<std::size_t>();
  if (auto it = o.find("maxRows"); it != o.end()) options.max_rows = it->get<std::size_t>();
  if (auto it = o.find("maxFieldChars"); it != o.end()) options.max_field_chars = it->get<std::size_t>();
  if (auto it = o.find("maxProblems"); it != o.end()) options.max_problems = it->get<std::size_t>();
  return options;
}

std::vector<std::string> codes(const tb::ImportReport& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) out.push_back(p.code);
  return out;
}

const char* const kExample =
    "category,sub_category\nHardware,Battery\nHardware,Keyboard\nHardware,Display\n"
    "Software,OS\nSoftware,Application\nNetwork,WiFi\nNetwork,VPN\n";

}  // namespace

BOOST_AUTO_TEST_CASE(every_fixture_produces_its_expected_report) {
  const nlohmann::json manifest = read_json(kDir + "import-cases.json");
  BOOST_REQUIRE(manifest["cases"].size() >= 25);
  for (const auto& c : manifest["cases"]) {
    const std::string csv = c["csv"].get<std::string>();
    BOOST_TEST_CONTEXT(csv << " " << c["options"].dump()) {
      const tb::ImportReport report = tb::import_categories_csv(read_file(kDir + csv), options_from(c["options"]));
      const nlohmann::json actual = tb::import_report_to_json(report);
      const nlohmann::json expected = read_json(kDir + c["expected"].get<std::string>());
      BOOST_TEST(actual == expected, "got " << tb::dump_json(actual));
    }
  }
}

BOOST_AUTO_TEST_CASE(fixtures_cover_every_documented_code) {
  const std::set<std::string> documented{
      "CSV_FILE_TOO_LARGE",    "CSV_INVALID_UTF8",      "CSV_MISSING_HEADER",     "CSV_MISSING_COLUMN",
      "CSV_DUPLICATE_COLUMN",  "CSV_EXTRA_COLUMN",      "CSV_UNTERMINATED_QUOTE", "CSV_MALFORMED_QUOTE",
      "CSV_FIELD_COUNT",       "CSV_EMPTY_FIELD",       "CSV_CONTROL_CHARACTER",  "CSV_FIELD_TOO_LONG",
      "CSV_FORMULA_REJECTED",  "CSV_FORMULA_NEUTRALISED", "CSV_DUPLICATE_ROW",    "CSV_INCONSISTENT_CATEGORY",
      "CSV_TOO_MANY_ROWS",     "CSV_NO_ROWS",           "CSV_TOO_MANY_PROBLEMS"};
  std::set<std::string> seen;
  const nlohmann::json manifest = read_json(kDir + "import-cases.json");
  for (const auto& c : manifest["cases"]) {
    const nlohmann::json expected = read_json(kDir + c["expected"].get<std::string>());
    for (const auto& p : expected["problems"]) seen.insert(p["code"].get<std::string>());
  }
  BOOST_TEST(seen == documented);
  // The documentation lists the same codes.
  const std::string doc = read_file(std::string(TB_FIXTURES_DIR) + "/../../docs/categories.md");
  for (const auto& code : documented) BOOST_TEST(doc.find(code) != std::string::npos, code);
}

BOOST_AUTO_TEST_CASE(default_limits_are_one_mebibyte_and_a_thousand_rows) {
  std::string big = "category,sub_category\n";
  while (big.size() <= 1024 * 1024) big += "Hardware,Battery\n";
  const auto too_large = tb::import_categories_csv(big);
  BOOST_TEST(codes(too_large) == std::vector<std::string>{"CSV_FILE_TOO_LARGE"});
  BOOST_TEST(!too_large.accepted);

  std::string rows = "category,sub_category\n";
  for (int i = 1; i <= 1000; ++i) rows += "C" + std::to_string(i % 7) + ",S" + std::to_string(i) + "\n";
  BOOST_TEST(tb::import_categories_csv(rows).accepted);
  const auto over = tb::import_categories_csv(rows + "C,S1001\n");
  BOOST_TEST(codes(over) == std::vector<std::string>{"CSV_TOO_MANY_ROWS"});
  BOOST_TEST(over.problems[0].line == 1002);
}

BOOST_AUTO_TEST_CASE(formula_policy_decides_between_error_and_warning) {
  const std::string csv = "category,sub_category\nHardware,=1+1\n";
  const auto rejected = tb::import_categories_csv(csv);
  BOOST_TEST(!rejected.accepted);
  BOOST_TEST((rejected.problems[0].severity == tb::Severity::kError));

  tb::CsvImportOptions neutralise;
  neutralise.formulas = tb::FormulaPolicy::kNeutralise;
  const auto kept = tb::import_categories_csv(csv, neutralise);
  BOOST_TEST(kept.accepted);
  BOOST_TEST((kept.problems[0].severity == tb::Severity::kWarning));
  BOOST_TEST(kept.list.pairs[0].sub_category == "'=1+1");
}

BOOST_AUTO_TEST_CASE(problem_listing_is_capped_but_every_error_still_rejects) {
  std::string csv = "category,sub_category\n";
  for (int i = 0; i < 300; ++i) csv += "Hardware,\n";
  const auto r = tb::import_categories_csv(csv);
  BOOST_TEST(!r.accepted);
  BOOST_TEST(r.rejected == 300u);
  BOOST_TEST(r.problems.size() == 101u);
  BOOST_TEST(r.problems.back().code == "CSV_TOO_MANY_PROBLEMS");
  BOOST_TEST(r.problems.back().message == "200 more problems are not listed");

  // An error hidden behind a capped listing of warnings still rejects the file.
  tb::CsvImportOptions o;
  o.formulas = tb::FormulaPolicy::kNeutralise;
  o.max_problems = 1;
  const auto hidden = tb::import_categories_csv("category,sub_category\nA,=x\nB,=y\nC,\n", o);
  BOOST_TEST(!hidden.accepted);
  BOOST_TEST(hidden.problems.size() == 2u);
}

BOOST_AUTO_TEST_CASE(hostile_input_never_crashes) {
  const std::string inputs[] = {std::string("\0\0\0", 3), "\"", "\"\"\"", ",,,,\n,,,", "\r\r\r",
                                "category,sub_category\n\"", "category,sub_category\n\xff\xfe,\xc0\x80",
                                std::string(5000, '"'), std::string(5000, ',')};
  for (const auto& in : inputs) {
    const auto r = tb::import_categories_csv(in);
    BOOST_TEST(!r.accepted);
    BOOST_TEST(!tb::dump_json(tb::import_report_to_json(r)).empty());
  }
}

BOOST_AUTO_TEST_CASE(store_replaces_the_list_only_when_the_file_is_accepted) {
  tb::CategoryStore store;
  BOOST_TEST(store.list().pairs.empty());
  BOOST_TEST(store.generation() == 0u);

  const auto first = store.replace_from_csv(kExample);
  BOOST_TEST(first.accepted);
  BOOST_TEST(store.list().pairs.size() == 7u);
  BOOST_TEST(store.generation() == 1u);

  // Six good rows and one bad one: nothing of it may reach the store.
  const auto bad = store.replace_from_csv("category,sub_category\nA,1\nA,2\nA,3\nB,1\nB,2\nB,3\nC,\n");
  BOOST_TEST(!bad.accepted);
  BOOST_TEST(bad.list.pairs.empty());
  BOOST_TEST(store.list().pairs.size() == 7u);
  BOOST_TEST(store.list().pairs[0].category == "Hardware");
  BOOST_TEST(store.generation() == 1u);

  const auto second = store.replace_from_csv("category,sub_category\nPrinter,Paper jam\n");
  BOOST_TEST(second.accepted);
  BOOST_TEST(store.list().pairs.size() == 1u);
  BOOST_TEST(store.list().pairs[0].sub_category == "Paper jam");
  BOOST_TEST(store.generation() == 2u);
}

BOOST_AUTO_TEST_CASE(tree_groups_by_category_in_file_order) {
  const auto r = tb::import_categories_csv("category,sub_category\nNet,WiFi\nHW,Battery\nNet,VPN\nHW,Display\n");
  const auto tree = tb::category_tree(r.list);
  BOOST_REQUIRE_EQUAL(tree.size(), 2u);
  BOOST_TEST(tree[0].category == "Net");
  BOOST_TEST(tree[0].sub_categories == (std::vector<std::string>{"WiFi", "VPN"}));
  BOOST_TEST(tree[1].category == "HW");
  BOOST_TEST(tree[1].sub_categories == (std::vector<std::string>{"Battery", "Display"}));
}

BOOST_AUTO_TEST_CASE(report_json_has_the_cli_member_names) {
  const auto j = tb::import_report_to_json(tb::import_categories_csv("category,sub_category,x\nA,B,\n"));
  for (const char* key : {"accepted", "rowsRead", "imported", "rejected", "problems", "tree"}) {
    BOOST_TEST(j.contains(key), key);
  }
  BOOST_TEST(j.size() == 6u);
  const auto& p = j["problems"][0];
  BOOST_TEST(p.size() == 5u);
  BOOST_TEST(p["severity"] == "warning");
  BOOST_TEST(p["line"] == 1);
  BOOST_TEST(p["column"] == 3);
  BOOST_TEST(j["tree"]["A"] == nlohmann::json::array({"B"}));
}
