#pragma once
// Math.pow as V8 computes it for the integer powers the picture functions take (10^k for
// scaling and year digits, 26^i for letter numerals). V8's pow is accurate to one unit in the
// last place but not correctly rounded, and C libraries differ from it (and from each other),
// so we start from the correctly rounded power and apply V8's known one-ulp deviations.

namespace tb::jsonata::pictures::js {

/// Math.pow(10, k) in V8 (k an integer; other exponents fall back to the C library).
double pow10(double k);

/// Math.pow(26, i) in V8 (i an integer >= 0; others fall back to the C library).
double pow26(double i);

}  // namespace tb::jsonata::pictures::js
