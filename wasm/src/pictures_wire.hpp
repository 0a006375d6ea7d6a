#pragma once
// How a call of the picture functions (core/jsonata/src/pictures/pictures.hpp) crosses from an
// engine module to the pictures module (ticketbridge-pictures.wasm) and its answer back: one
// byte string each way, copied between the two memories by the façade (core.mjs). Both sides
// are this header, so the layout is written once. Numbers are the double's eight bytes and
// lengths four, little-endian as WebAssembly memory is; a string is its length and bytes, an
// optional string a presence byte first (absent and empty differ for $fromMillis and friends).
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "pictures/pictures.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tbwasm::pictures_wire {

// What is asked: the first byte of a request.
enum Op : std::uint8_t {
  kFromMillis = 1,    // number millis, opt picture, opt timezone -> string
  kToMillis = 2,      // string text, opt picture, number now -> optional number
  kFormatInteger = 3, // number value, string picture -> string
  kParseInteger = 4,  // string text, string picture -> optional number
  kAnalyseNumber = 5, // string picture, format -> nothing (the picture's errors only)
  kFormatNumber = 6,  // number value, string picture, format -> string
};

// The first byte of an answer.
enum Answer : std::uint8_t { kString = 1, kNumber = 2, kUndefined = 3, kNothing = 4, kError = 5 };

// Writes into `out` (cleared first), a buffer the caller keeps from call to call so a message
// costs no allocation once it has grown.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) { out_.clear(); }
  void byte(std::uint8_t b) { out_ += static_cast<char>(b); }
  void number(double d) { out_.append(reinterpret_cast<const char*>(&d), sizeof d); }
  void text(std::string_view s) {
    const auto n = static_cast<std::uint32_t>(s.size());
    out_.append(reinterpret_cast<const char*>(&n), sizeof n);
    out_.append(s.data(), s.size());
  }
  void optional_text(std::optional<std::string_view> s) {
    byte(s ? 1 : 0);
    if (s) text(*s);
  }
  std::string& bytes() { return out_; }
  void clear() { out_.clear(); }

 private:
  std::string& out_;
};

// Reads what a Writer wrote; any read past the end sets `bad` and answers zeros, so a
// truncated message is refused by the caller, never read out of bounds.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool bad = false;
  std::uint8_t byte() {
    if (!need(1)) return 0;
    return static_cast<std::uint8_t>(in_[at_++]);
  }
  double number() {
    double d = 0;
    if (need(sizeof d)) std::memcpy(&d, in_.data() + at_, sizeof d), at_ += sizeof d;
    return d;
  }
  std::string_view text() {
    std::uint32_t n = 0;
    if (!need(sizeof n)) return {};
    std::memcpy(&n, in_.data() + at_, sizeof n);
    at_ += sizeof n;
    if (!need(n)) return {};
    std::string_view s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  std::optional<std::string_view> optional_text() {
    if (byte() == 0) return std::nullopt;
    return text();
  }

 private:
  bool need(std::size_t n) {
    if (bad || in_.size() - at_ < n) {
      bad = true;
      return false;
    }
    return true;
  }
  std::string_view in_;
  std::size_t at_ = 0;
};

// An engine error with every detail the built-ins pass on (code, message, token, value).
inline void write_error(Writer& w, const tb::jsonata::Error& e) {
  w.byte(kError);
  w.text(e.code);
  w.text(e.message);
  w.number(static_cast<double>(e.position));
  w.text(e.token);
  w.byte(e.token_is_literal ? 1 : 0);
  w.text(e.value_json);
}

inline tb::jsonata::Error read_error(Reader& r) {
  tb::jsonata::Error e;
  e.code = std::string(r.text());
  e.message = std::string(r.text());
  e.position = static_cast<std::int64_t>(r.number());
  e.token = std::string(r.text());
  e.token_is_literal = r.byte() != 0;
  e.value_json = std::string(r.text());
  return e;
}

// $formatNumber's options: one byte 0 for the default format (most calls), else 1 and the
// eleven properties in their declaration order.
inline void write_format(Writer& w, const tb::jsonata::pictures::DecimalFormat& f) {
  static const tb::jsonata::pictures::DecimalFormat kDefault;
  if (tb::jsonata::pictures::same_decimal_format(f, kDefault)) {
    w.byte(0);
    return;
  }
  w.byte(1);
  for (const std::string* s : {&f.decimal_separator, &f.grouping_separator, &f.exponent_separator, &f.minus_sign,
                               &f.infinity, &f.nan, &f.percent, &f.per_mille, &f.zero_digit, &f.digit,
                               &f.pattern_separator}) {
    w.text(*s);
  }
}

// The eleven properties, after the 1 (the reader reads that byte itself: a 0 needs no format).
inline tb::jsonata::pictures::DecimalFormat read_format_fields(Reader& r) {
  tb::jsonata::pictures::DecimalFormat f;
  for (std::string* s : {&f.decimal_separator, &f.grouping_separator, &f.exponent_separator, &f.minus_sign,
                         &f.infinity, &f.nan, &f.percent, &f.per_mille, &f.zero_digit, &f.digit,
                         &f.pattern_separator}) {
    *s = std::string(r.text());
  }
  return f;
}

}  // namespace tbwasm::pictures_wire
