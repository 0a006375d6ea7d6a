// Validates the category CSV and builds the report an administrator acts on. Every problem
// is listed (up to a cap) rather than stopping at the first, so one upload shows everything
// to fix; any error rejects the whole file, warnings do not.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "categories/csv_reader.hpp"
#include "categories/key_index.hpp"
#include "categories/text_normalise.hpp"
#include "ticketbridge/categories.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/text/utf8.hpp"

namespace tb {
namespace {

using categories::CsvIssue;
using categories::CsvReader;
using categories::CsvRecord;
using categories::shorten;

std::string in_quotes(std::string_view value) { return "'" + shorten(value) + "'"; }

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Header names compare without case, white space, '_' or '-': "Sub Category" = "sub_category".
std::string header_key(std::string_view name) {
  std::string key = categories::comparison_key(name);
  key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return c == '_' || c == '-'; }),
            key.end());
  return key;
}

// A value's length in code points (count_code_points: the bytes that do not continue a
// sequence) and whether it holds a layout control (a line break, a tab, a bidi or zero-width
// mark), in one pass that decodes only what is not ASCII: a separate decode of every
// character and a second count were a fifth of importing 1,000 rows.
struct ValueScan {
  std::size_t chars = 0;
  bool control = false;
};

ValueScan scan_value(std::string_view s) {
  ValueScan scan;
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  for (std::size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {
      // Eight ASCII bytes at once: a control is a byte below 0x20 or a DEL (the usual
      // "has a byte less than n" and "has a zero byte" tests, exact for bytes below 0x80).
      std::uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      if (!(x & highs)) {
        const std::uint64_t del = x ^ (ones * 0x7F);
        scan.control |= ((((x - ones * 0x20) & ~x) | ((del - ones) & ~del)) & highs) != 0;
        scan.chars += 8;
        i += 8;
        continue;
      }
    }
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      scan.control |= b < 0x20 || b == 0x7F;
      ++scan.chars;
      ++i;
      continue;
    }
    const std::size_t start = i;
    scan.control |= utf8::is_layout_control(utf8::decode(s, i));
    for (std::size_t k = start; k < i; ++k) scan.chars += (static_cast<unsigned char>(s[k]) & 0xC0) != 0x80;
  }
  return scan;
}

// Enough room for a typical file without over-reserving for a large one with long names.
std::size_t expected_rows(std::string_view csv, const CsvImportOptions& options) {
  return std::min<std::size_t>(options.max_rows, csv.size() / 8 + 1);
}

class Importer {
 public:
  Importer(const CsvImportOptions& options, ImportReport& report, std::size_t expected_rows)
      : options_(options), report_(report), pairs_index_(expected_rows), category_index_(64) {}

  void run(std::string_view csv);

 private:
  void add(int line, int column, const char* code, std::string message,
           Severity severity = Severity::kError, bool always_listed = false);
  void report_syntax(const CsvRecord& record);
  bool check_utf8(const CsvRecord& record);
  void read_header(const CsvRecord& record);
  void read_row(const CsvRecord& record);
  bool check_value(const CsvRecord& record, int index, const char* name, std::string& value);
  void add_pair(const CsvRecord& record, std::string& category, std::string& sub);

  const CsvImportOptions& options_;
  ImportReport& report_;
  bool utf8_ok_ = true;
  bool header_ok_ = false;
  int category_col_ = -1;  // 0-based field indexes
  int sub_col_ = -1;
  std::size_t header_width_ = 0;
  std::size_t errors_ = 0;
  std::size_t unlisted_ = 0;
  std::size_t truncation_notice_ = SIZE_MAX;
  bool row_failed_ = false;
  std::vector<int> pair_lines_;        // line of each pair in report_.list
  categories::KeyIndex pairs_index_;   // pair -> its row in report_.list
  categories::KeyIndex category_index_;  // category -> the first row that spelled it
};

void Importer::add(int line, int column, const char* code, std::string message, Severity severity,
                   bool always_listed) {
  if (severity == Severity::kError) {
    ++errors_;
    row_failed_ = true;
  }
  if (report_.problems.size() >= options_.max_problems && !always_listed) {
    ++unlisted_;
    if (truncation_notice_ == SIZE_MAX) {
      truncation_notice_ = report_.problems.size();
      report_.problems.push_back({0, 0, "CSV_TOO_MANY_PROBLEMS", "", Severity::kWarning});
    }
    return;
  }
  report_.problems.push_back({line, column, code, std::move(message), severity});
}

void Importer::report_syntax(const CsvRecord& record) {
  for (const auto& [column, issue] : record.issues) {
    if (issue == CsvIssue::kUnterminatedQuote) {
      add(record.line, column, "CSV_UNTERMINATED_QUOTE",
          "a quoted field opens here and is never closed; the rest of the file was read into it");
    } else {
      add(record.line, column, "CSV_MALFORMED_QUOTE",
          "text follows the closing quote of this field; put the whole value inside the quotes "
          "and double any quote within it (\"\")");
    }
  }
}

bool Importer::check_utf8(const CsvRecord& record) {
  if (utf8_ok_) return true;
  bool ok = true;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    if (!is_valid_utf8(record.fields[i].text)) {
      add(record.line, static_cast<int>(i) + 1, "CSV_INVALID_UTF8",
          "this field is not valid UTF-8; save the file with UTF-8 encoding");
      ok = false;
    }
  }
  return ok;
}

void Importer::read_header(const CsvRecord& record) {
  row_failed_ = false;
  report_syntax(record);
  check_utf8(record);
  header_width_ = record.fields.size();
  std::vector<std::string> keys;
  for (const auto& field : record.fields) keys.push_back(header_key(field.text));
  if (std::none_of(keys.begin(), keys.end(),
                   [](const std::string& k) { return k == "category" || k == "subcategory"; })) {
    // Most likely the header row was left out: say so, rather than call each cell an extra column.
    std::string found;
    for (std::size_t i = 0; i < record.fields.size() && i < 3; ++i) {
      const std::string_view cell = record.fields[i].text;
      found += (i ? ", " : "") + (is_valid_utf8(cell) ? in_quotes(cell) : std::string("?"));
    }
    add(record.line, 0, "CSV_MISSING_HEADER",
        "the first row must name the columns: category,sub_category (found " + found + ")");
    header_ok_ = false;
    return;
  }
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string_view name = record.fields[i].text;
    const std::string& key = keys[i];
    const int column = static_cast<int>(i) + 1;
    int* slot = key == "category" ? &category_col_ : key == "subcategory" ? &sub_col_ : nullptr;
    if (slot && *slot >= 0) {
      add(record.line, column, "CSV_DUPLICATE_COLUMN",
          "column " + in_quotes(name) + " appears twice (first in column " +
              std::to_string(*slot + 1) + ")");
    } else if (slot) {
      *slot = static_cast<int>(i);
    } else {
      const bool printable = is_valid_utf8(name);
      add(record.line, column, "CSV_EXTRA_COLUMN",
          (name.empty() ? std::string("a column without a name")
                        : "column " + (printable ? in_quotes(name) : std::string("?"))) +
              " is not category or sub_category; it is ignored",
          Severity::kWarning);
    }
  }
  if (category_col_ < 0 || sub_col_ < 0) {
    add(record.line, 0, "CSV_MISSING_COLUMN",
        std::string("the header has no ") + (category_col_ < 0 ? "category" : "sub_category") +
            " column");
  }
  header_ok_ = !row_failed_;
}

bool Importer::check_value(const CsvRecord& record, int index, const char* name,
                           std::string& value) {
  const int column = index + 1;
  const std::string_view text = record.fields[static_cast<std::size_t>(index)].text;
  const std::string_view lead = categories::trim_blanks(text);
  if (lead.empty()) {
    add(record.line, column, "CSV_EMPTY_FIELD", std::string(name) + " is empty");
    return false;
  }
  bool ok = true;
  const ValueScan scan = scan_value(text);
  if (scan.control) {
    add(record.line, column, "CSV_CONTROL_CHARACTER",
        std::string(name) + " contains a line break, tab or other control character");
    ok = false;
  }
  if (scan.chars > options_.max_field_chars) {
    add(record.line, column, "CSV_FIELD_TOO_LONG",
        std::string(name) + " is " + std::to_string(scan.chars) + " characters long; the limit is " +
            std::to_string(options_.max_field_chars));
    ok = false;
  }
  value.assign(text.data(), text.size());
  if (!lead.empty() && (lead[0] == '=' || lead[0] == '+' || lead[0] == '-' || lead[0] == '@')) {
    const std::string what = std::string(name) + " " + in_quotes(text) + " starts with '" + lead[0] +
                             "', which spreadsheets run as a formula";
    if (options_.formulas == FormulaPolicy::kReject) {
      add(record.line, column, "CSV_FORMULA_REJECTED", what + "; rejected");
      ok = false;
    } else {
      value.insert(value.begin(), '\'');
      add(record.line, column, "CSV_FORMULA_NEUTRALISED",
          what + "; imported with an apostrophe in front, so spreadsheets show it as text",
          Severity::kWarning);
    }
  }
  return ok;
}

void Importer::read_row(const CsvRecord& record) {
  row_failed_ = false;
  ++report_.rows_read;
  if (report_.rows_read == options_.max_rows + 1) {
    add(record.line, 0, "CSV_TOO_MANY_ROWS",
        "more than " + std::to_string(options_.max_rows) +
            " data rows; this row and the ones after it are over the limit",
        Severity::kError, true);
  }
  row_failed_ = report_.rows_read > options_.max_rows;
  report_syntax(record);
  // After a quoting error the cells are not what the administrator meant: report only that.
  const bool readable = record.issues.empty() && check_utf8(record);
  if (header_ok_ && readable) {
    const std::size_t needed = static_cast<std::size_t>(std::max(category_col_, sub_col_)) + 1;
    if (record.fields.size() < needed) {
      const int missing = static_cast<int>(record.fields.size()) <= std::min(category_col_, sub_col_)
                              ? std::min(category_col_, sub_col_)
                              : std::max(category_col_, sub_col_);
      add(record.line, missing + 1, "CSV_FIELD_COUNT",
          "row has " + plural(record.fields.size(), "field", "fields") + "; the " +
              (missing == category_col_ ? "category" : "sub_category") + " (column " +
              std::to_string(missing + 1) + ") is missing");
    } else {
      for (std::size_t i = header_width_; i < record.fields.size(); ++i) {
        if (record.fields[i].quoted || !record.fields[i].text.empty()) {
          add(record.line, static_cast<int>(i) + 1, "CSV_FIELD_COUNT",
              "row has " + plural(record.fields.size(), "field", "fields") + " but the header names " +
                  std::to_string(header_width_) + "; quote values that contain a comma");
          break;
        }
      }
      std::string category, sub;
      const bool category_ok = check_value(record, category_col_, "category", category);
      const bool sub_ok = check_value(record, sub_col_, "sub_category", sub);
      if (category_ok && sub_ok && !row_failed_) add_pair(record, category, sub);
    }
  }
  if (row_failed_ || !header_ok_) ++report_.rejected;
}

// Takes the strings' contents when the pair is kept (moved once, into the list).
void Importer::add_pair(const CsvRecord& record, std::string& category, std::string& sub) {
  auto& pairs = report_.list.pairs;
  const std::size_t row = pairs.size();
  const std::uint64_t cat_hash = categories::comparison_hash(category);
  const std::uint64_t pair_hash = cat_hash * 31 + categories::comparison_hash(sub);
  const std::size_t earlier = pairs_index_.find_or_insert(pair_hash, row, [&](std::size_t r) {
    return categories::comparison_equal(pairs[r].category, category) &&
           categories::comparison_equal(pairs[r].sub_category, sub);
  });
  if (earlier != categories::KeyIndex::kNotFound) {
    add(record.line, 0, "CSV_DUPLICATE_ROW",
        in_quotes(category) + " / " + in_quotes(sub) + " duplicates line " +
            std::to_string(pair_lines_[earlier]) + " (compared ignoring case and spaces)");
    return;
  }
  const std::size_t first = category_index_.find_or_insert(cat_hash, row, [&](std::size_t r) {
    return categories::comparison_equal(pairs[r].category, category);
  });
  if (first != categories::KeyIndex::kNotFound && pairs[first].category != category) {
    const std::string& spelling = pairs[first].category;
    add(record.line, category_col_ + 1, "CSV_INCONSISTENT_CATEGORY",
        "category " + in_quotes(category) + " is spelled " + in_quotes(spelling) + " on line " +
            std::to_string(pair_lines_[first]) + "; imported as " + in_quotes(spelling),
        Severity::kWarning);
    category = spelling;
  }
  CategoryPair& pair = pairs.emplace_back();
  pair.category = std::move(category);
  pair.sub_category = std::move(sub);
  pair_lines_.push_back(record.line);
}

void Importer::run(std::string_view csv) {
  if (csv.size() > options_.max_bytes) {
    add(0, 0, "CSV_FILE_TOO_LARGE",
        "the file is " + std::to_string(csv.size()) + " bytes; the limit is " +
            std::to_string(options_.max_bytes));
    return;
  }
  utf8_ok_ = is_valid_utf8(csv);
  report_.list.pairs.reserve(expected_rows(csv, options_));
  pair_lines_.reserve(expected_rows(csv, options_));
  CsvReader reader(csv);
  CsvRecord record;
  bool have_header = false;
  while (reader.next(record)) {
    if (!have_header) {
      have_header = true;
      read_header(record);
      continue;
    }
    // Rows of empty cells (",,") are what spreadsheets write for formatted empty rows.
    const bool empty_row = record.issues.empty() &&
                           std::all_of(record.fields.begin(), record.fields.end(),
                                       [](const auto& f) { return !f.quoted && f.text.empty(); });
    if (!empty_row) read_row(record);
  }
  if (!have_header) {
    add(1, 0, "CSV_MISSING_HEADER", "the file is empty; the first row must name the columns: "
                                    "category,sub_category");
  } else if (header_ok_ && report_.rows_read == 0) {
    add(1, 0, "CSV_NO_ROWS", "the file has a header but no category rows");
  }
  if (report_.rows_read > options_.max_rows) {
    for (ImportProblem& p : report_.problems) {
      if (p.code == "CSV_TOO_MANY_ROWS") {
        p.message = "the file has " + std::to_string(report_.rows_read) + " data rows; the limit is " +
                    std::to_string(options_.max_rows) + " (rows from this line on are over it)";
      }
    }
  }
  if (truncation_notice_ != SIZE_MAX) {
    report_.problems[truncation_notice_].message =
        plural(unlisted_, "more problem is", "more problems are") + " not listed";
  }
  report_.accepted = errors_ == 0;
}

}  // namespace

ImportReport import_categories_csv(std::string_view csv, const CsvImportOptions& options) {
  ImportReport report;
  Importer importer(options, report, expected_rows(csv, options));
  importer.run(csv);
  if (report.accepted) {
    report.imported = report.list.pairs.size();
  } else {
    report.list.pairs.clear();
    report.imported = 0;
  }
  return report;
}

}  // namespace tb
