#pragma once
/// @file
/// @brief `{{name}}` templates that know where each placeholder stands.
///
/// A template is parsed once for the context it will be rendered into. In a JSON payload a
/// placeholder inside a string literal is JSON-string-escaped and one standing alone as a
/// value is inserted as a JSON value; in a resource it is percent-encoded; in a header value
/// it may not carry line breaks. No value can change the structure of what is rendered.
///
/// `{{name | html}}` marks a field an ITSM reads as HTML (Zendesk `html_body`, Freshservice
/// `description`, TOPdesk `request`): the value is HTML-escaped, its line breaks become
/// `<br>`, and the result is then encoded for the slot (JSON-string-escaped in a payload).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"

namespace tb {

enum class TemplateKind {
  Text,      ///< plain text (parameter mappings, employee messages)
  Json,      ///< a JSON document (payloads)
  Resource,  ///< a URL path and query relative to the credential's base URL
  Header,    ///< an HTTP header value
};

/// Where a placeholder stands, decided when the template is parsed.
enum class Slot { Text, JsonString, JsonValue, UrlPath, UrlQuery, Header };

struct Placeholder {
  std::string path;                   ///< as written, trimmed: "employee.id"
  std::vector<std::string> segments;  ///< {"employee", "id"}
  Slot slot = Slot::Text;
  bool html = false;                  ///< `| html`: HTML-escaped before the slot's own encoding
  std::size_t position = 0;           ///< offset of "{{" in the source
};

/// @brief A parsed template: alternating literal text and placeholders.
class Template {
 public:
  /// Parse `source` for `kind`. Errors: TEMPLATE_SYNTAX (with position) for an unterminated
  /// or malformed placeholder, an unknown filter, or `| html` in a resource or header.
  static Result<Template> parse(std::string_view source, TemplateKind kind);

  Template() = default;
  const std::string& source() const { return source_; }
  TemplateKind kind() const { return kind_; }
  const std::vector<Placeholder>& placeholders() const { return placeholders_; }
  /// The literal text before placeholder i is literals()[i]; the text after the last is literals().back().
  const std::vector<std::string>& literals() const { return literals_; }
  /// True when the template is exactly one placeholder (then it yields a JSON value, not text).
  bool is_single_placeholder() const;

 private:
  std::string source_;
  TemplateKind kind_ = TemplateKind::Text;
  std::vector<std::string> literals_;
  std::vector<Placeholder> placeholders_;
};

/// Looks a placeholder up; nullptr = no value.
using ValueLookup = std::function<const nlohmann::json*(const Placeholder&)>;

/// @brief Where render() takes the values from, for a source that can do better than a lookup.
class ValueSource {
 public:
  /// The placeholder's value; nullptr = no value.
  virtual const nlohmann::json* value(const Placeholder& p) = 0;
  /// For a placeholder in a JSON string slot without `| html`: true, with `escaped` set, when
  /// the source holds its value's text already exactly as append_json_escaped() would write
  /// it (parameters read from JSON text: no decoding and escaping again).
  virtual bool escaped_string(const Placeholder& p, std::string_view& escaped) {
    (void)p;
    (void)escaped;
    return false;
  }
  /// About how many bytes the values add to a rendering (room reserved up front); 0 = unknown.
  virtual std::size_t size_hint() const { return 0; }

 protected:
  ~ValueSource() = default;
};

/// The most one rendering may produce. Checked as it grows, so a template that repeats a
/// large value thousands of times stops with an error instead of exhausting memory.
inline constexpr std::size_t kMaxRenderedBytes = 4u << 20;
/// @brief Render. A placeholder with no value renders empty in text-like slots and as
/// `null` in a JSON value slot. Errors: TEMPLATE_INVALID_HEADER_VALUE when a header value
/// would contain a line break, a control character or a character outside Latin-1 (which
/// fetch() refuses to send); TEMPLATE_TOO_LARGE past kMaxRenderedBytes.
Result<std::string> render(const Template& tpl, const ValueLookup& lookup);
/// @brief The same with the values of `values`.
Result<std::string> render(const Template& tpl, ValueSource& values);

/// @brief Resolve a dotted path ("employee.id", "messages.0.text") in a JSON document, from
/// its segment `first` on.
const nlohmann::json* lookup_path(const nlohmann::json& root, const std::vector<std::string>& segments,
                                  std::size_t first = 0);

/// @brief A value as text: strings as they are, numbers as JavaScript prints them,
/// booleans as true/false, null as "", arrays and objects as compact JSON.
std::string value_as_text(const nlohmann::json& value);

/// @brief Append `text` JSON-string-escaped (no surrounding quotes); also escapes U+2028/U+2029.
void append_json_escaped(std::string& out, std::string_view text);

/// @brief Append `text` as HTML text: `& < > " '` escaped, each line break (LF, CRLF, CR) as `<br>` + LF.
void append_html_escaped(std::string& out, std::string_view text);

/// @brief Percent-encode everything but RFC 3986 unreserved characters.
std::string percent_encode(std::string_view text);

}  // namespace tb
