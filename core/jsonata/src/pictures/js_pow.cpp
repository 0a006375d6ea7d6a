#include "pictures/js_pow.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ticketbridge/text/decimal.hpp"
#include "ticketbridge/text/js_math.hpp"

namespace tb::jsonata::pictures::js {
namespace {

struct Deviation {
  int exponent;
  int ulps;  // V8's result minus the correctly rounded one, in units in the last place
};

// Measured with Node 20 (V8 11.3): Math.pow(10, k) for -340 <= k <= 310 and Math.pow(26, i)
// for 0 <= i <= 218 against the correctly rounded powers; every other exponent in those
// ranges agrees.
constexpr Deviation kPow10[] = {
    {-307, 1}, {-306, -1}, {-303, 1}, {-278, 1}, {-268, 1}, {-246, 1}, {-222, -1}, {-207, 1}, {-166, -1},
    {-163, 1}, {-148, 1},  {-145, 1}, {-138, -1}, {-128, -1}, {-122, -1}, {-111, -1}, {-106, 1}, {-104, 1},
    {-101, -1}, {-88, 1},  {-76, 1},  {-63, -1}, {-57, 1},  {-39, 1},  {-32, -1}, {-29, 1},  {-24, 1},
    {-23, 1},  {-21, 1},   {-20, 1},  {-17, -1}, {-5, -1},  {-4, -1},  {26, -1},  {29, 1},   {34, 1},
    {36, -1},  {39, 1},    {42, -1},  {49, 1},   {58, 1},   {61, 1},   {70, -1},  {95, -1},  {96, -1},
    {111, 1},  {126, 1},   {136, -1}, {142, -1}, {165, 1},  {166, 1},  {169, 1},  {187, 1},  {191, -1},
    {210, 1},  {215, 1},   {218, -1}, {225, 1},  {232, -1}, {242, -1}, {244, -1}, {260, -1}, {273, 1},
    {274, 1},  {275, 1},   {279, -1}, {284, -1}, {290, -1}, {294, -1}};
constexpr Deviation kPow26[] = {{15, -1}, {16, -1}, {22, -1}, {41, -1}, {61, 1}, {65, -1}, {71, 1}, {108, 1},
                                {138, -1}, {162, 1}, {165, 1}, {172, -1}, {198, -1}, {208, -1}, {211, -1}, {215, 1}};

template <std::size_t N>
double deviate(double value, int exponent, const Deviation (&table)[N]) {
  for (const auto& d : table) {
    if (d.exponent == exponent) return std::nextafter(value, d.ulps > 0 ? HUGE_VAL : -HUGE_VAL);
  }
  return value;
}

bool small_integer(double v, double lo, double hi) { return v == std::floor(v) && v >= lo && v <= hi; }

// 26^i exactly, in decimal (base-1e9 limbs), then rounded once to the nearest double.
double correctly_rounded_pow26(int i) {
  std::vector<std::uint32_t> limbs{1};  // least significant first
  for (int k = 0; k < i; ++k) {
    std::uint64_t carry = 0;
    for (auto& limb : limbs) {
      const std::uint64_t v = static_cast<std::uint64_t>(limb) * 26 + carry;
      limb = static_cast<std::uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    if (carry) limbs.push_back(static_cast<std::uint32_t>(carry));
  }
  std::string digits = std::to_string(limbs.back());
  for (std::size_t k = limbs.size() - 1; k-- > 0;) {
    char chunk[9];
    std::uint32_t limb = limbs[k];
    for (int d = 8; d >= 0; --d, limb /= 10) chunk[d] = static_cast<char>('0' + limb % 10);
    digits.append(chunk, 9);
  }
  return text::decimal_to_double(digits, static_cast<long>(digits.size()));
}

}  // namespace

double pow10(double k) {
  if (!small_integer(k, -340, 310)) return text::js_pow(10.0, k);
  const int e = static_cast<int>(k);
  // 10^0 .. 10^22 are exact doubles, where V8 agrees (a picture's scaling factor asks for these
  // twice per exponent-formatted number; the text round trip below cost 1,000 instructions).
  static constexpr double kExactPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (e >= 0 && e <= 22) return kExactPowers[e];
  return deviate(text::decimal_to_double("1", e + 1), e, kPow10);  // 10^e = 0.1 × 10^(e+1)
}

double pow26(double i) {
  if (!small_integer(i, 0, 218)) return text::js_pow(26.0, i);
  static const std::vector<double> table = [] {
    std::vector<double> t;
    for (int k = 0; k <= 218; ++k) t.push_back(deviate(correctly_rounded_pow26(k), k, kPow26));
    return t;
  }();
  return table[static_cast<std::size_t>(i)];
}

}  // namespace tb::jsonata::pictures::js
