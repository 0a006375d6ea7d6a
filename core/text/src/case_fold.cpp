#include "ticketbridge/text/case_fold.hpp"

namespace tb::text {
namespace detail {

const CaseRun kCaseRuns[] = {
#include "case_fold_data.inc"
};
const std::uint32_t kCaseRunCount = sizeof(kCaseRuns) / sizeof(kCaseRuns[0]);

}  // namespace detail

char16_t canonicalize(char16_t unit) {
  if (unit < 0x80) {
    return (unit >= u'a' && unit <= u'z') ? static_cast<char16_t>(unit - 0x20) : unit;
  }
  // Binary search for the last run starting at or before `unit`.
  std::uint32_t lo = 0;
  std::uint32_t hi = detail::kCaseRunCount;
  while (hi - lo > 1) {
    const std::uint32_t mid = (lo + hi) / 2;
    if (detail::kCaseRuns[mid].first <= unit) lo = mid; else hi = mid;
  }
  const detail::CaseRun& run = detail::kCaseRuns[lo];
  if (unit < run.first || unit > run.last) return unit;
  if (run.stride == 2 && ((unit - run.first) & 1) != 0) return unit;
  return static_cast<char16_t>((unit + run.delta) & 0xFFFF);
}

}  // namespace tb::text
