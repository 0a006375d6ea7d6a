// RFC 4180 record reading: what a spreadsheet or a text editor may hand us, field by field.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "categories/csv_reader.hpp"

namespace {

using tb::categories::CsvIssue;
using tb::categories::CsvReader;
using tb::categories::CsvRecord;

struct Row {
  int line;
  std::vector<std::string> fields;
  std::vector<bool> quoted;
  std::vector<std::pair<int, CsvIssue>> issues;
};

std::vector<Row> read_all(std::string_view text) {
  std::vector<Row> rows;
  CsvReader reader(text);
  CsvRecord record;
  while (reader.next(record)) {
    Row row{record.line, {}, {}, record.issues};
    for (const auto& f : record.fields) {
      row.fields.emplace_back(f.text);
      row.quoted.push_back(f.quoted);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::string>> values(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  for (auto& r : read_all(text)) out.push_back(r.fields);
  return out;
}

using Table = std::vector<std::vector<std::string>>;

}  // namespace

BOOST_AUTO_TEST_CASE(line_ends_lf_crlf_and_lone_cr_all_end_records) {
  const Table expected{{"a", "b"}, {"c", "d"}};
  BOOST_TEST(values("a,b\nc,d\n") == expected);
  BOOST_TEST(values("a,b\r\nc,d\r\n") == expected);
  BOOST_TEST(values("a,b\rc,d\r") == expected);
  BOOST_TEST(values("a,b\r\nc,d") == expected);  // no final line end
}

BOOST_AUTO_TEST_CASE(byte_order_mark_is_skipped_only_at_the_start) {
  BOOST_TEST(values("\xEF\xBB\xBF" "category,sub\n") == (Table{{"category", "sub"}}));
  BOOST_TEST(values("a\n\xEF\xBB\xBF" "b\n") == (Table{{"a"}, {"\xEF\xBB\xBF" "b"}}));
}

BOOST_AUTO_TEST_CASE(quoted_fields_hold_commas_quotes_and_line_breaks) {
  const auto rows = read_all("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\n");
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0].fields == (std::vector<std::string>{"a,b", "say \"hi\"", "two\nlines", ""}));
  BOOST_TEST(rows[0].quoted == (std::vector<bool>{true, true, true, true}));
  BOOST_TEST(rows[0].issues.empty());
}

BOOST_AUTO_TEST_CASE(doubled_quotes_in_several_fields_of_one_record_stay_intact) {
  // Unescaping goes through one buffer per record; later fields must not disturb earlier ones.
  std::string long_value(200, 'x');
  const std::string text = "\"a\"\"1\",\"" + long_value + "\"\"\",\"\"\"z\"\n";
  BOOST_TEST(values(text) == (Table{{"a\"1", long_value + "\"", "\"z"}}));
}

BOOST_AUTO_TEST_CASE(blanks_are_trimmed_outside_quotes_and_kept_inside) {
  BOOST_TEST(values("  a  ,\tb\t, \" c \" \n") == (Table{{"a", "b", " c "}}));
}

BOOST_AUTO_TEST_CASE(blank_lines_are_skipped_and_still_counted) {
  const auto rows = read_all("\n\na,b\n   \n\t\nc,d\n\n");
  BOOST_REQUIRE_EQUAL(rows.size(), 2u);
  BOOST_TEST(rows[0].line == 3);
  BOOST_TEST(rows[1].line == 6);
}

BOOST_AUTO_TEST_CASE(a_record_spanning_lines_is_numbered_where_it_starts) {
  const auto rows = read_all("h\n\"one\ntwo\r\nthree\",x\nnext\n");
  BOOST_REQUIRE_EQUAL(rows.size(), 3u);
  BOOST_TEST(rows[1].line == 2);
  BOOST_TEST(rows[1].fields[0] == "one\ntwo\r\nthree");
  BOOST_TEST(rows[2].line == 5);
}

BOOST_AUTO_TEST_CASE(empty_fields_and_trailing_commas) {
  BOOST_TEST(values(",\na,,b,\n") == (Table{{"", ""}, {"a", "", "b", ""}}));
  BOOST_TEST(values("\"\"\n") == (Table{{""}}));  // a quoted empty field is a record
}

BOOST_AUTO_TEST_CASE(unterminated_quote_reads_to_the_end_and_is_reported) {
  const auto rows = read_all("a,b\nc,\"open\nd,e\n");
  BOOST_REQUIRE_EQUAL(rows.size(), 2u);
  BOOST_TEST(rows[1].line == 2);
  BOOST_TEST(rows[1].fields[1] == "open\nd,e\n");
  BOOST_REQUIRE_EQUAL(rows[1].issues.size(), 1u);
  BOOST_TEST(rows[1].issues[0].first == 2);
  BOOST_TEST((rows[1].issues[0].second == CsvIssue::kUnterminatedQuote));
}

BOOST_AUTO_TEST_CASE(text_after_a_closing_quote_is_kept_and_reported) {
  const auto rows = read_all("\"ab\"cd,\"x\"\"y\" z,\"ok\"  \n");
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0].fields == (std::vector<std::string>{"abcd", "x\"yz", "ok"}));
  BOOST_REQUIRE_EQUAL(rows[0].issues.size(), 2u);
  BOOST_TEST(rows[0].issues[0].first == 1);
  BOOST_TEST(rows[0].issues[1].first == 2);
  BOOST_TEST((rows[0].issues[1].second == CsvIssue::kTextAfterQuote));
}

BOOST_AUTO_TEST_CASE(a_quote_inside_an_unquoted_field_is_an_ordinary_character) {
  const auto rows = read_all("15\" screen,b\n");
  BOOST_TEST(rows[0].fields[0] == "15\" screen");
  BOOST_TEST(rows[0].issues.empty());
}

BOOST_AUTO_TEST_CASE(empty_input_has_no_records) {
  BOOST_TEST(read_all("").empty());
  BOOST_TEST(read_all("\xEF\xBB\xBF").empty());
  BOOST_TEST(read_all("\n\r\n  \n").empty());
}
