#pragma once
// Parameter values read straight from the JSON text a host sends (JSON.stringify of an object),
// without building a DOM: the top-level members are located and checked, and a string value's
// JSON-escaped text is kept as it stands, so a JSON-string slot can copy it instead of decoding
// and escaping it again (the transcript is most of a payload).
//
// The scanner accepts only texts it can prove call_params_from_text() reads without error, and
// refuses the rest (nullopt): the caller then reads them the usual way, which reports any error
// in its own words. So no text the usual reader refuses is accepted here, and every error a
// host sees comes from one place.

#include <optional>
#include <string_view>
#include <vector>

namespace tb::params_text {

struct Member {
  std::string_view key;    ///< as written (keys with escapes are refused)
  std::string_view value;  ///< the value's JSON text, quotes included for a string
  enum class Kind { Null, String, Other } kind = Kind::Other;
  /// For a string: the text between its quotes is exactly what append_json_escaped() writes for
  /// the string it stands for, so it may be copied into a JSON string as it is.
  bool escaped_as_ours = false;
};

/// The members of the top-level object in document order (a repeated key appears each time;
/// the last one is the value, as the usual reader keeps it). "" reads as no members.
std::optional<std::vector<Member>> scan(std::string_view text);

/// The text between a string member's quotes.
inline std::string_view string_content(const Member& m) { return m.value.substr(1, m.value.size() - 2); }

}  // namespace tb::params_text
