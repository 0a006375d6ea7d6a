// The engine's JavaScript number printer (ticketbridge::jsonata's number_text), so templates
// print numbers exactly as JSONata outputs and JavaScript hosts do.
#include "ticketbridge/js_number.hpp"

#include "ticketbridge/jsonata.hpp"

namespace tb {

std::string format_js_number(double value) { return jsonata::number_text(value); }

}  // namespace tb
