// Rendering: each placeholder's value is encoded for the slot recorded at parse time.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "template/json_escape_flags.hpp"
#include "ticketbridge/js_number.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/template.hpp"
#include "ticketbridge/text/escape_writer.hpp"

namespace tb {

using json = nlohmann::json;

const json* lookup_path(const json& root, const std::vector<std::string>& segments, std::size_t first) {
  const json* node = &root;
  for (std::size_t k = first; k < segments.size(); ++k) {
    const std::string& seg = segments[k];
    if (node->is_object()) {
      const auto it = node->find(seg);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array()) {
      std::size_t index = 0;
      if (seg.empty() || seg.size() > 9) return nullptr;
      for (char c : seg) {
        if (c < '0' || c > '9') return nullptr;
        index = index * 10 + static_cast<std::size_t>(c - '0');
      }
      if (index >= node->size()) return nullptr;
      node = &(*node)[index];
    } else {
      return nullptr;
    }
  }
  return node;
}

std::string value_as_text(const json& v) {
  switch (v.type()) {
    case json::value_t::string: return v.get_ref<const std::string&>();
    case json::value_t::null: return "";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::number_integer: return std::to_string(v.get<std::int64_t>());
    case json::value_t::number_unsigned: return std::to_string(v.get<std::uint64_t>());
    case json::value_t::number_float: return format_js_number(v.get<double>());
    default: return dump_json(v);
  }
}

namespace {

// Bytes each input byte becomes inside a JSON string: 1 (as is), 2 (\" \\ \n ...) or 6
// (\u00XX). 0xE2 counts 1 here; the U+2028/U+2029 it may start are handled apart.
struct EscapeWidths {
  unsigned char w[256];
  constexpr EscapeWidths() : w() {
    for (int c = 0; c < 256; ++c) w[c] = 1;
    for (int c = 0; c < 0x20; ++c) w[c] = 6;
    w[0x7F] = 6;
    for (int c = 0; c < 256; ++c) {
      if (text::json_named_escape(static_cast<unsigned char>(c))) w[c] = 2;
    }
  }
};
constexpr EscapeWidths kEscapeWidth;

bool is_line_separator(std::string_view s, std::size_t i) {  // U+2028 or U+2029 at s[i]
  return i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9);
}

// The offset of the first byte at or after `i` that may need escaping (s.size() if none).
std::size_t next_special(std::string_view s, std::size_t i) {
  while (i + 8 <= s.size() && !json_escape_flags8(s.data() + i)) i += 8;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (kEscapeWidth.w[c] != 1 || c == 0xE2) break;
    ++i;
  }
  return i;
}

// The escape of s[i], which needs one, into `to` (room for 6): moves `i` past what it stands
// for and returns its length.
std::size_t escape_at(std::string_view s, std::size_t& i, char* to) {
  static const char* hex = "0123456789abcdef";
  const auto c = static_cast<unsigned char>(s[i]);
  switch (kEscapeWidth.w[c]) {
    case 1:
      // U+2028/U+2029 (nothing else of width 1 is escaped): legal in JSON, but they end lines
      // in JavaScript source and some logs.
      std::memcpy(to, static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029", 6);
      i += 3;
      return 6;
    case 2:
      to[0] = '\\';
      to[1] = text::json_named_escape(c);  // width 2 is exactly the named escapes
      ++i;
      return 2;
    default:
      std::memcpy(to, "\\u00", 4);
      to[4] = hex[c >> 4];
      to[5] = hex[c & 15];
      ++i;
      return 6;
  }
}

}  // namespace

// Plain text is copied whole. Past the first escape, the text is written in place eight bytes
// at a time, every flagged byte of a word taken from its bits: appending run and escape one
// after the other, or scanning afresh after each escape, cost more than the scan itself on a
// transcript, which is full of quotes and line breaks (docs/benchmarks.md, "Templates
// against mustache").
void append_json_escaped(std::string& out, std::string_view s) {
  const std::size_t first = next_special(s, 0);
  if (first) out.append(s.data(), first);
  const std::size_t n = s.size();
  if (first == n) return;
  const char* const p = s.data();
  text::EscapeWriter writer(out, s, first);
  const auto flagged = [&](std::size_t j) {
    if (j < writer.pending()) return;  // inside a line separator already written
    const auto c = static_cast<unsigned char>(p[j]);
    if (kEscapeWidth.w[c] == 1 && !(c == 0xE2 && is_line_separator(s, j))) return;  // written as it is
    char* to = writer.escape_room(j, 6);
    const std::size_t len = escape_at(s, j, to);
    writer.escaped(len, j);
  };
  std::size_t i = first;
  for (; i + 8 <= n; i += 8) {
    for (std::uint64_t bits = json_escape_flags8(p + i); bits; bits &= bits - 1) {
      flagged(i + static_cast<std::size_t>(__builtin_ctzll(bits)) / 8);
    }
  }
  for (; i < n; ++i) flagged(i);
  writer.finish();
}

void append_html_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    switch (s[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        out += "<br>\n";
        break;
      case '\n': out += "<br>\n"; break;
      default: out += s[i];
    }
  }
}

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

namespace {
Error too_large(const Placeholder& p) {
  Error e = make_error("TEMPLATE_TOO_LARGE", "the rendered text would be larger than " +
                                                 std::to_string(kMaxRenderedBytes >> 20) + " MB (at '" + p.path + "')");
  e.position = static_cast<std::int64_t>(p.position);
  return e;
}
}  // namespace

Result<std::string> render(const Template& tpl, const ValueLookup& lookup) {
  struct Lookup final : ValueSource {
    explicit Lookup(const ValueLookup& f) : f(f) {}
    const json* value(const Placeholder& p) override { return f(p); }
    const ValueLookup& f;
  } values(lookup);
  return render(tpl, values);
}

Result<std::string> render(const Template& tpl, ValueSource& values) {
  const auto& literals = tpl.literals();
  const auto& placeholders = tpl.placeholders();
  std::string out;
  out.reserve(tpl.source().size() + std::min(values.size_hint(), kMaxRenderedBytes) + 64);
  for (std::size_t i = 0; i < placeholders.size(); ++i) {
    if (out.size() > kMaxRenderedBytes) return too_large(placeholders[i - 1]);
    out += literals[i];
    const Placeholder& p = placeholders[i];
    std::string_view ready;
    if (p.slot == Slot::JsonString && !p.html && values.escaped_string(p, ready)) {
      out += ready;
      continue;
    }
    const json* value = values.value(p);
    // "| html": the value becomes HTML text first, then a string for the slot like any other.
    json as_html;
    if (p.html && value) {
      std::string escaped;
      append_html_escaped(escaped, value_as_text(*value));
      as_html = std::move(escaped);
      value = &as_html;
    }
    switch (p.slot) {
      case Slot::JsonValue:
        out += value ? dump_json(*value) : "null";
        break;
      case Slot::JsonString:
        // A string value (a transcript, kilobytes) is escaped where it is, not copied first.
        if (value && value->is_string()) append_json_escaped(out, value->get_ref<const std::string&>());
        else if (value) append_json_escaped(out, value_as_text(*value));
        break;
      case Slot::UrlPath:
      case Slot::UrlQuery:
        if (value) out += percent_encode(value_as_text(*value));
        break;
      case Slot::Header: {
        if (!value) break;
        const std::string text = value_as_text(*value);
        for (std::size_t k = 0; k < text.size(); ++k) {
          const auto u = static_cast<unsigned char>(text[k]);
          // UTF-8 lead bytes above 0xC3 start characters beyond U+00FF: fetch() refuses those
          // in a header (an employee named Łukasz), and the request would never leave.
          const bool control = u < 0x20 || u == 0x7F, wide = u > 0xC3 && u < 0xF8;
          const bool c1 = u == 0xC2 && k + 1 < text.size() && static_cast<unsigned char>(text[k + 1]) < 0xA0;
          if (control || wide || c1) {
            Error e = make_error("TEMPLATE_INVALID_HEADER_VALUE",
                                 "the value of '" + p.path + "' contains " +
                                     (wide ? "a character outside Latin-1" : "a line break or control character") +
                                     ", which a header value cannot carry");
            e.position = static_cast<std::int64_t>(p.position);
            return e;
          }
        }
        out += text;
        break;
      }
      case Slot::Text:
        if (value) out += value_as_text(*value);
        break;
    }
  }
  out += literals.back();
  if (out.size() > kMaxRenderedBytes && !placeholders.empty()) return too_large(placeholders.back());
  return out;
}

}  // namespace tb
