// tb::text::js_pow in the pictures module (ticketbridge/text/js_math.hpp): the host's Math.pow,
// as in the engines (host_math.cpp). This module has no Emscripten glue to carry an EM_JS, so
// it imports the function by name and wasm/js/pictures.mjs hands it Math.pow; musl's pow and
// its tables stay out of this module too. (Not imported as plain "pow": Emscripten's link step
// reads an import's name without its module and would report the C library's pow undefined.)
#include "ticketbridge/text/js_math.hpp"

extern "C" __attribute__((import_module("tb"), import_name("tb_math_pow"))) double tb_pictures_host_pow(double base, double exponent);

namespace tb::text {

double js_pow(double base, double exponent) { return tb_pictures_host_pow(base, exponent); }

}  // namespace tb::text
