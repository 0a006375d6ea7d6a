// sprintf for the JSONata-only WASM module, which needs it for one thing.
#include <cstdarg>
#include <cstdint>
#include <cstring>

extern "C" {

// Embind names a type it was not told about by its address, sprintf("%p"), which the
// compiler turns into musl's integer-only siprintf. In the JSONata-only module (no
// nlohmann/json) that is the only printf left; defined here, musl's formatter (about 4 KiB
// raw) is not linked. Written as musl writes "%p": 0x and lowercase hex. Nothing else the
// module links calls siprintf (llvm-nm over the libraries: libembind's bind.o alone); any
// other format is refused (-1 and an empty buffer). Linked into that module only: the full
// one keeps musl's integer printf for nlohmann/json's snprintf anyway, and there this copy
// would only add bytes.
int siprintf(char* buf, const char* format, ...) {
  if (std::strcmp(format, "%p") != 0) {
    buf[0] = '\0';
    return -1;
  }
  va_list args;
  va_start(args, format);
  auto value = reinterpret_cast<std::uintptr_t>(va_arg(args, void*));
  va_end(args);
  char digits[2 * sizeof value];
  int n = 0;
  do {
    digits[n++] = "0123456789abcdef"[value & 15];
    value >>= 4;
  } while (value);
  int written = 0;
  buf[written++] = '0';
  buf[written++] = 'x';
  while (n) buf[written++] = digits[--n];
  buf[written] = '\0';
  return written;
}

}  // extern "C"
