#pragma once
// Number <-> text exactly as JavaScript does it: Number.prototype.toString (shortest digits that
// round-trip, exponent forms from 1e21 and below 1e-6), toPrecision, toString(radix), and
// decimal parsing that does not depend on the C locale for the common cases.

#include <cstddef>
#include <string>

namespace tb::jsonata::num {

/// JavaScript String(v). Writes at most 32 chars to buf (no terminator); returns the length.
std::size_t format(double v, char* buf);
void append(std::string& out, double v);

/// Number(v.toPrecision(p)) for finite v, 1 <= p <= 21.
double to_precision(double v, int p);

/// String(Number(v.toPrecision(p))) - what $string writes for a non-integer (p = 15).
std::size_t format_precision(double v, int p, char* buf);

/// JavaScript's layout of the number 0.d1..dk * 10^n (k >= 1 digits, no sign).
std::size_t format_digits(const char* d, int k, int n, char* buf);

/// v.toString(radix) for an integral v, 2 <= radix <= 36.
std::string format_radix(double v, int radix);

/// Parses a decimal literal already checked to match -?digits[.digits][(e|E)[+-]digits].
double parse_decimal(const char* s, std::size_t n);

}  // namespace tb::jsonata::num
