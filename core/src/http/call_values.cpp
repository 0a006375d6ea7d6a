// Parameter resolution for a request (call_values.hpp).
#include "http/call_values.hpp"

#include <cstdint>

#include "ticketbridge/json_text.hpp"

namespace tb {

using json = nlohmann::json;
using params_text::Member;

namespace {

Error missing_value(const std::string& name, const std::string& call) {
  Error e = make_error("TEMPLATE_MISSING_VALUE",
                       "required parameter '" + name + "' of API call '" + call + "' has no value");
  e.path = "/" + name;
  return e;
}

// The given member a parameter takes, as the usual reader's object would hold it: the last of
// its name; none for null, or for an empty string when the parameter is required.
const Member* given_member(const std::vector<Member>& given, const Parameter& p) {
  for (auto it = given.rbegin(); it != given.rend(); ++it) {
    if (it->key != p.name) continue;
    if (it->kind == Member::Kind::Null) return nullptr;
    if (it->kind == Member::Kind::String && it->value.size() == 2 && p.required) return nullptr;
    return &*it;
  }
  return nullptr;
}

}  // namespace

Result<CallValues> CallValues::from_json(const ApiCall& call, const json& given) {
  CallValues out;
  out.entries_.reserve(call.parameters.size());
  for (const Parameter& p : call.parameters) {
    const json* v = nullptr;
    if (given.is_object()) {
      const auto it = given.find(p.name);
      if (it != given.end() && !it->is_null()) v = &*it;
    }
    if (v && v->is_string() && v->get_ref<const std::string&>().empty() && p.required) v = nullptr;
    if (v) out.entries_.push_back({&p.name, v, nullptr});
    else if (p.default_value) out.entries_.push_back({&p.name, &*p.default_value, nullptr});
    else if (p.required) return missing_value(p.name, call.name);
  }
  return out;
}

Result<CallValues> CallValues::from_text(const ApiCall& call, const std::vector<Member>& given) {
  CallValues out;
  out.entries_.reserve(call.parameters.size());
  for (const Parameter& p : call.parameters) {
    if (const Member* m = given_member(given, p)) {
      out.entries_.push_back({&p.name, nullptr, m});
      out.text_bytes_ += m->value.size();
    }
    else if (p.default_value) out.entries_.push_back({&p.name, &*p.default_value, nullptr});
    else if (p.required) return missing_value(p.name, call.name);
  }
  return out;
}

// A placeholder's first segment names a parameter (the last entry of that name, as when the
// values were members of one object), the rest a path inside its value.
CallValues::Entry* CallValues::find(const Placeholder& p) {
  if (p.segments.empty()) return nullptr;
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
    if (*it->name == p.segments.front()) return &*it;
  return nullptr;
}

const json* CallValues::value(const Placeholder& p) {
  Entry* e = find(p);
  if (!e) return nullptr;
  if (!e->value) {
    // Read as call_params_from_text() reads the whole text, so the value is the one it holds.
    auto read = parse_json_as_js(e->text->value, "PARAMS", SIZE_MAX);
    if (!read) {
      unreadable_ = true;
      return nullptr;
    }
    e->value = &read_.emplace_front(std::move(read).value());
  }
  const json* v = lookup_path(*e->value, p.segments, 1);
  if (v && p.slot == Slot::JsonValue && v->is_structured()) gave_structure_ = true;
  return v;
}

bool CallValues::escaped_string(const Placeholder& p, std::string_view& escaped) {
  if (p.segments.size() != 1) return false;
  const Entry* e = find(p);
  if (!e || !e->text || e->text->kind != Member::Kind::String || !e->text->escaped_as_ours) return false;
  escaped = params_text::string_content(*e->text);
  return true;
}

}  // namespace tb
