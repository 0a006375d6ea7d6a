#pragma once
/// @file
/// @brief JavaScript's Math.pow, Math.exp and Math.log, for the code that needs them.
///
/// Why not call the C library directly: JSONata defines `$power` as JavaScript's Math.pow, and
/// every WebAssembly host of this package is a JavaScript engine that has these functions. A
/// build for such a host defines them by calling the host (wasm/src/host_math.cpp), which
/// leaves musl's pow, exp and log out of the module with their tables (10.1 KiB gzip of the
/// full module, 5.3 of the JSONata-only one, measured 2026-12-06);
/// native builds define them on the C library (src/js_math.cpp, left out when the CMake option
/// TB_TEXT_LIBM is OFF). Both are within an ulp of the exact result, and every caller either
/// needs JavaScript's answer ($power) or rounds far coarser (the classifier's confidences).
namespace tb::text {

double js_pow(double base, double exponent);
double js_exp(double x);
double js_log(double x);

}  // namespace tb::text
