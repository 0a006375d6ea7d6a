// Built-ins that loop over their input poll the evaluation's limits (time limit, memory) every
// kPollStride iterations: a long $sum, $sort or range construction then stops with D1012 as
// an evaluation loop would, instead of running to its end. Every 1024 items keeps the host
// clock, a call out of the module in WebAssembly, off the profile.
#pragma once

#include <cstddef>

#include "eval.hpp"

namespace tb::jsonata {

inline constexpr std::size_t kPollStride = 1024;

/// False (with the evaluation's error set) when the loop must stop at iteration i.
inline bool poll(Eval& ev, std::size_t i) { return (i & (kPollStride - 1)) != kPollStride - 1 || ev.check_limits(); }

}  // namespace tb::jsonata
