#pragma once
// An escaped copy of a text written into a std::string: the plain runs between escapes copied
// whole and each escape written in place, the string grown as escapes need room. Appending
// run and escape one after the other cost more than finding them on a text with an escape
// every few bytes (a transcript full of quotes and line breaks, then the payload holding it
// as a JSON string literal). The JSON string writer and the templates' JSON escaper share it;
// each decides what is escaped and how.

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace tb::text {

/// The letter JSON writes after a backslash for `c` ('"', '\\', b, f, n, r or t), or 0 when
/// JSON has no two-byte escape for it (the \u form, or none). Both JSON escapers use it.
constexpr char json_named_escape(unsigned char c) {
  switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    default: return 0;
  }
}

/// The value of the hexadecimal digit `c` (0-9, a-f, A-F), or -1: the digits of JSON's \uXXXX
/// escapes, which the engine's JSON reader and the product core's two readers all decode.
constexpr int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class EscapeWriter {
 public:
  /// Writes after what `out` holds; `text` is written from `from` on (what comes before is
  /// the caller's).
  EscapeWriter(std::string& out, std::string_view text, std::size_t from) : out_(out), text_(text), run_(from) {
    const std::size_t rest = text.size() - from;
    used_ = out.size();
    out.resize(used_ + rest + rest / 2 + 64);  // more as escapes need it
    w_ = &out[used_];
    end_ = &out[0] + out.size();
  }
  EscapeWriter(const EscapeWriter&) = delete;
  EscapeWriter& operator=(const EscapeWriter&) = delete;

  /// The offset of the text's first byte not written yet.
  std::size_t pending() const { return run_; }

  /// Writes the text up to `at` and returns where the escape that stands in its place goes,
  /// with room for `max` bytes; escaped() then says how many it took.
  char* escape_room(std::size_t at, std::size_t max) {
    room(at - run_ + max);
    std::memcpy(w_, text_.data() + run_, at - run_);
    w_ += at - run_;
    return w_;
  }

  /// The escape at escape_room()'s place is `len` bytes; the text goes on from `next` (what
  /// the escape stood for is skipped).
  void escaped(std::size_t len, std::size_t next) {
    w_ += len;
    run_ = next;
  }

  /// Writes the rest of the text, then `tail`, and gives the string its final size.
  void finish(std::string_view tail = {}) {
    const std::size_t rest = text_.size() - run_;
    room(rest + tail.size());
    if (rest) std::memcpy(w_, text_.data() + run_, rest);
    w_ += rest;
    if (!tail.empty()) std::memcpy(w_, tail.data(), tail.size());
    w_ += tail.size();
    out_.resize(static_cast<std::size_t>(w_ - &out_[0]));
  }

 private:
  void room(std::size_t need) {
    if (static_cast<std::size_t>(end_ - w_) >= need) return;
    used_ = static_cast<std::size_t>(w_ - &out_[0]);
    out_.resize(std::max(out_.size() * 2, used_ + need));
    w_ = &out_[used_];
    end_ = &out_[0] + out_.size();
  }

  std::string& out_;
  std::string_view text_;
  std::size_t run_;
  std::size_t used_ = 0;
  char* w_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace tb::text
