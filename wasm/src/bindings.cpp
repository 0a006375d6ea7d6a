// Embind surface of the core: coarse calls, JSON text in and out, errors as values.
#include <emscripten/bind.h>

#include <string>

namespace {
std::string version() { return "0.1.0"; }
}  // namespace

EMSCRIPTEN_BINDINGS(ticketbridge) { emscripten::function("version", &version); }
