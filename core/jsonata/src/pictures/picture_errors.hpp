#pragma once
// The reference's error codes and message texts for picture strings. Where the reference
// attaches a value to an error, its message shows JSON.stringify(value) and Error::value_json
// carries the same JSON text.

#include <string>
#include <string_view>

#include "pictures/js_string.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb::jsonata::pictures {

/// An error with a fixed message (D3080..D3093, D3131, D3135, D3136, D3134).
Error picture_error(std::string_view code);

/// An error whose message embeds a string value (D3110, D3130, D3132, D3133).
Error picture_error(std::string_view code, js::U16View value);

/// D3134 carries the number of digits (none when it is NaN, the reference's undefined).
Error timezone_digits_error(double digits);

/// Where the reference itself fails with a JavaScript TypeError/RangeError (or would never
/// finish) there is no JSONata code; we report this code with the JavaScript message.
inline constexpr std::string_view kRuntimeErrorCode = "PICTURE_RUNTIME_ERROR";
Error runtime_error(std::string message);

}  // namespace tb::jsonata::pictures
