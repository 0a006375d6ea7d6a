#pragma once
// SHA-256 (FIPS 180-4), used to derive idempotency keys that are identical in every host.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tb {

std::array<std::uint8_t, 32> sha256(std::string_view data);
std::string sha256_hex(std::string_view data);

}  // namespace tb
