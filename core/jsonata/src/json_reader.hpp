#pragma once
// JSON text straight into the evaluator's values (JSON.parse semantics: strict RFC 8259,
// duplicate keys keep the first position and the last value, array-index keys ordered first).
// The text is copied once into the arena; strings point into that copy, unescaped in place.

#include <cstddef>
#include <string>

#include "arena.hpp"
#include "projection.hpp"
#include "value.hpp"

namespace tb::jsonata {

struct JsonReadError {
  const char* code = nullptr;  // JSONATA_INVALID_JSON / JSONATA_TOO_DEEP / JSONATA_INVALID_UTF8
  std::string message;
  std::size_t offset = 0;
};

/// Parses `text` into `out`. With a projection, builds only the members it names (see
/// projection.hpp); everything is still checked, so errors are those of a full parse.
bool read_json(Arena& arena, const char* text, std::size_t n, int max_nesting, Value& out, JsonReadError& err,
               const Projection* proj = nullptr);

}  // namespace tb::jsonata
