#pragma once
// Values to JSON text the way JSON.stringify writes them. Two flavours: the evaluation's
// output (functions dropped, non-finite numbers as null) and $string's (jsonata-js's replacer:
// numbers rounded to 15 significant digits, functions as "", Infinity an error).

#include <string>
#include <string_view>

#include "value.hpp"

namespace tb::jsonata {

/// Deepest nesting written; deeper values (only buildable by looping expressions) fail.
inline constexpr int kMaxWriteDepth = 4096;

enum class WriteStatus { Ok, TooDeep, NonFinite };

struct WriteOptions {
  bool string_function = false;  ///< $string / $clone flavour
  int indent = 0;                ///< spaces per level; 0 = compact
};

/// On NonFinite, `*bad` holds the offending number.
WriteStatus write_json(std::string& out, Value v, const WriteOptions& opts, double* bad = nullptr);

/// A JSON string literal, escaped as JSON.stringify does (lone surrogates as \udxxx).
void write_json_string(std::string& out, std::string_view s);

}  // namespace tb::jsonata
