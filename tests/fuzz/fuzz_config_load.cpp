// Any bytes as a configuration document: loaded or rejected with coded errors; never a crash.
#include <cstdint>
#include <string_view>

#include "ticketbridge/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tb::ConfigProblems problems;
  auto r = tb::load_config(std::string_view(reinterpret_cast<const char*>(data), size), &problems);
  if (!r && problems.errors.empty()) __builtin_trap();
  for (const tb::Error& e : problems.errors)
    if (e.code.empty()) __builtin_trap();
  return 0;
}
