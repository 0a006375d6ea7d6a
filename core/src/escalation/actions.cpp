// The actions the machine answers with, built from its state: the employee's messages are
// rendered here from the admin's templates.
#include "escalation/rules.hpp"

namespace tb::effects {

using json = nlohmann::json;
using State = Escalation::State;

namespace {

std::string markup_as_text(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

Action wait_until(double until) { return action::Wait{until}; }
Action ask_action(const State& s) { return action::AskConfirmation{render_message(s.settings().messages.confirm, s.context)}; }
Action declined_action(const State& s) { return action::Declined{render_message(s.settings().messages.declined, s.context)}; }

Action escalated_action(const State& s) {
  action::Escalated a{s.ticket_id, s.ticket_number, s.existing, ""};
  json values = s.context;
  // The ITSM chose these: markup in them reaches the employee's chat as text.
  values["ticketNumber"] = markup_as_text(s.ticket_number);
  values["ticketId"] = markup_as_text(s.ticket_id);
  a.message = render_message(s.settings().messages.escalated, values);
  return a;
}

Action failed_action(const State& s) {
  action::Failed a{s.failure_code, s.failure_reason, s.settings().fallback_url, s.summary, ""};
  json values = s.context;
  values["fallbackUrl"] = a.fallback_url;
  values["summary"] = s.summary;
  values["code"] = a.code;
  a.message = render_message(s.settings().messages.failed, values);
  return a;
}

}  // namespace tb::effects
