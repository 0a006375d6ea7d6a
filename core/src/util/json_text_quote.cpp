// A string literal exactly as dump_json() writes one, without a JSON DOM: the error writer
// (error_json.cpp) uses it so the JSONata-only WASM module links no nlohmann/json. For UTF-8
// text nlohmann's escaping and JSON.stringify's are the same bytes (\b \t \n \f \r \" \\,
// other controls as \u00xx, everything else as is), so the engine's writer serves; what is
// not UTF-8 is first repaired the way nlohmann's replacing serializer repairs it: each
// maximal ill-formed subpart (Unicode 15, section 3.9, the "substitution of maximal
// subparts" practice) becomes one U+FFFD.
#include "ticketbridge/json_text.hpp"

#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/text/utf8.hpp"

namespace tb {
namespace {

// The range the second byte of a sequence led by `lead` must fall in, and the sequence's
// length; length 0 for a byte that cannot start one.
struct Utf8Lead {
  int length;
  unsigned char low, high;
};

Utf8Lead utf8_lead_of(unsigned char b) {
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};  // no surrogates
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};  // no overlongs
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};  // nothing past U+10FFFF
  return {0, 0, 0};
}

std::string replace_ill_formed_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    const Utf8Lead lead = utf8_lead_of(b);
    std::size_t n = 1;  // bytes of the sequence that are well-formed so far
    if (lead.length > 0 && i + 1 < s.size()) {
      const auto second = static_cast<unsigned char>(s[i + 1]);
      if (second >= lead.low && second <= lead.high) {
        n = 2;
        while (n < static_cast<std::size_t>(lead.length) && i + n < s.size() &&
               (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) {
          ++n;
        }
      }
    }
    if (lead.length > 0 && n == static_cast<std::size_t>(lead.length)) {
      out.append(s.data() + i, n);
    } else {
      utf8::append(out, utf8::kReplacement);
    }
    i += n;
  }
  return out;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (utf8::valid(text)) jsonata::append_quoted_json(out, text);
  else jsonata::append_quoted_json(out, replace_ill_formed_utf8(text));
}

}  // namespace tb
