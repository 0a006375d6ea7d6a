// tb::text::js_pow / js_exp / js_log on the C library: the native build's definitions
// (ticketbridge/text/js_math.hpp says why a JavaScript host's build defines its own).
#include "ticketbridge/text/js_math.hpp"

#include <cmath>

namespace tb::text {

double js_pow(double base, double exponent) {
  // Math.pow answers NaN where C's pow answers 1: a base of ±1 to an infinite or NaN power.
  if (std::isnan(exponent)) return exponent;
  if (std::isinf(exponent) && std::fabs(base) == 1) return std::nan("");
  return std::pow(base, exponent);
}

double js_exp(double x) { return std::exp(x); }

double js_log(double x) { return std::log(x); }

}  // namespace tb::text
