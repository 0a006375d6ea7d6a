// JSON forms of actions, audit trails and cockpit records: what the WASM boundary, the CLI
// and the cockpit show. Display forms pass through the SecretMasker.
#include <iterator>

#include "escalation/state.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

struct ActionJson {
  const SecretMasker& redact;
  bool include_wire;

  json operator()(const action::Wait& a) const { return {{"type", "Wait"}, {"untilMs", a.until_ms}}; }
  json operator()(const action::AskConfirmation& a) const { return {{"type", "AskConfirmation"}, {"message", a.message}}; }
  json operator()(const action::Declined& a) const { return {{"type", "Declined"}, {"message", a.message}}; }
  json operator()(const action::SendRequest& a) const {
    json out = {{"type", "HttpRequest"}, {"request", request_to_json(a.request, redact)}};
    // The host needs the real headers and body to send the request; they travel in a
    // separate member that the JS façade keeps out of enumeration and JSON.stringify.
    if (include_wire) out["wire"] = request_to_json(a.request, SecretMasker());
    return out;
  }
  json operator()(const action::Escalated& a) const {
    return {{"type", "Escalated"}, {"ticketId", a.ticket_id}, {"ticketNumber", a.ticket_number},
            {"existing", a.existing}, {"employeeMessage", a.message}};
  }
  json operator()(const action::Failed& a) const {
    return {{"type", "Failed"}, {"code", a.code}, {"reason", redact(a.reason)}, {"employeeMessage", redact(a.message)},
            {"fallbackUrl", a.fallback_url}, {"summary", a.summary}};
  }
};

}  // namespace

const char* action_type_name(const Action& a) {
  // In the order of the variant's alternatives.
  static const char* const names[] = {"Wait", "AskConfirmation", "HttpRequest", "Escalated", "Declined", "Failed"};
  static_assert(std::size(names) == std::variant_size_v<Action>);
  return names[a.index()];
}

json action_to_json(const Action& a, const SecretMasker& redact, bool include_wire) {
  return std::visit(ActionJson{redact, include_wire}, a);
}

std::string action_json_text(const Action& a, const SecretMasker& redact, bool include_wire) {
  const auto* send = std::get_if<action::SendRequest>(&a);
  if (!send) return dump_json(action_to_json(a, redact, include_wire));
  // A create request carries the rendered payload (a transcript) in both forms: written as
  // text, not through a DOM, and escaped once when no secret was masked in it.
  return "{" + request_forms_text(send->request, redact, false, include_wire) + ",\"type\":\"HttpRequest\"}";
}

json audit_to_json(const std::vector<AuditEntry>& audit) {
  json out = json::array();
  for (const AuditEntry& e : audit) {
    out.push_back({{"at", e.at_ms}, {"event", e.event}, {"from", phase_name(e.from)}, {"to", phase_name(e.to)},
                   {"detail", e.detail}});
  }
  return out;
}

json record_to_json(const CockpitRecord& r) {
  json out = {{"conversationId", r.conversation_id}, {"status", r.status}, {"statusLabel", r.status_label},
              {"reason", r.reason}, {"attempts", r.attempts}};
  out["ticket"] = r.ticket_number.empty() ? json(nullptr)
                                          : json{{"id", r.ticket_id}, {"number", r.ticket_number}};
  out["failure"] = r.failure_code.empty() ? json(nullptr)
                                          : json{{"code", r.failure_code}, {"reason", r.failure_reason}};
  out["audit"] = audit_to_json(r.audit);
  return out;
}

}  // namespace tb
