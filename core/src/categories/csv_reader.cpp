// Fields are collected as spans first and turned into views only when the record is complete,
// because unescaping a later field may grow (and move) the scratch buffer.
#include "categories/csv_reader.hpp"

namespace tb::categories {
namespace {
bool is_blank(char c) { return c == ' ' || c == '\t'; }
}  // namespace

CsvReader::CsvReader(std::string_view text) : in_(text) {
  if (in_.size() >= 3 && in_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

bool CsvReader::at_line_end() const {
  return pos_ >= in_.size() || in_[pos_] == '\n' || in_[pos_] == '\r';
}

void CsvReader::consume_line_end() {
  if (pos_ >= in_.size()) return;
  if (in_[pos_] == '\r' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

bool CsvReader::next(CsvRecord& record) {
  while (pos_ < in_.size()) {
    record.line = line_;
    record.fields.clear();
    record.issues.clear();
    spans_.clear();
    scratch_.clear();
    for (;;) {
      read_field(record);
      if (pos_ < in_.size() && in_[pos_] == ',') {
        ++pos_;
        continue;
      }
      consume_line_end();
      break;
    }
    // A line holding nothing but blanks is not a record.
    if (spans_.size() == 1 && !spans_[0].quoted && spans_[0].length == 0 && record.issues.empty()) {
      continue;
    }
    record.fields.reserve(spans_.size());
    for (const Span& s : spans_) {
      const std::string_view base = s.in_scratch ? std::string_view(scratch_) : in_;
      record.fields.push_back(CsvField{base.substr(s.offset, s.length), s.quoted});
    }
    return true;
  }
  return false;
}

void CsvReader::read_field(CsvRecord& record) {
  while (pos_ < in_.size() && is_blank(in_[pos_])) ++pos_;
  Span span{pos_, 0, false, false};
  if (pos_ < in_.size() && in_[pos_] == '"') {
    read_quoted(record, span);
  } else {
    const std::size_t begin = pos_;
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      if (c == ',' || c == '\n' || c == '\r') break;
      ++pos_;
    }
    const std::string_view value = std::string_view(in_).substr(begin, pos_ - begin);
    std::size_t len = value.size();
    while (len > 0 && is_blank(value[len - 1])) --len;
    span = Span{begin, len, false, false};
  }
  spans_.push_back(span);
}

void CsvReader::read_quoted(CsvRecord& record, Span& span) {
  const int column = static_cast<int>(spans_.size()) + 1;
  span.quoted = true;
  ++pos_;  // opening quote
  const std::size_t begin = pos_;
  bool escaped = false;  // saw a doubled quote: the value lives in scratch_
  bool closed = false;
  std::size_t scratch_begin = 0;
  for (;;) {
    if (pos_ >= in_.size()) {
      record.issues.emplace_back(column, CsvIssue::kUnterminatedQuote);
      break;
    }
    const char c = in_[pos_];
    if (c == '"') {
      if (pos_ + 1 < in_.size() && in_[pos_ + 1] == '"') {
        if (!escaped) {
          escaped = true;
          scratch_begin = scratch_.size();
          scratch_.append(in_.data() + begin, pos_ - begin);
        }
        scratch_ += '"';
        pos_ += 2;
        continue;
      }
      ++pos_;  // closing quote
      closed = true;
      break;
    }
    if (c == '\n' || (c == '\r' && !(pos_ + 1 < in_.size() && in_[pos_ + 1] == '\n'))) ++line_;
    if (escaped) scratch_ += c;
    ++pos_;
  }
  if (escaped) {
    span.in_scratch = true;
    span.offset = scratch_begin;
    span.length = scratch_.size() - scratch_begin;
  } else {
    span.offset = begin;
    span.length = pos_ - begin - (closed ? 1 : 0);
  }
  // Only blanks may follow the closing quote; anything else is kept (so the value is not
  // silently cut) and reported.
  while (pos_ < in_.size() && is_blank(in_[pos_])) ++pos_;
  if (pos_ < in_.size() && in_[pos_] != ',' && !at_line_end()) {
    record.issues.emplace_back(column, CsvIssue::kTextAfterQuote);
    if (!span.in_scratch) {
      span.in_scratch = true;
      const std::size_t start = scratch_.size();
      scratch_.append(in_.data() + span.offset, span.length);
      span.offset = start;
    }
    while (pos_ < in_.size() && in_[pos_] != ',' && in_[pos_] != '\n' && in_[pos_] != '\r') {
      scratch_ += in_[pos_++];
    }
    span.length = scratch_.size() - span.offset;
  }
}

}  // namespace tb::categories
