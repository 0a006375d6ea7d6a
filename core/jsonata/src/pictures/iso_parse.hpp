#pragma once
// ISO 8601 timestamps for $toMillis without a picture (see iso_parse.cpp).

#include "pictures/js_string.hpp"

namespace tb::jsonata::pictures {

/// Whether `text` matches the reference's ISO 8601 pattern (else $toMillis raises D3110).
bool matches_iso8601(js::U16View text);

/// Date.parse(text) as V8 computes it, for text that matches the ISO 8601 pattern, with local
/// time taken as UTC. NaN where V8 gives NaN.
double v8_date_parse(js::U16View text);

}  // namespace tb::jsonata::pictures
