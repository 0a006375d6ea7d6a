// The JSON string writer (every string evaluateJson writes, and the request forms' body
// literal) against its rule written byte by byte: '"' and '\\' and the named controls as
// two-character escapes, other controls and lone surrogates as \uXXXX, every other byte as it
// is. Random texts put escapes at every offset of the writer's sixteen-byte blocks, in runs,
// and far apart.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>

#include "ticketbridge/jsonata.hpp"
#include "utf.hpp"

namespace jsn = tb::jsonata;

namespace {

std::string quoted_byte_by_byte(const std::string& s) {
  static const char* hex = "0123456789abcdef";
  const auto u4 = [](std::uint32_t u) {
    return std::string("\\u") + hex[(u >> 12) & 15] + hex[(u >> 8) & 15] + hex[(u >> 4) & 15] + hex[u & 15];
  };
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const char* named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
                      : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : nullptr;
    if (named) {
      out += named;
      ++i;
    } else if (c < 0x20) {
      out += u4(c);
      ++i;
    } else if (c == 0xED && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0) {
      out += u4(jsn::utf::next(s, i));  // a lone surrogate (WTF-8)
    } else {
      out += static_cast<char>(c);
      ++i;
    }
  }
  return out + "\"";
}

}  // namespace

BOOST_AUTO_TEST_CASE(strings_are_written_by_the_byte_rule_at_every_offset) {
  const std::string pieces[] = {"a", "plain text ", "0123456789abcdefghij", "\"", "\\", "\n", "\r\n", "\t", "\b\f",
                                std::string(1, '\0'), "\x01", "\x1f", "\x7f", "\xED\xA0\x80", "\xED\xBF\xBF",
                                "\xED\x9F\xBF", "caf\u00e9", "\u2028", "\U0001F600", "\\\"", "\"\""};
  std::uint64_t seed = 7;
  const auto next = [&] { return seed = seed * 6364136223846793005ULL + 1442695040888963407ULL, seed >> 33; };
  for (int round = 0; round < 5000; ++round) {
    std::string text(next() % 17, 'x');  // shifts the pieces across the sixteen-byte blocks
    for (auto n = next() % 40; n > 0; --n) text += pieces[next() % std::size(pieces)];
    std::string out = "prefix:";
    jsn::append_quoted_json(out, text);
    BOOST_REQUIRE_EQUAL(out, "prefix:" + quoted_byte_by_byte(text));
  }
  std::string out;
  jsn::append_quoted_json(out, "");
  BOOST_TEST(out == "\"\"");
}

BOOST_AUTO_TEST_CASE(a_long_text_of_escapes_grows_the_output_as_it_goes) {
  // Six bytes out for every byte in: more than the writer first makes room for.
  const std::string controls(10000, '\x01');
  std::string out;
  jsn::append_quoted_json(out, "a" + controls);
  BOOST_TEST(out.size() == 2 + 1 + 6 * controls.size());
  BOOST_TEST(out == quoted_byte_by_byte("a" + controls));
}
