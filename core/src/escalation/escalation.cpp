// Construction, accessors and the cockpit view of an Escalation; the token cache.
#include <algorithm>

#include "escalation/state.hpp"

namespace tb {

Escalation::Escalation(std::shared_ptr<const Config> config, std::shared_ptr<TokenCache> tokens)
    : s_(std::make_unique<State>()) {
  s_->redact.add_all(config->secrets);
  s_->config = std::move(config);
  s_->tokens = tokens ? std::move(tokens) : std::make_shared<TokenCache>();
}

Escalation::Escalation(std::unique_ptr<State> state) : s_(std::move(state)) {}
Escalation::~Escalation() = default;
Escalation::Escalation(Escalation&&) noexcept = default;
Escalation& Escalation::operator=(Escalation&&) noexcept = default;

Phase Escalation::phase() const { return s_->phase; }
const std::vector<AuditEntry>& Escalation::audit() const { return s_->audit; }
const SecretMasker& Escalation::redactor() const { return s_->redact; }

CockpitRecord Escalation::record() const {
  const State& s = *s_;
  CockpitRecord r;
  r.conversation_id = s.conversation_id;
  r.reason = s.reason;
  r.attempts = s.attempts;
  r.audit = s.audit;
  switch (s.phase) {
    case Phase::Idle: r.status = "not_started"; r.status_label = "Not started"; break;
    case Phase::Escalated: r.status = "escalated"; r.status_label = "Escalated"; break;
    case Phase::Declined: r.status = "declined"; r.status_label = "Declined"; break;
    case Phase::Failed: r.status = "escalation_failed"; r.status_label = "Escalation failed"; break;
    default: r.status = "in_progress"; r.status_label = "In progress"; break;
  }
  if (s.phase == Phase::Escalated) {
    r.ticket_id = s.ticket_id;
    r.ticket_number = s.ticket_number;
  }
  if (s.phase == Phase::Failed) {
    r.failure_code = s.failure_code;
    r.failure_reason = s.failure_reason;
  }
  return r;
}

const std::string* TokenCache::get(const std::string& credential, double now_ms) const {
  for (const auto& [name, e] : entries_)
    if (name == credential && now_ms < e.expires_at_ms) return &e.token;
  return nullptr;
}

void TokenCache::put(const std::string& credential, std::string token, double expires_at_ms) {
  drop(credential);
  entries_.push_back({credential, Entry{std::move(token), expires_at_ms}});
}

void TokenCache::drop(const std::string& credential) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == credential; }),
                 entries_.end());
}

}  // namespace tb
