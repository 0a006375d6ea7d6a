#pragma once
// An open-addressing index from a precomputed hash to a row number, used by the importer to
// find duplicate pairs and earlier spellings of a category without allocating per row (a
// node-based map costs an allocation per insert, which dominated importing 1,000 rows).

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace tb::categories {

class KeyIndex {
 public:
  static constexpr std::size_t kNotFound = SIZE_MAX;

  explicit KeyIndex(std::size_t expected = 16) {
    std::size_t n = 16;
    while (n < expected * 2) n *= 2;
    slots_.assign(n, Slot{});
  }

  /// The row stored under a key equal to the new one (`same(row)` decides, among rows with
  /// the same hash), or kNotFound after storing `row` under `hash`.
  template <class Same>
  std::size_t find_or_insert(std::uint64_t hash, std::size_t row, Same&& same) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.row_plus_one == 0) {
        s = Slot{hash, row + 1};
        if (++used_ * 2 > slots_.size()) grow();
        return kNotFound;
      }
      if (s.hash == hash && same(s.row_plus_one - 1)) return s.row_plus_one - 1;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t row_plus_one = 0;  // 0 = empty
  };

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.row_plus_one) continue;
      std::size_t i = static_cast<std::size_t>(s.hash) & mask;
      while (slots_[i].row_plus_one) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace tb::categories
