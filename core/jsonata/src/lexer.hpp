#pragma once
// JSONata tokenizer. Token positions are what jsonata-js reports: the UTF-16 offset just past
// the token. Whether '/' starts a regex depends on the parser's position (operand or operator),
// so the parser tells next() which one it is in.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tb::jsonata {

class Arena;

enum class Tok : std::uint8_t { End, Name, Variable, Operator, String, Number, Value, Regex };

struct Token {
  Tok type = Tok::End;
  // Views, not copies: into the source, or (decoded strings with escapes) into the arena the
  // lexer was given, which outlives the parse. Copying a token is then a few words.
  std::string_view text;  // name / variable (without $) / operator / decoded string / regex pattern
  std::string_view flags; // regex flags as written (i, m); the parser adds jsonata-js's 'g'

  double num = 0;         // number
  int value = 0;          // Value tokens: 0 null, 1 true, 2 false
  std::uint32_t position = 0;
};

struct LexError {
  const char* code = nullptr;
  std::uint32_t position = 0;
  std::string token;
  bool has_token = false;
};

class Lexer {
 public:
  /// `strings` holds the decoded text of string literals with escapes (token views point there).
  Lexer(std::string_view src, Arena& strings);
  /// Reads the next token; `infix` true when an operator is expected (so '/' divides).
  /// Returns false with `err` set on a lexical error.
  bool next(bool infix, Token& out, LexError& err);
  std::size_t source_units() { return units_at(src_.size()); }

 private:
  // Token positions are UTF-16 offsets; in an ASCII source (the usual case) that is the byte offset.
  std::uint32_t units_at(std::size_t byte) { return ascii_ ? static_cast<std::uint32_t>(byte) : units_slow(byte); }
  std::uint32_t units_slow(std::size_t byte);
  bool fail(LexError& err, const char* code, std::size_t at, std::string token = {}, bool has_token = false);
  bool scan_regex(Token& out, LexError& err);
  bool scan_string(char quote, Token& out, LexError& err);

  std::string_view src_;
  Arena& strings_;
  bool ascii_ = true;
  std::size_t pos_ = 0;
  std::size_t cache_byte_ = 0;  // units_at() walks forward from its last answer
  std::uint32_t cache_units_ = 0;
};

bool is_operator_char(char c);

}  // namespace tb::jsonata
