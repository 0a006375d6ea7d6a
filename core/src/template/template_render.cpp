// Rendering: each placeholder's value is encoded for the slot recorded at parse time.
#include <cstdio>

#include "ticketbridge/js_number.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/template.hpp"

namespace tb {

using json = nlohmann::json;

const json* lookup_path(const json& root, const std::vector<std::string>& segments) {
  const json* node = &root;
  for (const std::string& seg : segments) {
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

void append_json_escaped(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::size_t run = 0;  // s[run, i) needs no escaping and is copied in one append
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F && c != 0xE2) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
          // U+2028/U+2029 are legal in JSON but end lines in JavaScript source and some logs.
          out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
          i += 2;
          run = i + 1;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out.append(s.data() + run, s.size() - run);
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
  const auto& literals = tpl.literals();
  const auto& placeholders = tpl.placeholders();
  std::string out;
  out.reserve(tpl.source().size() + 64);
  for (std::size_t i = 0; i < placeholders.size(); ++i) {
    if (out.size() > kMaxRenderedBytes) return too_large(placeholders[i - 1]);
    out += literals[i];
    const Placeholder& p = placeholders[i];
    const json* value = lookup(p);
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
        if (value) append_json_escaped(out, value_as_text(*value));
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
