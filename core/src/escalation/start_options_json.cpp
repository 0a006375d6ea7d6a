// Hosts used to pick the members they knew and drop the rest, so a misspelt "subcategory"
// escalated under the default category without a word. Read strictly instead, with the
// error naming the member, as the configuration reader does.
#include "ticketbridge/start_options_json.hpp"

#include <cmath>
#include <string>

#include "ticketbridge/json_text.hpp"
#include "ticketbridge/options_text.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

constexpr double kMaxSeed = 9007199254740992.0;  // 2^53

Error invalid_start_option(const std::string& key, const std::string& message) {
  return make_error("OPTIONS_INVALID", message, json_path_join("", key));
}

std::optional<Error> read_string(const json& v, const std::string& key, std::string& out) {
  if (!v.is_string()) return invalid_start_option(key, "'" + key + "' must be a string");
  out = v.get<std::string>();
  return std::nullopt;
}

}  // namespace

Result<StartOptions> start_options_from_json(const json& options) {
  StartOptions o;
  if (options.is_null()) return o;
  if (!options.is_object()) return make_error("OPTIONS_INVALID", "the start options must be an object");
  for (auto it = options.begin(); it != options.end(); ++it) {
    const std::string& key = it.key();
    const json& v = *it;
    if (v.is_null()) continue;
    std::optional<Error> problem;
    if (key == "seed") {
      const double d = v.is_number() ? v.get<double>() : -1;
      if (!v.is_number() || !(d >= 0 && d <= kMaxSeed) || d != std::floor(d)) {
        problem = invalid_start_option(key, "'seed' must be a whole number from 0 to 2^53");
      } else {
        o.seed = static_cast<std::uint64_t>(d);
      }
    } else if (key == "category") {
      problem = read_string(v, key, o.category);
    } else if (key == "subCategory") {
      problem = read_string(v, key, o.sub_category);
    } else if (key == "setAside") {
      problem = read_string(v, key, o.set_aside);
    } else if (key == "storeUnavailable") {
      if (!v.is_boolean()) problem = invalid_start_option(key, "'storeUnavailable' must be true or false");
      else o.store_unavailable = v.get<bool>();
    } else {
      problem = invalid_start_option(key, "unknown start option '" + key +
                                 "' (seed, category, subCategory, setAside, storeUnavailable)");
    }
    if (problem) return *problem;
  }
  return o;
}

Result<StartOptions> start_options_from_text(std::string_view options_json) {
  auto doc = options_from_text(options_json);
  if (!doc) return std::move(doc).error();
  return start_options_from_json(doc.value());
}

}  // namespace tb
