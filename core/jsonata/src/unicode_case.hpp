#pragma once
// $uppercase / $lowercase over WTF-8 text, as JavaScript's toUpperCase() / toLowerCase().

#include <cstdint>
#include <string>
#include <string_view>

namespace tb::jsonata::unicode {

struct CaseRun {
  std::uint32_t first;
  std::uint16_t count;
  std::uint8_t stride;
  std::int32_t delta;
};
struct CaseMulti {
  std::uint32_t cp;
  const char* utf8;
};
struct CodeRange {
  std::uint32_t first, last;
};
struct CaseTables {
  const CaseRun* upper;
  std::size_t nupper;
  const CaseMulti* upper_multi;
  std::size_t nupper_multi;
  const CaseRun* lower;
  std::size_t nlower;
  const CaseMulti* lower_multi;
  std::size_t nlower_multi;
  const CodeRange* cased;
  std::size_t ncased;
  const CodeRange* ignorable;
  std::size_t nignorable;
};
extern const CaseTables kTables;

// Append the mapped text to `out`; false when there was no memory for it (only the WebAssembly
// modules' host mapping, wasm/src/host_case.cpp, can fail so).
bool to_upper(std::string_view s, std::string& out);
bool to_lower(std::string_view s, std::string& out);

}  // namespace tb::jsonata::unicode
