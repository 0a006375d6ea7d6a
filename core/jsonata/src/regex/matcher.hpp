#pragma once
// The backtracking machine that runs a Program at one start position (see matcher.cpp).

#include <cstdint>
#include <string_view>
#include <vector>

#include "regex/program.hpp"

namespace tb::jsonata::regex {

class Matcher {
 public:
  enum class Outcome : std::uint8_t { kMatch, kNoMatch, kStepLimit, kMemoryLimit };

  Matcher(const Regex::Program& prog, std::u16string_view subject, StepBudget& budget);

  /// One match attempt at `start`; on kMatch, registers() holds the captures.
  Outcome run(std::int32_t start);
  const std::vector<std::int32_t>& registers() const { return regs_; }

 private:
  // A saved alternative. kind: >= 0 a kRepeat count to resume with, else one of below.
  struct Choice {
    std::int32_t pc;
    std::int32_t pos;
    std::uint32_t trail;
    std::int32_t kind;
  };
  static constexpr std::int32_t kPlain = -1;
  static constexpr std::int32_t kLookFrame = -2;

  struct TrailEntry {
    std::int32_t reg;
    std::int32_t old;
  };

  bool atom(const Inst& inst, std::int32_t& pos) const;
  bool backref(const Inst& inst, std::int32_t& pos);
  void set(std::int32_t reg, std::int32_t value) {
    // With no choice point to return to, nothing can undo this write: skip the trail and
    // clear all registers if the attempt fails instead.
    if (choices_.empty()) {
      untracked_writes_ = true;
    } else {
      trail_.push_back({reg, regs_[static_cast<std::size_t>(reg)]});
      if (over_memory()) memory_exhausted_ = true;
    }
    regs_[static_cast<std::size_t>(reg)] = value;
  }
  bool push(std::int32_t pc, std::int32_t pos, std::int32_t kind);
  void unwind(std::size_t height);
  bool backtrack(std::int32_t& pc, std::int32_t& pos);
  std::int32_t skip_hopeless(const Inst& repeat, std::int32_t from, std::int32_t count);
  bool over_memory() const {
    return choices_.size() * sizeof(Choice) + trail_.size() * sizeof(TrailEntry) > max_bytes_;
  }

  const Regex::Program& prog_;
  const char16_t* s_;
  std::int32_t len_;
  std::uint64_t steps_;
  StepBudget& budget_;
  std::size_t max_bytes_;
  bool memory_exhausted_ = false;
  bool untracked_writes_ = false;
  std::vector<std::int32_t> regs_;
  std::vector<Choice> choices_;
  std::vector<TrailEntry> trail_;
};

}  // namespace tb::jsonata::regex
