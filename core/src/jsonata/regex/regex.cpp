// PLACEHOLDER until the regex engine lands (branch `regex`): every call reports NOT_IMPLEMENTED.
#include "jsonata/regex/regex.hpp"

namespace tb::jsonata::regex {

struct Regex::Program {
  std::u16string source;
  std::string flags;
};

Regex::Regex() = default;
Regex::~Regex() = default;
Regex::Regex(const Regex&) = default;
Regex& Regex::operator=(const Regex&) = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

Result<Regex> Regex::compile(std::u16string_view, std::string_view) {
  return make_error("NOT_IMPLEMENTED", "regular expressions are not available yet");
}
Result<std::optional<Match>> Regex::exec(std::u16string_view, std::size_t, StepBudget&) const {
  return make_error("NOT_IMPLEMENTED", "regular expressions are not available yet");
}
std::size_t Regex::group_count() const { return 0; }
const std::u16string& Regex::source() const { static const std::u16string s; return program_ ? program_->source : s; }
const std::string& Regex::flags() const { static const std::string s; return program_ ? program_->flags : s; }

}  // namespace tb::jsonata::regex
