#pragma once
// JSONata tokenizer. Token positions are what jsonata-js reports: the UTF-16 offset just past
// the token. Whether '/' starts a regex depends on the parser's position (operand or operator),
// so the parser tells next() which one it is in.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tb::jsonata {

enum class Tok : std::uint8_t { End, Name, Variable, Operator, String, Number, Value, Regex };

struct Token {
  Tok type = Tok::End;
  std::string text;       // name / variable (without $) / operator / decoded string / regex pattern
  std::string flags;      // regex flags (always ends with 'g')
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
  explicit Lexer(std::string_view src) : src_(src) {}
  /// Reads the next token; `infix` true when an operator is expected (so '/' divides).
  /// Returns false with `err` set on a lexical error.
  bool next(bool infix, Token& out, LexError& err);
  std::size_t source_units() { return units_at(src_.size()); }

 private:
  std::uint32_t units_at(std::size_t byte);
  bool fail(LexError& err, const char* code, std::size_t at, std::string token = {}, bool has_token = false);
  bool scan_regex(Token& out, LexError& err);
  bool scan_string(char quote, Token& out, LexError& err);

  std::string_view src_;
  std::size_t pos_ = 0;
  std::size_t cache_byte_ = 0;  // units_at() walks forward from its last answer
  std::uint32_t cache_units_ = 0;
};

bool is_operator_char(char c);

}  // namespace tb::jsonata
