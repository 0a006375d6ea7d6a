// The Support escalation tab: which API call creates the ticket, how the conversation maps
// onto its parameters, where employees go when creation fails, and the retry policy.
#include "config/config_sections.hpp"

namespace tb::config_detail {
namespace {

void require_ticket_outputs(Reader& r, const ApiCall& call, const std::string& path) {
  for (const char* name : {"ticketId", "ticketNumber"}) {
    if (!call.output(name)) {
      r.fail("CONFIG_MISSING_OUTPUT",
             "API call '" + call.name + "' is used for escalation, so it needs an output named '" + name + "'", path);
    }
  }
}

std::optional<CallBinding> read_binding(Reader& r, const json& node, const std::string& path, const Config& cfg) {
  CallBinding b;
  b.api_call = r.string(node, "apiCall", path, true);
  if (b.api_call.empty()) return std::nullopt;
  const ApiCall* call = cfg.api_call(b.api_call);
  if (!call) {
    r.fail("CONFIG_UNKNOWN_API_CALL", "API call '" + b.api_call + "' is not defined under 'apiCalls'",
           json_path_join(path, "apiCall"));
    return std::nullopt;
  }
  require_ticket_outputs(r, *call, json_path_join(path, "apiCall"));
  const std::string ppath = json_path_join(path, "parameters");
  if (const json* params = r.object(node, "parameters", path, false)) {
    for (auto it = params->begin(); it != params->end(); ++it) {
      const std::string where = json_path_join(ppath, it.key());
      if (!call->parameter(it.key())) {
        r.fail("CONFIG_UNKNOWN_PARAMETER", "API call '" + call->name + "' has no parameter '" + it.key() + "'", where);
        continue;
      }
      if (it->is_string()) {
        auto t = Template::parse(it->get<std::string>(), TemplateKind::Text);
        if (!t) {
          Error e = t.error();
          e.code = "CONFIG_" + e.code;
          e.path = where;
          r.errors.push_back(std::move(e));
          continue;
        }
        b.parameters.emplace_back(it.key(), std::move(t).value());
      } else {
        b.literals.emplace_back(it.key(), it.value());
      }
    }
  }
  for (const Parameter& p : call->parameters) {
    const bool mapped = std::any_of(b.parameters.begin(), b.parameters.end(), [&](const auto& m) { return m.first == p.name; }) ||
                        std::any_of(b.literals.begin(), b.literals.end(), [&](const auto& m) { return m.first == p.name; });
    if (p.required && !mapped && !p.default_value) {
      r.fail("CONFIG_UNMAPPED_PARAMETER",
             "required parameter '" + p.name + "' of API call '" + call->name + "' has no mapping and no default",
             json_path_join(ppath, p.name));
    }
  }
  return b;
}

void read_retry(Reader& r, const json& node, const std::string& path, RetryPolicy& retry) {
  r.only(node, path, {"maxAttempts", "baseDelayMs", "maxDelayMs", "deadlineMs"});
  retry.max_attempts = r.integer(node, "maxAttempts", path, retry.max_attempts, 1, 10);
  retry.base_delay_ms = r.integer(node, "baseDelayMs", path, retry.base_delay_ms, 0, 60000);
  retry.max_delay_ms = r.integer(node, "maxDelayMs", path, retry.max_delay_ms, 0, 300000);
  retry.deadline_ms = r.integer(node, "deadlineMs", path, retry.deadline_ms, 1000, 600000);
}

void read_messages(Reader& r, const json& node, const std::string& path, EscalationMessages& m) {
  r.only(node, path, {"confirm", "escalated", "failed", "declined"});
  for (auto [key, field] : {std::pair{"confirm", &m.confirm}, {"escalated", &m.escalated}, {"failed", &m.failed},
                            {"declined", &m.declined}}) {
    std::string v = r.string(node, key, path, false);
    if (v.empty()) continue;
    auto t = Template::parse(v, TemplateKind::Text);
    if (!t) {
      Error e = t.error();
      e.code = "CONFIG_" + e.code;
      e.path = json_path_join(path, key);
      r.errors.push_back(std::move(e));
      continue;
    }
    *field = std::move(v);
  }
}

}  // namespace

std::optional<EscalationSettings> read_escalation(Reader& r, const json& node, const std::string& path,
                                                  const Config& cfg) {
  const std::size_t mark = r.errors.size();
  r.only(node, path, {"apiCall", "parameters", "lookup", "fallbackUrl", "requireConfirmation", "timeoutMs", "retry",
                      "messages", "categoryThreshold", "redaction", "lookupBeforeCreate"});
  EscalationSettings s;
  auto create = read_binding(r, node, path, cfg);
  if (create) s.create = std::move(*create);
  if (const json* lookup = r.object(node, "lookup", path, false)) {
    const std::string lpath = json_path_join(path, "lookup");
    r.only(*lookup, lpath, {"apiCall", "parameters"});
    s.lookup = read_binding(r, *lookup, lpath, cfg);
  }
  const std::string first = r.string(node, "lookupBeforeCreate", path, false);
  if (first == "always") s.lookup_first = LookupFirst::Always;
  else if (first == "never") s.lookup_first = LookupFirst::Never;
  else if (!first.empty() && first != "auto")
    r.fail("CONFIG_INVALID_VALUE", "'lookupBeforeCreate' must be \"auto\", \"always\" or \"never\"",
           json_path_join(path, "lookupBeforeCreate"));
  s.fallback_url = r.string(node, "fallbackUrl", path, true);
  if (!s.fallback_url.empty()) check_url(r, s.fallback_url, json_path_join(path, "fallbackUrl"), false);
  s.require_confirmation = r.boolean(node, "requireConfirmation", path, true);
  s.timeout_ms = r.integer(node, "timeoutMs", path, kDefaultTimeoutMs, 100, kDefaultTimeoutMs);
  if (const json* retry = r.object(node, "retry", path, false)) read_retry(r, *retry, json_path_join(path, "retry"), s.retry);
  if (const json* msgs = r.object(node, "messages", path, false)) read_messages(r, *msgs, json_path_join(path, "messages"), s.messages);
  s.category_threshold = r.number(node, "categoryThreshold", path, -1, 0, 1);
  if (const auto it = node.find("redaction"); it != node.end() && !it->is_null() && !(it->is_boolean() && !it->get<bool>())) {
    const json options = it->is_boolean() ? json::object() : *it;
    auto parsed = redaction_options_from_json(options, "CONFIG", json_path_join(path, "redaction"), &r.errors);
    if (parsed) s.redaction = std::make_shared<const TranscriptRedactor>(std::move(parsed).value());
  }
  if (!r.ok_since(mark)) return std::nullopt;
  return s;
}

}  // namespace tb::config_detail
