#pragma once
/// @file
/// @brief The engine's version, as the package and the CLI report it. It equals the CMake
/// project version and wasm/package.json's "version" (test_boundary_about checks all three).

#include <string_view>

namespace tb {

inline constexpr std::string_view kVersion = "0.1.0";

}  // namespace tb
