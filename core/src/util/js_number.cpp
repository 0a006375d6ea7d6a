// The public face of the engine's JavaScript number printer (core/src/jsonata/numbers.cpp),
// so templates print numbers exactly as JSONata outputs and JavaScript hosts do.
#include "ticketbridge/js_number.hpp"

#include "numbers.hpp"

namespace tb {

std::string format_js_number(double value) {
  std::string out;
  jsonata::num::append(out, value);
  return out;
}

}  // namespace tb
