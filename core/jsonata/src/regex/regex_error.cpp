#include "regex/regex_error.hpp"

#include "ticketbridge/text/utf8.hpp"

namespace tb::jsonata::regex {

std::string to_utf8(std::u16string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::uint32_t cp = text[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 &&
        text[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // a lone surrogate has no UTF-8 form
    }
    utf8::append(out, cp);
  }
  return out;
}

Error syntax_error(std::u16string_view pattern, std::string_view flags, std::size_t position,
                   std::string_view what) {
  std::string message = "Invalid regular expression: /";
  message += to_utf8(pattern);
  message += '/';
  message += flags;
  message += ": ";
  message += what;
  Error e = make_error(kSyntaxCode, std::move(message));
  e.position = static_cast<std::int64_t>(position);
  return e;
}

}  // namespace tb::jsonata::regex
