// The backtracking machine. Theory of operation:
//
// State is (pc, position, registers). Every register write is logged on the trail with the
// old value; a choice point records (resume pc, position, trail height). Failing pops the
// newest choice point and undoes the trail down to its height, which restores every capture
// and loop counter exactly as it was: the spec's "continuation" semantics without native
// recursion. Memory is the two vectors, bounded by StepBudget::memory_limit.
//
// Lookarounds are atomic: kLookBegin pushes a frame choice point; when the body reaches
// kLookEnd, every choice point above the frame (the body's alternatives) is discarded. A
// positive lookaround keeps the body's captures (their trail entries stay, so backtracking
// past the lookaround still undoes them); a negative one fails instead. If the body fails,
// backtracking reaches the frame: a positive lookaround fails, a negative one succeeds.
//
// kRepeat handles single-unit atoms with one choice point whose count is updated in place.
#include "regex/matcher.hpp"

#include <algorithm>

#include "ticketbridge/text/case_fold.hpp"

namespace tb::jsonata::regex {

Matcher::Matcher(const Regex::Program& prog, std::u16string_view subject, StepBudget& budget)
    : prog_(prog),
      s_(subject.data()),
      len_(static_cast<std::int32_t>(subject.size())),
      steps_(0),
      budget_(budget),
      max_bytes_(budget.memory_limit),
      regs_(static_cast<std::size_t>(prog.register_count), -1) {}

bool Matcher::atom(const Inst& inst, std::int32_t& pos) const {
  std::int32_t at = pos;
  if (inst.back) {
    if (at == 0) return false;
    --at;
  } else if (at >= len_) {
    return false;
  }
  const char16_t unit = s_[at];
  bool ok = false;
  switch (inst.op) {
    case Op::kChar: ok = unit == inst.a; break;
    case Op::kCharFold: ok = text::canonicalize(unit) == inst.a; break;
    case Op::kAny: ok = true; break;
    case Op::kDot: ok = !is_line_terminator(unit); break;
    case Op::kClass: ok = prog_.classes[static_cast<std::size_t>(inst.a)].matches(unit); break;
    default: break;
  }
  if (!ok) return false;
  pos = inst.back ? at : at + 1;
  return true;
}

// A reference to a group that did not participate matches empty (ECMA-262 BackreferenceMatcher).
bool Matcher::backref(const Inst& inst, std::int32_t& pos) {
  const std::int32_t begin = regs_[static_cast<std::size_t>(2 * inst.a)];
  const std::int32_t end = regs_[static_cast<std::size_t>(2 * inst.a + 1)];
  if (begin < 0 || end < 0) return true;
  const std::int32_t n = end - begin;
  const std::int32_t from = inst.back ? pos - n : pos;
  if (from < 0 || from + n > len_) return false;
  // Comparing costs steps too, or (a*)\1-style patterns could run long on one step each.
  if (steps_ <= static_cast<std::uint64_t>(n)) {
    steps_ = 0;
    return false;
  }
  steps_ -= static_cast<std::uint64_t>(n);
  for (std::int32_t i = 0; i < n; ++i) {
    const char16_t x = s_[begin + i];
    const char16_t y = s_[from + i];
    if (x != y && (inst.flag == 0 || text::canonicalize(x) != text::canonicalize(y))) return false;
  }
  pos = inst.back ? from : from + n;
  return true;
}

bool Matcher::push(std::int32_t pc, std::int32_t pos, std::int32_t kind) {
  choices_.push_back({pc, pos, static_cast<std::uint32_t>(trail_.size()), kind});
  if (over_memory()) {
    memory_exhausted_ = true;
    return false;
  }
  return true;
}

void Matcher::unwind(std::size_t height) {
  while (trail_.size() > height) {
    const TrailEntry& e = trail_.back();
    regs_[static_cast<std::size_t>(e.reg)] = e.old;
    trail_.pop_back();
  }
}

// A greedy forward kRepeat followed by a literal gives back units only down to a count
// where that literal can follow: the counts skipped would fail on it at once.
std::int32_t Matcher::skip_hopeless(const Inst& repeat, std::int32_t from, std::int32_t count) {
  const Inst& next = prog_.code[static_cast<std::size_t>(&repeat - prog_.code.data() + 2)];
  std::int32_t want = -1;
  if (next.op == Op::kChar && !next.back) want = next.a;
  if (next.op == Op::kString && !next.back) want = prog_.literals[static_cast<std::size_t>(next.a)];
  if (want < 0 || repeat.back) return count;
  while (count > repeat.b && (from + count >= len_ || s_[from + count] != want) && steps_ > 0) {
    --count;
    --steps_;
  }
  return count;
}

// Resumes at the newest viable choice point; false when none is left.
bool Matcher::backtrack(std::int32_t& pc, std::int32_t& pos) {
  while (!choices_.empty()) {
    if (steps_ == 0) return false;
    --steps_;
    Choice& top = choices_.back();
    unwind(top.trail);
    if (top.kind == kPlain) {
      pc = top.pc;
      pos = top.pos;
      choices_.pop_back();
      return true;
    }
    const Inst& inst = prog_.code[static_cast<std::size_t>(top.pc)];
    if (top.kind == kLookFrame) {
      // The lookaround body failed: a negative lookaround succeeds, a positive one fails.
      const std::int32_t frame_pos = top.pos;
      choices_.pop_back();
      if (inst.flag != 0) continue;
      pc = inst.c;
      pos = frame_pos;
      return true;
    }
    // kRepeat: greedy gives back one unit, lazy takes one more.
    const Inst& unit = prog_.code[static_cast<std::size_t>(top.pc + 1)];
    const std::int32_t step = inst.back ? -1 : 1;
    if (inst.flag != 0) {
      const std::int32_t count = skip_hopeless(inst, top.pos, top.kind);
      pos = top.pos + step * count;
      if (count == inst.b) {
        choices_.pop_back();
      } else {
        top.kind = count - 1;
      }
    } else {
      const std::int32_t count = top.kind;
      std::int32_t at = top.pos + step * (count - 1);
      if (!atom(unit, at)) {
        choices_.pop_back();
        continue;
      }
      pos = at;
      if (count == inst.c) {
        choices_.pop_back();
      } else {
        top.kind = count + 1;
      }
    }
    pc = top.pc + 2;
    return true;
  }
  return false;
}

Matcher::Outcome Matcher::run(std::int32_t start) {
  std::int32_t pc = 0;
  std::int32_t pos = start;
  steps_ = budget_.remaining;
  regs_[0] = start;
  const Inst* code = prog_.code.data();
  Outcome outcome = Outcome::kNoMatch;
  for (;;) {
    if (steps_ == 0) {
      outcome = Outcome::kStepLimit;
      break;
    }
    --steps_;
    const Inst& in = code[pc];
    bool ok = true;
    switch (in.op) {
      case Op::kChar:
      case Op::kCharFold:
      case Op::kAny:
      case Op::kDot:
      case Op::kClass:
        ok = atom(in, pos);
        ++pc;
        break;
      case Op::kString:
      case Op::kStringFold: {
        const std::int32_t n = in.b;
        const std::int32_t from = in.back ? pos - n : pos;
        ok = from >= 0 && from + n <= len_;
        const char16_t* lit = prog_.literals.data() + in.a;
        for (std::int32_t i = 0; ok && i < n; ++i) {
          const char16_t unit = s_[from + i];
          ok = (in.op == Op::kString ? unit : text::canonicalize(unit)) == lit[i];
        }
        pos = in.back ? from : from + n;
        ++pc;
        break;
      }
      case Op::kBackref:
        ok = backref(in, pos);
        ++pc;
        break;
      case Op::kInputStart: ok = pos == 0; ++pc; break;
      case Op::kLineStart: ok = pos == 0 || is_line_terminator(s_[pos - 1]); ++pc; break;
      case Op::kInputEnd: ok = pos == len_; ++pc; break;
      case Op::kLineEnd: ok = pos == len_ || is_line_terminator(s_[pos]); ++pc; break;
      case Op::kWordBoundary:
      case Op::kNotWordBoundary: {
        const bool before = pos > 0 && is_word_unit(s_[pos - 1]);
        const bool after = pos < len_ && is_word_unit(s_[pos]);
        ok = (before != after) == (in.op == Op::kWordBoundary);
        ++pc;
        break;
      }
      case Op::kSave: set(in.a, pos); ++pc; break;
      case Op::kClear:
        for (std::int32_t r = in.a; r < in.b; ++r) {
          if (regs_[static_cast<std::size_t>(r)] != -1) set(r, -1);
        }
        ++pc;
        break;
      case Op::kJump: pc = in.a; break;
      case Op::kSplit:
        ok = push(in.b, pos, kPlain);
        pc = in.a;
        break;
      case Op::kLookBegin:
        ok = push(pc, pos, kLookFrame);
        regs_[static_cast<std::size_t>(in.a)] = static_cast<std::int32_t>(choices_.size() - 1);
        ++pc;
        break;
      case Op::kLookEnd: {
        const auto frame = static_cast<std::size_t>(regs_[static_cast<std::size_t>(in.a)]);
        const Choice saved = choices_[frame];
        choices_.resize(frame);
        if (in.flag != 0) {
          pos = saved.pos;
          ++pc;
        } else {
          ok = false;
        }
        break;
      }
      case Op::kSetCounter: set(in.a, in.b); ++pc; break;
      case Op::kLoop: {
        const std::int32_t count = regs_[static_cast<std::size_t>(in.a)];
        if (count < in.b) {
          ++pc;
        } else if (count >= in.c) {
          pc = in.d;
        } else if (in.flag != 0) {
          ok = push(in.d, pos, kPlain);
          ++pc;
        } else {
          ok = push(pc + 1, pos, kPlain);
          pc = in.d;
        }
        break;
      }
      case Op::kCheckProgress:
        ok = !(pos == regs_[static_cast<std::size_t>(in.a)] &&
               (in.b < 0 || regs_[static_cast<std::size_t>(in.b)] >= in.c));
        ++pc;
        break;
      case Op::kIncrement: set(in.a, regs_[static_cast<std::size_t>(in.a)] + 1); ++pc; break;
      case Op::kRepeat: {
        const Inst& unit = code[pc + 1];
        const std::int32_t from = pos;
        const std::int32_t want = in.flag != 0 ? in.c : in.b;
        std::int32_t count = 0;
        while (count < want && atom(unit, pos)) {
          ++count;
          if (steps_ == 0) break;
          --steps_;
        }
        if (count < in.b) {
          ok = false;
        } else if (in.flag != 0 && count > in.b) {
          ok = push(pc, from, count - 1);
        } else if (in.flag == 0 && count < in.c) {
          ok = push(pc, from, count + 1);
        }
        pc += 2;
        break;
      }
      case Op::kMatch:
        regs_[1] = pos;
        outcome = Outcome::kMatch;
        break;
    }
    if (outcome == Outcome::kMatch) break;
    if (memory_exhausted_) {
      outcome = Outcome::kMemoryLimit;
      break;
    }
    if (!ok && !backtrack(pc, pos)) {
      outcome = steps_ == 0 ? Outcome::kStepLimit : Outcome::kNoMatch;
      break;
    }
  }
  // Leave a clean machine for the next start position.
  choices_.clear();
  if (outcome != Outcome::kMatch) {
    unwind(0);
    if (untracked_writes_) std::fill(regs_.begin(), regs_.end(), -1);
  }
  untracked_writes_ = false;
  trail_.clear();
  budget_.remaining = steps_;
  return outcome;
}

}  // namespace tb::jsonata::regex
