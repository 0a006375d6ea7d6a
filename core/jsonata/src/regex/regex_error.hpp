#pragma once
// Error values of the regex engine, with V8's message texts so users see what JavaScript
// would tell them.

#include <cstddef>
#include <string>
#include <string_view>

#include "ticketbridge/jsonata.hpp"

namespace tb::jsonata::regex {

inline constexpr const char* kSyntaxCode = "REGEX_SYNTAX";
inline constexpr const char* kUnsupportedCode = "REGEX_UNSUPPORTED";
inline constexpr const char* kStepLimitCode = "REGEX_STEP_LIMIT";
inline constexpr const char* kMemoryLimitCode = "REGEX_MEMORY_LIMIT";

/// "Invalid regular expression: /<pattern>/<flags>: <what>" with `position` set.
Error syntax_error(std::u16string_view pattern, std::string_view flags, std::size_t position,
                   std::string_view what);

std::string to_utf8(std::u16string_view text);

}  // namespace tb::jsonata::regex
