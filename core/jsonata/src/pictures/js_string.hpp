#pragma once
// JavaScript string semantics over UTF-16 code units. The reference implementation indexes,
// searches and slices strings by code unit, and several of its picture-string quirks depend on
// that (multi-unit separators, surrogate halves, negative slice offsets), so the picture code
// works on std::u16string and converts at the API boundary.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tb::jsonata::pictures::js {

using U16 = std::u16string;
using U16View = std::u16string_view;

/// Sentinel for "not found" (JavaScript's -1).
constexpr std::ptrdiff_t kNotFound = -1;

/// Appends a code point as one code unit or a surrogate pair (String.fromCodePoint).
void append_code_point(U16& out, std::uint32_t cp);

/// UTF-8 -> UTF-16. Invalid bytes become U+FFFD; CESU/WTF-8 encoded surrogates are kept as
/// code units so that strings carrying lone surrogates survive a round trip.
U16 from_utf8(std::string_view text);

/// UTF-16 -> UTF-8. Lone surrogates become U+FFFD (what String.prototype.toWellFormed does).
std::string to_utf8(U16View text);

/// String.prototype.indexOf / lastIndexOf (code-unit offsets, -1 when absent).
std::ptrdiff_t index_of(U16View hay, U16View needle, std::ptrdiff_t from = 0);
std::ptrdiff_t last_index_of(U16View hay, U16View needle);

/// String.prototype.charAt: the unit at `i` as a one-unit string, "" out of range.
U16View char_at(U16View s, std::ptrdiff_t i);

/// String.prototype.substring (clamped, arguments swapped when reversed).
U16 substring(U16View s, std::ptrdiff_t start, std::ptrdiff_t end);
U16 substring(U16View s, std::ptrdiff_t start);

/// String.prototype.slice (negative offsets count from the end).
U16 slice(U16View s, std::ptrdiff_t start, std::ptrdiff_t end);
U16 slice(U16View s, std::ptrdiff_t start);

/// String.prototype.substr(start, length) (negative start counts from the end).
U16 substr(U16View s, std::ptrdiff_t start, std::ptrdiff_t length);
U16 substr(U16View s, std::ptrdiff_t start);

/// `s.split(sep).join(with)` for a string separator (JavaScript splits "" into code units).
U16 replace_all(U16View s, U16View sep, U16View with);

/// String.prototype.replace(string, string): first occurrence, with $$, $&, $` and $' expanded.
U16 replace_first(U16View s, U16View pattern, U16View replacement);

/// Longest string the picture code will build. The reference can build far longer ones (up to
/// V8's ~2^29 units) from huge width modifiers; past this we report an error instead.
constexpr double kMaxStringUnits = 1 << 20;

/// `str` repeated `n` times (`new Array(n + 1).join(str)`); n <= 0 gives "". Callers check
/// n * str.size() against kMaxStringUnits first.
U16 repeat(U16View str, double n);

/// ECMAScript WhiteSpace or LineTerminator (what \s and String.prototype.trim match).
bool is_space(char16_t c);

/// ASCII-only case mapping (enough for the English names and numerals the reference emits).
U16 ascii_upper(U16View s);
U16 ascii_lower(U16View s);

/// JSON.stringify of a string, as UTF-8: used for the `{{value}}` in error messages.
std::string json_quote(U16View s);

/// A UTF-16 literal from ASCII text (for tables of English words).
U16 ascii(std::string_view s);

}  // namespace tb::jsonata::pictures::js
