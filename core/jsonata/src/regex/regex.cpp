// Public face of the engine: flag handling, compile = parse + compile, and the search loop
// that tries start positions (skipping those the compiled hints rule out).
#include "regex/regex.hpp"

#include <cstring>

#include "ticketbridge/text/case_fold.hpp"
#include "regex/compiler.hpp"
#include "regex/matcher.hpp"
#include "regex/parser.hpp"
#include "regex/program.hpp"
#include "regex/regex_error.hpp"

namespace tb::jsonata::regex {
namespace {

// Offsets live in 32-bit registers; longer patterns or subjects are refused up front.
constexpr std::size_t kMaxLength = 0x3FFFFFFF;

bool filter_allows(const Regex::Program& p, char16_t unit) {
  const char16_t u = p.ignore_case ? text::canonicalize(unit) : unit;
  if (u >= 256) return p.filter_high;
  return (p.filter_low[u >> 6] >> (u & 63)) & 1;
}

// The first position in [pos, end) holding `unit`, or `end`. Four units are compared at once
// in a 64-bit word (a lane equal to `unit` becomes zero, and the borrow test finds a zero lane).
std::int32_t find_unit(const char16_t* s, std::int32_t pos, std::int32_t end, char16_t unit) {
  constexpr std::uint64_t kOnes = 0x0001000100010001ULL;
  constexpr std::uint64_t kHighs = 0x8000800080008000ULL;
  const std::uint64_t pattern = kOnes * unit;
  while (end - pos >= 4) {
    std::uint64_t word;
    std::memcpy(&word, s + pos, sizeof word);
    const std::uint64_t x = word ^ pattern;
    if ((x - kOnes) & ~x & kHighs) break;
    pos += 4;
  }
  while (pos < end && s[pos] != unit) ++pos;
  return pos;
}

}  // namespace

Regex::Regex() = default;
Regex::~Regex() = default;
Regex::Regex(const Regex&) = default;
Regex& Regex::operator=(const Regex&) = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

Result<Regex> Regex::compile(std::u16string_view pattern, std::string_view flags) {
  auto program = std::make_shared<Program>();
  const std::string_view known = "dgimsuvy";
  bool seen[8] = {};
  for (const char f : flags) {
    const std::size_t k = known.find(f);
    if (k == std::string_view::npos || seen[k]) {
      return make_error(kSyntaxCode,
                        "Invalid flags supplied to RegExp constructor '" + std::string(flags) + "'");
    }
    seen[k] = true;
  }
  if (seen[5] || seen[6]) {
    return make_error(kUnsupportedCode, "Invalid regular expression: /" + to_utf8(pattern) + "/" +
                                            std::string(flags) +
                                            ": the u and v (unicode) flags are not supported");
  }
  if (pattern.size() > kMaxLength) {
    return syntax_error(pattern, flags, 0, "Regular expression too large");
  }
  program->source.assign(pattern.begin(), pattern.end());
  program->flags.assign(flags.begin(), flags.end());
  program->ignore_case = seen[2];
  program->multiline = seen[3];
  program->dot_all = seen[4];
  program->sticky = seen[7];

  Result<Ast> ast = parse_pattern(pattern, flags);
  if (!ast.ok()) return std::move(ast).error();
  program->capture_count = ast->capture_count;
  program->group_names = std::move(ast->group_names);
  compile_program(ast.value(), *program);

  Regex regex;
  regex.program_ = std::move(program);
  return regex;
}

Result<std::optional<Match>> Regex::exec(std::u16string_view subject, std::size_t start,
                                         StepBudget& budget) const {
  if (!program_) return make_error(kSyntaxCode, "Regular expression was not compiled");
  const Program& p = *program_;
  if (subject.size() > kMaxLength) {
    return make_error(kMemoryLimitCode, "Subject too long for a regular expression match");
  }
  const auto len = static_cast<std::int32_t>(subject.size());
  if (start > subject.size()) return std::optional<Match>{};
  auto pos = static_cast<std::int32_t>(start);
  std::int32_t last = (p.sticky || p.anchored) ? pos : len;
  if (last > len - p.min_length) last = len - p.min_length;

  Matcher matcher(p, subject, budget);
  for (; pos <= last; ++pos) {
    if (p.has_filter) {
      // Each position skipped costs a step, so at most `remaining` are skipped, counted once
      // after the scan (this is where a search spends most of its time).
      const std::int64_t room = static_cast<std::int64_t>(last) - pos + 1;
      const std::int32_t end = budget.remaining < static_cast<std::uint64_t>(room)
                                   ? pos + static_cast<std::int32_t>(budget.remaining)
                                   : last + 1;
      const std::int32_t from = pos;
      if (p.first_unit >= 0) {
        pos = find_unit(subject.data(), pos, end, static_cast<char16_t>(p.first_unit));
      } else {
        while (pos < end && !filter_allows(p, subject[static_cast<std::size_t>(pos)])) ++pos;
      }
      budget.remaining -= static_cast<std::uint64_t>(pos - from);
      if (pos > last) break;
    }
    if (budget.remaining == 0) {
      return make_error(kStepLimitCode, "Regular expression step limit exceeded (the pattern "
                                        "backtracks too much on this input)");
    }
    switch (matcher.run(pos)) {
      case Matcher::Outcome::kNoMatch:
        continue;
      case Matcher::Outcome::kStepLimit:
        return make_error(kStepLimitCode, "Regular expression step limit exceeded (the pattern "
                                          "backtracks too much on this input)");
      case Matcher::Outcome::kMemoryLimit:
        return make_error(kMemoryLimitCode,
                          "Regular expression backtracking memory limit exceeded");
      case Matcher::Outcome::kMatch: {
        const std::vector<std::int32_t>& regs = matcher.registers();
        Match m;
        m.index = static_cast<std::size_t>(regs[0]);
        m.end = static_cast<std::size_t>(regs[1]);
        m.groups.resize(static_cast<std::size_t>(p.capture_count));
        for (std::int32_t g = 1; g <= p.capture_count; ++g) {
          const std::int32_t b = regs[static_cast<std::size_t>(2 * g)];
          const std::int32_t e = regs[static_cast<std::size_t>(2 * g + 1)];
          if (b >= 0 && e >= 0) {
            m.groups[static_cast<std::size_t>(g - 1)] =
                Group{static_cast<std::size_t>(b), static_cast<std::size_t>(e)};
          }
        }
        return std::optional<Match>(std::move(m));
      }
    }
  }
  return std::optional<Match>{};
}

std::size_t Regex::group_count() const {
  return program_ ? static_cast<std::size_t>(program_->capture_count) : 0;
}

const std::u16string& Regex::source() const {
  static const std::u16string empty;
  return program_ ? program_->source : empty;
}

const std::string& Regex::flags() const {
  static const std::string empty;
  return program_ ? program_->flags : empty;
}

const std::vector<std::u16string>& Regex::group_names() const {
  static const std::vector<std::u16string> empty;
  return program_ ? program_->group_names : empty;
}

}  // namespace tb::jsonata::regex
