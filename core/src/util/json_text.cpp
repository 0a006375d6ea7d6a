// nlohmann::json at the edges, without exceptions: a SAX front-end over its DOM builder that
// reports parse errors as values and stops at a nesting bound (deep documents would otherwise
// make later recursive walks, and the serializer, exhaust the stack).
#include "ticketbridge/json_text.hpp"

#include "ticketbridge/text/escape_writer.hpp"
#include "ticketbridge/text/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace tb {
namespace {

using json = nlohmann::json;

class BoundedDomBuilder {
 public:
  BoundedDomBuilder(json& root, int max_nesting) : dom_(root, false), max_nesting_(max_nesting) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return dom_.number_float(v, s); }
  bool string(json::string_t& v) { return dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) { return enter() && dom_.start_object(n); }
  bool key(json::string_t& k) { return dom_.key(k); }
  bool end_object() { --depth_; return dom_.end_object(); }
  bool start_array(std::size_t n) { return enter() && dom_.start_array(n); }
  bool end_array() { --depth_; return dom_.end_array(); }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) {
    failed_ = true;
    position_ = position;
    // The parser quotes the token it stopped in ("last read: '...'"): in a configuration
    // that is often a pasted secret with a stray newline or tab. Say where, never what.
    message_ = ex.what();
    if (const std::size_t at = message_.find("; last read: '"); at != std::string::npos) {
      const std::size_t quote = at + 14 + last_token.size();
      const bool exact = message_.compare(at + 14, last_token.size(), last_token) == 0 && quote < message_.size() &&
                         message_[quote] == '\'';
      message_.erase(at, exact ? quote + 1 - at : std::string::npos);  // unsure where it ends: drop the rest
    }
    if (message_.compare(0, 16, "[json.exception.") == 0) {
      const std::size_t close = message_.find("] ");
      if (close != std::string::npos) message_.erase(0, close + 2);
    }
    return false;
  }

  bool too_deep() const { return too_deep_; }
  bool failed() const { return failed_; }
  std::size_t position() const { return position_; }
  const std::string& message() const { return message_; }

 private:
  bool enter() {
    if (++depth_ > max_nesting_) {
      too_deep_ = true;
      return false;
    }
    return true;
  }
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  int max_nesting_;
  int depth_ = 0;
  bool too_deep_ = false;
  bool failed_ = false;
  std::size_t position_ = 0;
  std::string message_;
};

Error located(std::string code, std::string message, std::size_t position) {
  Error e = make_error(std::move(code), std::move(message));
  e.position = static_cast<std::int64_t>(position);
  return e;
}

}  // namespace

namespace {
// The code unit of a "\uXXXX" escape at s[i] ('\\' there), or -1.
long escape_unit(std::string_view s, std::size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  long v = 0;
  for (std::size_t k = 2; k < 6; ++k) {
    const int d = text::hex_digit_value(s[i + k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}
}  // namespace

std::string repair_lone_surrogates(std::string_view s, std::size_t* repaired) {
  std::string out;
  std::size_t done = 0, count = 0;  // s[0, done) is already in out
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!in_string) {
      in_string = c == '"';
      continue;
    }
    if (c == '"') {
      in_string = false;
    } else if (c == '\\') {
      const long unit = escape_unit(s, i);
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        const long low = escape_unit(s, i + 6);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          i += 11;  // a proper pair
          continue;
        }
      }
      if (unit >= 0xD800 && unit <= 0xDFFF) {
        out.append(s.data() + done, i - done);
        out += "\\uFFFD";
        done = i + 6;
        ++count;
        i += 5;
        continue;
      }
      ++i;  // the escaped character
    }
  }
  if (repaired) *repaired = count;
  if (!count) return std::string(s);
  out.append(s.data() + done, s.size() - done);
  return out;
}

bool is_valid_utf8(std::string_view s) { return utf8::valid(s); }

Result<json> parse_json(std::string_view text, std::string_view code_prefix, std::size_t max_bytes,
                        int max_nesting) {
  const std::string prefix(code_prefix);
  if (text.size() > max_bytes) {
    return make_error(prefix + "_TOO_LARGE", "document is " + std::to_string(text.size()) +
                                                 " bytes; the limit is " + std::to_string(max_bytes));
  }
  if (!is_valid_utf8(text)) {
    return make_error(prefix + "_INVALID_UTF8", "document is not valid UTF-8");
  }
  // nlohmann's lexer takes a NUL byte for the end of input, which would accept "{}\0junk";
  // a raw NUL is never valid JSON (inside strings it must be escaped).
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    return located(prefix + "_INVALID_JSON", "not valid JSON: a raw NUL byte",
                   static_cast<std::size_t>(static_cast<const char*>(nul) - text.data()));
  }
  json root;
  BoundedDomBuilder builder(root, max_nesting);
  json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, true);
  if (builder.too_deep()) {
    return make_error(prefix + "_TOO_DEEP",
                      "document nests deeper than " + std::to_string(max_nesting) + " levels");
  }
  if (builder.failed()) {
    return located(prefix + "_INVALID_JSON", "not valid JSON: " + builder.message(),
                   builder.position());
  }
  return root;
}

std::string dump_json(const json& value, int indent) {
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

std::string json_path_join(std::string_view parent, std::string_view member) {
  std::string out(parent);
  out += '/';
  for (char c : member) {  // RFC 6901 escaping
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string json_path_join(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out += '/';
  out += std::to_string(index);
  return out;
}

}  // namespace tb
