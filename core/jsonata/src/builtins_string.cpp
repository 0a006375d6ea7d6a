// String built-ins. $length and $substring count code points (jsonata-js iterates strings with
// for..of); searches work on the text itself.
#include <cmath>
#include <cstring>
#include <string>

#include "builtins.hpp"
#include "eval_internal.hpp"
#include "unicode_case.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

bool ascii(Value s) {
  if (s.bits & Value::kAsciiKnown) return (s.bits & Value::kAscii) != 0;
  return utf::is_ascii(s.str, s.len);
}

std::size_t cp_length(Value s) { return ascii(s) ? s.len : utf::code_points(s.sv()); }

std::size_t cp_offset(Value s, std::size_t cps) {
  return ascii(s) ? (cps < s.len ? cps : s.len) : utf::byte_offset_of_code_point(s.sv(), cps);
}

Value sub(Value s, std::size_t from, std::size_t to) {
  return Value::string(s.str + from, to - from, s.bits);
}

// Array.prototype.slice index rules: truncate, negative counts from the end, clamp.
std::size_t slice_index(double rel, std::size_t len) {
  if (std::isnan(rel)) return 0;
  double t = std::trunc(rel);
  if (t < 0) return t + static_cast<double>(len) < 0 ? 0 : static_cast<std::size_t>(t + static_cast<double>(len));
  return t > static_cast<double>(len) ? len : static_cast<std::size_t>(t);
}

Value substring_cp(Value str, double start, bool has_length, double length) {
  std::size_t n = cp_length(str);
  if (static_cast<double>(n) + start < 0) start = 0;
  double end;
  if (has_length) {
    if (!(length > 0)) return Value::ascii("");
    end = start >= 0 ? start + length : static_cast<double>(n) + start + length;
  } else {
    end = static_cast<double>(n);
  }
  std::size_t a = slice_index(start, n), b = slice_index(end, n);
  if (b <= a) return Value::ascii("");
  return sub(str, cp_offset(str, a), cp_offset(str, b));
}

Value fn_string(Call& c, const Value* args, std::size_t n) {
  Value prettify = arg(args, n, 1);
  return to_string(c.ev, arg(args, n, 0), prettify.kind == Kind::Bool && prettify.b);
}

Value fn_substring(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0);
  if (str.is_undefined()) return str;
  Value start = arg(args, n, 1), length = arg(args, n, 2);
  // An undefined start is NaN in the reference's arithmetic (and slice() reads it as 0).
  return substring_cp(str, start.is_undefined() ? NAN : start.num, !length.is_undefined(), length.num);
}

// String.prototype.indexOf(undefined) searches for the text "undefined".
Value search_text(Value chars) { return chars.is_undefined() ? Value::ascii("undefined") : chars; }

Value fn_substring_before(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0), chars = search_text(arg(args, n, 1));
  if (str.is_undefined()) return str;
  std::size_t pos = str.sv().find(chars.sv());
  if (pos == std::string_view::npos) return str;
  return sub(str, 0, pos);
}

Value fn_substring_after(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0), chars = search_text(arg(args, n, 1));
  if (str.is_undefined()) return str;
  std::size_t pos = str.sv().find(chars.sv());
  if (pos == std::string_view::npos) return str;
  if (arg(args, n, 1).is_undefined()) {
    // The reference then reads undefined.length: a TypeError, reported like the pictures'.
    EvalError& e = c.ev.fail("PICTURE_RUNTIME_ERROR");
    e.has_message = true;
    e.message_verbatim = true;
    e.message = "Cannot read properties of undefined (reading 'length')";
    return Value::error();
  }
  return sub(str, pos + chars.len, str.len);
}

// Where a long string may be split for case mapping: after an ASCII character that is neither
// a letter nor case-ignorable, no rule (the final sigma's) looks across.
bool case_boundary(char ch) {
  const auto u = static_cast<unsigned char>(ch);
  return u < 0x80 && !((u | 0x20) >= 'a' && (u | 0x20) <= 'z') && !std::strchr("'.:^`", ch);
}

Value case_map(Call& c, const Value* args, std::size_t n, bool upper) {
  Value str = arg(args, n, 0);
  if (str.is_undefined()) return str;
  // Mapped in pieces of about 1 MiB, so the time limit can stop a long string between them.
  constexpr std::size_t kPiece = 1u << 20;
  const std::string_view s = str.sv();
  std::string out;
  for (std::size_t at = 0; at < s.size();) {
    std::size_t end = s.size();
    if (end - at > kPiece) {
      end = at + kPiece;
      while (end < s.size() && !case_boundary(s[end - 1])) ++end;
    }
    const std::string_view piece = s.substr(at, end - at);
    if (!(upper ? unicode::to_upper(piece, out) : unicode::to_lower(piece, out))) return c.ev.oom();
    at = end;
    if (at < s.size() && !c.ev.check_limits()) return Value::error();
  }
  return c.ev.make_string(out);
}

Value fn_lowercase(Call& c, const Value* args, std::size_t n) { return case_map(c, args, n, false); }
Value fn_uppercase(Call& c, const Value* args, std::size_t n) { return case_map(c, args, n, true); }

Value fn_length(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0);
  if (str.is_undefined()) return str;
  return Value::number(static_cast<double>(cp_length(str)));
}

Value fn_trim(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0);
  if (str.is_undefined()) return str;
  std::string out;
  out.reserve(str.len);
  bool in_space = false;
  for (char ch : str.sv()) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out += ch;
      in_space = false;
    }
  }
  std::size_t b = !out.empty() && out.front() == ' ' ? 1 : 0;
  std::size_t e = out.size();
  if (e > b && out[e - 1] == ' ') --e;
  return c.ev.make_string(std::string_view(out).substr(b, e - b));
}

Value fn_pad(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0), width = arg(args, n, 1), ch = arg(args, n, 2);
  if (str.is_undefined()) return str;
  if (ch.is_undefined() || ch.len == 0) ch = Value::ascii(" ");
  double w = std::trunc(width.num);
  double pad = std::fabs(w) - static_cast<double>(cp_length(str));
  if (!(pad > 0)) return str;
  // Compared as a double before the cast: 5e9 does not fit a 32-bit size_t (WebAssembly), and
  // a width such as 1e21 has no size_t at all (jsonata-js: RangeError).
  if (pad > static_cast<double>(c.ev.limits.max_memory) / (ch.len ? ch.len : 1)) return c.ev.oom();
  auto count = static_cast<std::size_t>(pad);
  std::size_t unit = cp_length(ch);
  std::string padding;
  padding.reserve(count * ch.len);
  // Repeat the pad string, then cut to `count` code points.
  std::size_t reps = unit ? (count + unit - 1) / unit : 0;
  for (std::size_t i = 0; i < reps; ++i) padding.append(ch.str, ch.len);
  std::size_t cut = utf::byte_offset_of_code_point(padding, count);
  padding.resize(cut);
  std::string out;
  if (w > 0) {
    out.assign(str.str, str.len);
    out += padding;
  } else {
    out = padding;
    out.append(str.str, str.len);
  }
  return c.ev.make_string(out);
}

Value fn_join(Call& c, const Value* args, std::size_t n) {
  Value strs = arg(args, n, 0), sep = arg(args, n, 1);
  if (strs.is_undefined()) return strs;
  std::string_view s = sep.is_undefined() ? std::string_view() : sep.sv();
  std::string out;
  for (std::uint32_t i = 0; i < strs.arr->size; ++i) {
    if (i) utf::append_js(out, s);
    Value item = strs.arr->items[i];
    if (item.kind == Kind::String) utf::append_js(out, item.sv());
  }
  return c.ev.make_string(out);
}

const Builtin kStrings[] = {
    {"string", "<x-b?:s>", 1, 2, fn_string},
    {"substring", "<s-nn?:s>", 3, 3, fn_substring},
    {"substringBefore", "<s-s:s>", 2, 2, fn_substring_before},
    {"substringAfter", "<s-s:s>", 2, 2, fn_substring_after},
    {"lowercase", "<s-:s>", 1, 1, fn_lowercase},
    {"uppercase", "<s-:s>", 1, 1, fn_uppercase},
    {"length", "<s-:n>", 1, 1, fn_length},
    {"trim", "<s-:s>", 1, 1, fn_trim},
    {"pad", "<s-ns?:s>", 3, 3, fn_pad},
    {"join", "<a<s>s?:s>", 2, 2, fn_join},
};

}  // namespace

const Builtin* string_builtins(std::size_t* n) {
  *n = sizeof kStrings / sizeof kStrings[0];
  return kStrings;
}

}  // namespace tb::jsonata
