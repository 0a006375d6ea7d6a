// Parsing a template records, for each placeholder, the slot it stands in. For JSON the
// slot comes from a lexical scan that tracks whether we are inside a string literal, so
// rendering never has to guess and a value can never close a string it was put in.
#include <cctype>

#include "ticketbridge/template.hpp"

namespace tb {
namespace {

bool is_segment_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '-' || c == '$';
}

Error syntax_error(std::string message, std::size_t position) {
  Error e = make_error("TEMPLATE_SYNTAX", std::move(message));
  e.position = static_cast<std::int64_t>(position);
  return e;
}

// Parses "{{ a.b }}" starting at `open`; on success sets `close` to the offset after "}}".
Result<Placeholder> parse_placeholder(std::string_view src, std::size_t open, std::size_t& close) {
  const std::size_t end = src.find("}}", open + 2);
  if (end == std::string_view::npos) return syntax_error("unterminated placeholder: '{{' without '}}'", open);
  std::string_view inner = src.substr(open + 2, end - open - 2);
  while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.front()))) inner.remove_prefix(1);
  while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back()))) inner.remove_suffix(1);
  if (inner.empty()) return syntax_error("empty placeholder '{{}}'", open);
  Placeholder p;
  // "{{ name | html }}": the one filter there is, for fields the ITSM reads as HTML.
  if (const std::size_t bar = inner.find('|'); bar != std::string_view::npos) {
    std::string_view filter = inner.substr(bar + 1);
    inner = inner.substr(0, bar);
    while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back()))) inner.remove_suffix(1);
    while (!filter.empty() && std::isspace(static_cast<unsigned char>(filter.front()))) filter.remove_prefix(1);
    if (filter != "html") {
      return syntax_error("unknown filter '" + std::string(filter) + "' (the only filter is '| html')", open);
    }
    if (inner.empty()) return syntax_error("'| html' needs a placeholder name before it", open);
    p.html = true;
  }
  p.path = std::string(inner);
  p.position = open;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= inner.size(); ++i) {
    if (i == inner.size() || inner[i] == '.') {
      if (i == start) return syntax_error("placeholder '" + p.path + "' has an empty path segment", open);
      p.segments.emplace_back(inner.substr(start, i - start));
      start = i + 1;
    } else if (!is_segment_char(inner[i])) {
      return syntax_error("placeholder '" + p.path + "' may only contain letters, digits, '_', '-', '$' and '.'", open);
    }
  }
  close = end + 2;
  return p;
}

}  // namespace

bool Template::is_single_placeholder() const {
  return placeholders_.size() == 1 && literals_.size() == 2 && literals_[0].empty() && literals_[1].empty();
}

Result<Template> Template::parse(std::string_view src, TemplateKind kind) {
  Template t;
  t.source_ = std::string(src);
  t.kind_ = kind;
  std::string literal;
  bool in_string = false;   // JSON: inside a string literal
  bool escaped = false;     // JSON: previous char was a backslash inside a string
  int hex_pending = 0;      // JSON: hex digits still owed to a \uXXXX escape
  bool in_query = false;    // Resource: past the '?'
  std::size_t i = 0;
  while (i < src.size()) {
    if (src.compare(i, 2, "{{") == 0) {
      if (kind == TemplateKind::Json && (escaped || hex_pending > 0)) {
        // "\{{x}}" or "\u12{{x}}": the value's first characters would complete the escape,
        // so the value could change what the string means (both found by fuzz_template).
        return syntax_error("a placeholder cannot stand inside a backslash escape in a JSON string", i);
      }
      std::size_t close = 0;
      auto ph = parse_placeholder(src, i, close);
      if (!ph) return std::move(ph).error();
      if (ph->html && (kind == TemplateKind::Resource || kind == TemplateKind::Header)) {
        return syntax_error("'| html' is for payload fields and text, not for a URL or a header", i);
      }
      switch (kind) {
        case TemplateKind::Text: ph->slot = Slot::Text; break;
        case TemplateKind::Json: ph->slot = in_string ? Slot::JsonString : Slot::JsonValue; break;
        case TemplateKind::Resource: ph->slot = in_query ? Slot::UrlQuery : Slot::UrlPath; break;
        case TemplateKind::Header: ph->slot = Slot::Header; break;
      }
      escaped = false;
      t.literals_.push_back(std::move(literal));
      literal.clear();
      t.placeholders_.push_back(std::move(ph).value());
      i = close;
      continue;
    }
    const char c = src[i];
    if (kind == TemplateKind::Json) {
      if (in_string) {
        if (hex_pending > 0) --hex_pending;
        else if (escaped) {
          escaped = false;
          if (c == 'u') hex_pending = 4;
        } else if (c == '\\') escaped = true;
        else if (c == '"') in_string = false;
      } else if (c == '"') {
        in_string = true;
      }
    } else if (kind == TemplateKind::Resource && c == '?') {
      in_query = true;
    }
    literal += c;
    ++i;
  }
  t.literals_.push_back(std::move(literal));
  return t;
}

}  // namespace tb
