#pragma once
// JSONata errors: the reference's codes with its message templates. Inserts follow
// jsonata-js: {{field}} is the JSON text of the field, {{{field}}} the raw text.

#include <cstdint>
#include <string>
#include <string_view>

#include "ticketbridge/jsonata.hpp"
#include "value.hpp"

namespace tb::jsonata {

struct EvalError {
  std::string code;
  std::int64_t position = -1;
  bool has_token = false;
  bool token_is_json = false;  // a number / true / false / null token: inserted unquoted
  std::string token;
  bool has_value = false;
  std::string value_json;  // "" when the value was undefined or a function
  bool has_value2 = false;
  std::string value2_json;
  int index = 0;
  bool has_index = false;
  std::string type;        // T0412
  bool has_exp = false;
  std::string exp_json;    // D3061
  bool has_message = false;
  bool message_verbatim = false;  // use `message` as is (errors from the picture module)
  std::string message;     // D3137 / D3141 / D3120 / D3121 texts, or a non-JSONata message
  std::string function_name;

  void set_value(Value v);
  void set_value2(Value v);
  void set_exp(Value v);
  void set_token(std::string_view t) {
    has_token = true;
    token.assign(t.data(), t.size());
  }
};

/// The message jsonata-js's populateMessage() would give.
std::string render_message(const EvalError& e);

Error to_public(const EvalError& e);

/// An error from a helper module (pictures, regex) carried through unchanged.
void adopt(EvalError& e, const Error& from);

}  // namespace tb::jsonata
