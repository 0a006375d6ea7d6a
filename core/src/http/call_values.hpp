#pragma once
// The values an API call's templates read: each declared parameter's given value, else its
// default, else (when required) TEMPLATE_MISSING_VALUE. Resolved once per request, so the
// resource, headers and payload all see the same values. Given as a DOM (the escalation, C++
// hosts) or as the members params_text::scan() found in JSON text (the render calls of a
// host), whose values become DOM only where a template needs more than a string's escaped text.

#include <forward_list>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/params_text.hpp"
#include "ticketbridge/config.hpp"
#include "ticketbridge/error.hpp"
#include "ticketbridge/template.hpp"

namespace tb {

class CallValues final : public ValueSource {
 public:
  /// From parameter values as a JSON value (only an object gives any).
  static Result<CallValues> from_json(const ApiCall& call, const nlohmann::json& given);
  /// From the members of scanned JSON text.
  static Result<CallValues> from_text(const ApiCall& call, const std::vector<params_text::Member>& given);

  const nlohmann::json* value(const Placeholder& p) override;
  bool escaped_string(const Placeholder& p, std::string_view& escaped) override;
  std::size_t size_hint() const override { return text_bytes_; }

  /// Whether a JSON value slot was given an array or an object (which adds nesting) since
  /// the last forget_structure().
  bool gave_structure() const { return gave_structure_; }
  void forget_structure() { gave_structure_ = false; }
  /// Whether a value read from text could not be read as call_params_from_text() reads it
  /// (never expected: the scanner refuses such texts); what was rendered is then not to be used.
  bool unreadable() const { return unreadable_; }

 private:
  struct Entry {
    const std::string* name = nullptr;
    const nlohmann::json* value = nullptr;  // null while a value from text is not read yet
    const params_text::Member* text = nullptr;
  };
  Entry* find(const Placeholder& p);

  std::vector<Entry> entries_;
  std::forward_list<nlohmann::json> read_;  // values read from text on demand (stable addresses)
  std::size_t text_bytes_ = 0;  // of the values from text: about what a payload of them takes
  bool gave_structure_ = false;
  bool unreadable_ = false;
};

}  // namespace tb
