// A time source for limit tests: a clock that advances one millisecond each time it is read,
// so a time limit trips after a known number of checks, whatever the machine's speed or load.
#pragma once

#include <memory>

#include "ticketbridge/jsonata.hpp"

namespace tbtest {

inline tb::jsonata::Limits ticking(double limit_ms) {
  tb::jsonata::Limits l;
  l.time_limit_ms = limit_ms;
  auto t = std::make_shared<double>(0);
  l.clock = [t] { return *t += 1; };
  return l;
}

}  // namespace tbtest
