#pragma once
// A non-negative integer of any size, for the decimal conversions' slow path (decimal.cpp):
// only the operations exact conversion needs (multiply by a small factor or a power of five,
// shift, compare, subtract, divide by a small divisor). Limbs of 32 bits, least significant
// first, no leading zero limbs; the products fit in 64 bits.
#include <cstdint>
#include <vector>

namespace tb::text::detail {

class BigUint {
 public:
  BigUint() = default;
  explicit BigUint(std::uint64_t v) {
    while (v) {
      limbs_.push_back(static_cast<std::uint32_t>(v));
      v >>= 32;
    }
  }

  bool zero() const { return limbs_.empty(); }
  int bits() const;  // position of the highest set bit plus one; 0 for zero

  void mul_add(std::uint32_t factor, std::uint32_t addend);
  void mul_pow5(int n);
  void shift_left(int n);
  void shift_right_one();
  /// this -= other; requires this >= other.
  void subtract(const BigUint& other);
  /// this /= divisor (non-zero); returns the remainder.
  std::uint32_t divide(std::uint32_t divisor);
  /// The bits [from, from + 64) (bit 0 least significant), and whether any bit below `from` is set.
  std::uint64_t bits_at(int from, bool* below_nonzero) const;

  friend int compare(const BigUint& a, const BigUint& b);

 private:
  void trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::vector<std::uint32_t> limbs_;
};

}  // namespace tb::text::detail
