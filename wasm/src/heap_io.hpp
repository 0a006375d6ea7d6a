#pragma once
// How text crosses the module's plain exports (no Embind), in both directions, for every
// binding file: the façade writes an input into the heap and passes (pointer, length); a reply
// stays in the heap and the façade reads it whole with TextDecoder (wasm/js/core.mjs,
// heapReply). Embind's std::string conversions copied every byte in a JavaScript loop, which
// cost more than the work done on many of the texts (a 6 KB rendered request, a 15 KB import
// report).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tbwasm {

/// The `len` bytes at `ptr` in the heap, written there by the façade for this call only.
inline std::string_view heap_text(std::uintptr_t ptr, std::size_t len) {
  return len == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(ptr), len);
}

/// Keeps `text` until the next reply replaces it and answers the address of its
/// {pointer, length} record (two 32-bit words), which the façade reads before calling in again.
std::uintptr_t heap_reply(std::string text);

/// The same record for a text the caller keeps alive until the façade has read it.
std::uintptr_t text_record(const std::string& text);

}  // namespace tbwasm
