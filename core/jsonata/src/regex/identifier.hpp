#pragma once
// Which code points may start or continue a capture-group name (ECMA-262
// RegExpIdentifierName: ID_Start / ID_Continue plus $, _, ZWNJ and ZWJ).

#include <cstdint>

namespace tb::jsonata::regex {

bool is_identifier_start(std::uint32_t cp);
bool is_identifier_part(std::uint32_t cp);

}  // namespace tb::jsonata::regex
