#pragma once
// Function signatures such as <s-nn?:s>: parsing (S0401 / S0402) and argument validation
// with jsonata-js's rules - context substitution for '-' (T0411), singleton-to-array promotion
// for 'a', array subtypes (T0412), and the argument reported by T0410 (found the way the
// reference does it: by matching ever longer prefixes of the signature).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "value.hpp"

namespace tb::jsonata {

struct SigParam {
  char type = 'x';           // s n b l o a f j x, or '(' for a choice
  std::string chars;         // type symbols this parameter accepts ('m' = missing)
  std::string quant;         // "", "?", "+", "??" ...
  bool context = false;      // '-': use the context value when the argument is missing
  std::string context_chars;
  std::string subtype;       // a<n> / f<...>
};

struct Signature {
  std::string definition;
  std::vector<SigParam> params;
};

struct SigParseError {
  const char* code = nullptr;  // S0401 / S0402
  std::size_t offset = 0;
  std::string value;
};

bool parse_signature(std::string_view text, Signature& out, SigParseError& err);

/// The symbol getSymbol() gives a value: s n b l o a f m.
char type_symbol(Value v);

struct SigCheckError {
  const char* code = nullptr;  // T0410 / T0411 / T0412
  Value value;
  int index = 0;
  std::string type;            // T0412: "numbers", "strings", ...
};

/// Validates `args` (n of them) against `sig`; writes the adjusted arguments (arrays promoted,
/// context inserted) to `out`, which must hold n + sig.params.size() values.
bool validate_signature(const Signature& sig, const Value* args, std::size_t n, Value context, Arena& arena,
                        Value* out, std::size_t* out_n, SigCheckError& err);

}  // namespace tb::jsonata
