// tb::text::js_pow / js_exp / js_log in the WebAssembly modules: the host's Math.pow, Math.exp
// and Math.log, which are what JSONata's $power is defined as (ticketbridge/text/js_math.hpp).
// Each is one call into JavaScript with two numbers, and leaves musl's implementations and
// their tables out of the module.
#include <emscripten/emscripten.h>

#include "ticketbridge/text/js_math.hpp"

EM_JS(double, tb_host_pow, (double base, double exponent), { return Math.pow(base, exponent); });
EM_JS(double, tb_host_exp, (double x), { return Math.exp(x); });
EM_JS(double, tb_host_log, (double x), { return Math.log(x); });

namespace tb::text {

double js_pow(double base, double exponent) { return tb_host_pow(base, exponent); }
double js_exp(double x) { return tb_host_exp(x); }
double js_log(double x) { return tb_host_log(x); }

}  // namespace tb::text
