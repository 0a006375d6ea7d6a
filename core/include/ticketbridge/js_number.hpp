#pragma once
/// @file
/// @brief Numbers printed the way JavaScript's Number.prototype.toString prints them, so
/// native and WASM hosts (and the ITSM) see identical text.

#include <string>

namespace tb {

/// @brief Shortest round-trip decimal form with JavaScript's layout: "100", "0.1",
/// "1e+21", "1e-7", "-0" prints as "0"; NaN/Infinity as JavaScript names them.
std::string format_js_number(double value);

}  // namespace tb
