#pragma once
// The project's own regular-expression engine with JavaScript (ECMAScript 2018, non-`u` mode)
// syntax and semantics, used by JSONata's regex literals and $match/$contains/$split/$replace.
// std::regex is not used: its dialect differs from JavaScript's and its recursion can exhaust
// the stack. Matching runs over UTF-16 code units (as JavaScript does) and every match attempt
// spends from a step budget, so a catastrophic pattern ends with an error instead of hanging.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ticketbridge/error.hpp"

namespace tb::jsonata::regex {

/// Steps shared by all match attempts of one evaluation; exhausted => REGEX_STEP_LIMIT error.
struct StepBudget {
  std::uint64_t remaining = 10'000'000;
};

struct Group {
  std::size_t begin = 0;  // UTF-16 code-unit offsets into the subject
  std::size_t end = 0;
};

struct Match {
  std::size_t index = 0;                    // start of the whole match (UTF-16 units)
  std::size_t end = 0;                      // one past its end
  std::vector<std::optional<Group>> groups; // capture groups 1..n (nullopt = did not participate)
};

class Regex {
 public:
  /// Compile `pattern` (JavaScript syntax) with JavaScript flag letters (i, m, s, g, y, u
  /// accepted; JSONata uses i and m). Errors: code "REGEX_SYNTAX" with `position`.
  static Result<Regex> compile(std::u16string_view pattern, std::string_view flags);

  /// First match starting at or after `start`, nullopt when there is none.
  Result<std::optional<Match>> exec(std::u16string_view subject, std::size_t start,
                                    StepBudget& budget) const;

  std::size_t group_count() const;
  const std::u16string& source() const;
  const std::string& flags() const;

  Regex();
  ~Regex();
  Regex(const Regex&);
  Regex& operator=(const Regex&);
  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;

  struct Program;

 private:
  std::shared_ptr<const Program> program_;
};

}  // namespace tb::jsonata::regex
