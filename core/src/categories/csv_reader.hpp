#pragma once
// An RFC 4180 record reader that allocates nothing per cell: fields are views into the input,
// except quoted fields with doubled quotes, which are unescaped into a per-record buffer that
// is reused from one record to the next.
//
// Accepted beyond the RFC, because spreadsheets and editors produce them: LF or lone CR line
// ends as well as CRLF, a UTF-8 byte-order mark, a missing final line end, blank lines
// (skipped), spaces and tabs around fields (trimmed outside quotes) and a quote inside an
// unquoted field (kept as a literal character).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tb::categories {

enum class CsvIssue {
  kUnterminatedQuote,  ///< the input ends inside a quoted field
  kTextAfterQuote,     ///< characters between a closing quote and the next comma / line end
};

struct CsvField {
  std::string_view text;  ///< the field's value (unquoted, unescaped, trimmed outside quotes)
  bool quoted = false;
};

struct CsvRecord {
  int line = 0;  ///< physical line (1-based) where the record starts
  std::vector<CsvField> fields;
  /// Syntax problems in this record: (1-based column, issue).
  std::vector<std::pair<int, CsvIssue>> issues;
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  /// Read the next non-blank record into `record` (its views stay valid until the next call).
  /// Returns false at the end of the input.
  bool next(CsvRecord& record);

 private:
  struct Span {
    std::size_t offset, length;
    bool in_scratch, quoted;
  };
  void read_field(CsvRecord& record);
  void read_quoted(CsvRecord& record, Span& span);
  bool at_line_end() const;
  void consume_line_end();

  std::string_view in_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::vector<Span> spans_;
  std::string scratch_;
};

}  // namespace tb::categories
