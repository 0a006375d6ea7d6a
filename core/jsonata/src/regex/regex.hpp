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

#include "ticketbridge/jsonata.hpp"

namespace tb::jsonata::regex {

/// Steps shared by all match attempts of one evaluation; exhausted => REGEX_STEP_LIMIT error.
struct StepBudget {
  std::uint64_t remaining = 10'000'000;
  /// Bytes of backtracking state one exec() may hold; beyond => REGEX_MEMORY_LIMIT error.
  std::size_t memory_limit = std::size_t{64} << 20;
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
  /// Compile `pattern` (JavaScript syntax) with JavaScript flag letters (i, m, s, g, y, d
  /// accepted; JSONata uses i and m). Errors: code "REGEX_SYNTAX" with `position` and V8's
  /// message; the `u` and `v` flags give "REGEX_UNSUPPORTED" (unicode mode is not implemented).
  static Result<Regex> compile(std::u16string_view pattern, std::string_view flags);

  /// First match starting at or after `start`, nullopt when there is none. With the `y`
  /// flag only a match starting exactly at `start` counts (as JavaScript's sticky exec).
  /// Errors: "REGEX_STEP_LIMIT", "REGEX_MEMORY_LIMIT".
  Result<std::optional<Match>> exec(std::u16string_view subject, std::size_t start,
                                    StepBudget& budget) const;

  std::size_t group_count() const;
  const std::u16string& source() const;
  const std::string& flags() const;
  /// Names of groups 1..n in order ([i] is group i+1); empty for unnamed groups.
  const std::vector<std::u16string>& group_names() const;

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
