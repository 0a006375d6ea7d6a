// The summary lists names and shapes only: credentials appear by base URL, never by what
// authenticates them, so the summary may be shown, logged and sent anywhere.
#include "ticketbridge/config_summary.hpp"

namespace tb {

using json = nlohmann::json;

json config_summary_json(const Config& config) {
  json calls = json::object();
  for (const auto& [name, call] : config.api_calls) {
    json outputs = json::array();
    for (const auto& o : call.outputs) outputs.push_back(o.name);
    json params = json::array();
    for (const auto& p : call.parameters) {
      params.push_back({{"name", p.name}, {"required", p.required}, {"description", p.description}});
    }
    calls[name] = {{"method", call.method}, {"credential", call.credential}, {"parameters", params}, {"outputs", outputs}};
  }
  json creds = json::object();
  for (const auto& [name, c] : config.credentials) creds[name] = {{"baseUrl", c.base_url}};
  json out = {{"credentials", creds}, {"apiCalls", calls}};
  if (config.escalation) {
    const EscalationSettings& e = *config.escalation;
    out["escalation"] = {{"apiCall", e.create.api_call},
                         {"lookupApiCall", e.lookup ? json(e.lookup->api_call) : json(nullptr)},
                         {"fallbackUrl", e.fallback_url}};
  }
  return out;
}

}  // namespace tb
