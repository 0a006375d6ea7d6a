// JSON forms of actions, audit trails and cockpit records: what the WASM boundary, the CLI
// and the cockpit show. Display forms pass through the SecretMasker.
#include "escalation/state.hpp"

namespace tb {

using json = nlohmann::json;

const char* action_type_name(Action::Type t) {
  switch (t) {
    case Action::Type::AskConfirmation: return "AskConfirmation";
    case Action::Type::HttpRequest: return "HttpRequest";
    case Action::Type::Wait: return "Wait";
    case Action::Type::Escalated: return "Escalated";
    case Action::Type::Declined: return "Declined";
    case Action::Type::Failed: return "Failed";
  }
  return "Unknown";
}

json action_to_json(const Action& a, const SecretMasker& redact, bool include_wire) {
  json out = {{"type", action_type_name(a.type)}};
  switch (a.type) {
    case Action::Type::AskConfirmation:
    case Action::Type::Declined:
      out["message"] = a.message;
      break;
    case Action::Type::HttpRequest:
      out["request"] = request_to_json(a.request, redact);
      // The host needs the real headers and body to send the request; they travel in a
      // separate member that the JS façade keeps out of enumeration and JSON.stringify.
      if (include_wire) out["wire"] = request_to_json(a.request, SecretMasker());
      break;
    case Action::Type::Wait:
      out["untilMs"] = a.until_ms;
      break;
    case Action::Type::Escalated:
      out["ticketId"] = a.ticket_id;
      out["ticketNumber"] = a.ticket_number;
      out["existing"] = a.existing;
      out["employeeMessage"] = a.message;
      break;
    case Action::Type::Failed:
      out["code"] = a.code;
      out["reason"] = redact(a.reason);
      out["employeeMessage"] = redact(a.message);
      out["fallbackUrl"] = a.fallback_url;
      out["summary"] = a.summary;
      break;
  }
  return out;
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
