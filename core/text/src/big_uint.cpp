#include "big_uint.hpp"

namespace tb::text::detail {

int BigUint::bits() const {
  if (limbs_.empty()) return 0;
  int n = static_cast<int>(limbs_.size() - 1) * 32;
  for (std::uint32_t top = limbs_.back(); top; top >>= 1) ++n;
  return n;
}

void BigUint::mul_add(std::uint32_t factor, std::uint32_t addend) {
  std::uint64_t carry = addend;
  for (auto& limb : limbs_) {
    const std::uint64_t v = static_cast<std::uint64_t>(limb) * factor + carry;
    limb = static_cast<std::uint32_t>(v);
    carry = v >> 32;
  }
  if (carry) limbs_.push_back(static_cast<std::uint32_t>(carry));
  trim();
}

void BigUint::mul_pow5(int n) {
  static constexpr std::uint32_t kPow5[] = {1,      5,       25,       125,       625,       3125,      15625,
                                            78125,  390625,  1953125,  9765625,   48828125,  244140625, 1220703125};
  for (; n >= 13; n -= 13) mul_add(kPow5[13], 0);
  if (n) mul_add(kPow5[n], 0);
}

void BigUint::shift_left(int n) {
  if (limbs_.empty() || n == 0) return;
  const int words = n / 32, rest = n % 32;
  if (rest) {
    std::uint32_t carry = 0;
    for (auto& limb : limbs_) {
      const std::uint32_t next = limb >> (32 - rest);
      limb = (limb << rest) | carry;
      carry = next;
    }
    if (carry) limbs_.push_back(carry);
  }
  limbs_.insert(limbs_.begin(), static_cast<std::size_t>(words), 0u);
}

void BigUint::shift_right_one() {
  for (std::size_t i = 0; i < limbs_.size(); ++i) {
    const std::uint32_t high = i + 1 < limbs_.size() ? limbs_[i + 1] << 31 : 0;
    limbs_[i] = (limbs_[i] >> 1) | high;
  }
  trim();
}

void BigUint::subtract(const BigUint& other) {
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < limbs_.size(); ++i) {
    std::int64_t v = static_cast<std::int64_t>(limbs_[i]) - borrow - (i < other.limbs_.size() ? other.limbs_[i] : 0);
    borrow = v < 0;
    limbs_[i] = static_cast<std::uint32_t>(v + (borrow << 32));
  }
  trim();
}

std::uint32_t BigUint::divide(std::uint32_t divisor) {
  std::uint64_t rem = 0;
  for (std::size_t i = limbs_.size(); i-- > 0;) {
    const std::uint64_t cur = (rem << 32) | limbs_[i];
    limbs_[i] = static_cast<std::uint32_t>(cur / divisor);
    rem = cur % divisor;
  }
  trim();
  return static_cast<std::uint32_t>(rem);
}

std::uint64_t BigUint::bits_at(int from, bool* below_nonzero) const {
  std::uint64_t out = 0;
  for (int k = 63; k >= 0; --k) {
    const int bit = from + k;
    const std::size_t word = static_cast<std::size_t>(bit / 32);
    if (bit >= 0 && word < limbs_.size() && (limbs_[word] >> (bit % 32) & 1)) out |= std::uint64_t{1} << k;
  }
  bool nonzero = false;
  for (int w = 0; w * 32 < from && static_cast<std::size_t>(w) < limbs_.size() && !nonzero; ++w) {
    const int span = from - w * 32;
    const std::uint32_t mask = span >= 32 ? ~0u : ((1u << span) - 1);
    nonzero = (limbs_[static_cast<std::size_t>(w)] & mask) != 0;
  }
  *below_nonzero = nonzero;
  return out;
}

int compare(const BigUint& a, const BigUint& b) {
  if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
  for (std::size_t i = a.limbs_.size(); i-- > 0;) {
    if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
  }
  return 0;
}

}  // namespace tb::text::detail
