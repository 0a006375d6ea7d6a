// The module's strtod and snprintf. musl's, as Emscripten links them, do their floating-point
// work in 128-bit long double, which WebAssembly runs in software: about 10 KiB of the gzipped
// module. The engine and the core no longer call them (core/text decimal.hpp does their number
// text exactly), but nlohmann/json does: its lexer reads every JSON number with strtod, and it
// formats integers with snprintf (\u escapes, error messages). The link wraps both
// (--wrap in wasm/CMakeLists.txt), so its calls land here:
// - strtod reads through tb::text::parse_double, which is correctly rounded like musl's;
// - snprintf goes to musl's integer-only printf (vsniprintf, what Emscripten links for
//   iprintf: no floating-point formatter at all). nlohmann formats only integers ("\\u%04x",
//   "<U+%.4X>"). A floating-point conversion would reach the missing formatter, so it is
//   refused instead: -1 and an empty buffer, as for any format snprintf cannot write. The core
//   and the engine print numbers through core/text decimal.hpp, never through printf.
#include <cstdarg>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "ticketbridge/text/decimal.hpp"

namespace {

// Does the format hold %a, %e, %f or %g (any case), after its flags, width, precision and length?
bool floating_conversion(const char* f) {
  while ((f = std::strchr(f, '%'))) {
    ++f;
    if (*f == '%') {
      ++f;
      continue;
    }
    while (*f && std::strchr("-+ #'0123456789.*$hljztLq", *f)) ++f;
    if (!*f) return false;
    if (std::strchr("aAeEfFgG", *f)) return true;
  }
  return false;
}

}  // namespace

extern "C" {

int vsniprintf(char* buf, std::size_t size, const char* format, va_list args);

double __wrap_strtod(const char* text, char** end) {
  std::size_t used = 0;
  const double value = tb::text::parse_double(std::string_view(text, std::strlen(text)), &used);
  if (end) *end = const_cast<char*>(text + used);
  return value;
}

int __wrap_snprintf(char* buf, std::size_t size, const char* format, ...) {
  if (floating_conversion(format)) {
    if (size) buf[0] = '\0';
    return -1;
  }
  va_list args;
  va_start(args, format);
  const int written = vsniprintf(buf, size, format, args);
  va_end(args);
  return written;
}

}  // extern "C"
