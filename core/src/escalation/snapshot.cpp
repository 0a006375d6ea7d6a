// Snapshots: the whole machine as JSON so a host that restarts (a serverless function's
// next invocation, a reloaded browser tab) resumes instead of starting over. Secrets and
// OAuth tokens are never part of it; restore() validates every field it reads.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "escalation/state.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

constexpr int kSnapshotVersion = 1;

Phase phase_from(const std::string& name, bool& ok) {
  for (Phase p : {Phase::Idle, Phase::AwaitingConfirmation, Phase::AwaitingToken, Phase::AwaitingCreate,
                  Phase::AwaitingLookup, Phase::Backoff, Phase::Escalated, Phase::Declined, Phase::Failed}) {
    if (name == phase_name(p)) return p;
  }
  ok = false;
  return Phase::Idle;
}

// Reads typed members, remembering the first problem (with its path) instead of aborting.
struct Fields {
  Fields(const json& o, std::string p) : obj(o), path(std::move(p)) {}
  const json& obj;
  std::string path;
  std::optional<Error> error;

  const json* get(const char* key, bool (json::*is)() const noexcept, const char* type) {
    const auto it = obj.find(key);
    if (it == obj.end() || !((*it).*is)()) {
      if (!error) error = make_error("SNAPSHOT_INVALID", std::string("'") + key + "' must be " + type, json_path_join(path, key));
      return nullptr;
    }
    return &*it;
  }
  std::string str(const char* key) {
    const json* v = get(key, &json::is_string, "a string");
    return v ? v->get<std::string>() : std::string();
  }
  double num(const char* key) {
    const json* v = get(key, &json::is_number, "a number");
    return v ? v->get<double>() : 0;
  }
  bool flag(const char* key) {
    const json* v = get(key, &json::is_boolean, "a boolean");
    return v && v->get<bool>();
  }
};

}  // namespace

json Escalation::snapshot() const {
  const State& s = *s_;
  char rng[17];
  std::snprintf(rng, sizeof rng, "%016" PRIx64, s.rng);
  json out = {{"version", kSnapshotVersion},
              {"phase", phase_name(s.phase)},
              {"conversationId", s.conversation_id},
              {"reason", s.reason},
              {"key", s.key},
              {"context", s.context},
              {"summary", s.summary},
              {"createParams", s.create_params},
              {"lookupParams", s.lookup_params},
              {"attempts", s.attempts},
              {"requestSeq", s.request_seq},
              {"tokenRefreshed", s.token_refreshed},
              {"outcomeUnknown", s.outcome_unknown},
              {"finalLookup", s.final_lookup},
              {"createdUnreadable", s.created_unreadable},
              {"next", s.next == NextStep::Lookup ? "lookup" : "create"},
              {"startedMs", s.started_ms},
              {"deadlineMs", s.deadline_ms},
              {"backoffUntilMs", s.backoff_until_ms},
              {"rng", rng},
              {"lastCode", s.last_code},
              {"lastReason", s.last_reason},
              {"ticketId", s.ticket_id},
              {"ticketNumber", s.ticket_number},
              {"existing", s.existing},
              {"failureCode", s.failure_code},
              {"failureReason", s.failure_reason},
              {"category", s.category},
              {"subCategory", s.sub_category},
              {"audit", audit_to_json(s.audit)}};
  out["inFlight"] = s.in_flight ? json{{"id", s.in_flight->id}, {"purpose", s.in_flight->purpose},
                                       {"sentAtMs", s.in_flight->sent_at_ms}, {"deadlineMs", s.in_flight->deadline_ms}}
                                : json(nullptr);
  out["lookingFirst"] = s.looking_first;
  return out;
}

Result<Escalation> Escalation::restore(std::shared_ptr<const Config> config, const json& snap,
                                       std::shared_ptr<TokenCache> tokens) {
  if (!snap.is_object()) return make_error("SNAPSHOT_INVALID", "a snapshot must be a JSON object");
  if (!config->escalation) return make_error("ESCALATION_NOT_CONFIGURED", "the configuration has no 'escalation' section");
  Escalation e(config, std::move(tokens));
  State& s = *e.s_;
  Fields f{snap, ""};
  if (f.num("version") != kSnapshotVersion && !f.error)
    return make_error("SNAPSHOT_INVALID", "unsupported snapshot version", "/version");
  bool ok = true;
  s.phase = phase_from(f.str("phase"), ok);
  if (!ok && !f.error) return make_error("SNAPSHOT_INVALID", "unknown phase", "/phase");
  s.conversation_id = f.str("conversationId");
  s.reason = f.str("reason");
  s.key = f.str("key");
  if (const json* c = f.get("context", &json::is_object, "an object")) s.context = *c;
  s.summary = f.str("summary");
  if (const json* p = f.get("createParams", &json::is_structured, "an object")) s.create_params = *p;
  if (const json* p = f.get("lookupParams", &json::is_structured, "an object")) s.lookup_params = *p;
  s.attempts = static_cast<int>(f.num("attempts"));
  s.request_seq = static_cast<int>(f.num("requestSeq"));
  s.token_refreshed = f.flag("tokenRefreshed");
  s.outcome_unknown = f.flag("outcomeUnknown");
  s.final_lookup = f.flag("finalLookup");
  s.created_unreadable = f.flag("createdUnreadable");
  s.next = f.str("next") == "lookup" ? NextStep::Lookup : NextStep::Create;
  s.started_ms = f.num("startedMs");
  s.deadline_ms = f.num("deadlineMs");
  s.backoff_until_ms = f.num("backoffUntilMs");
  s.rng = std::strtoull(f.str("rng").c_str(), nullptr, 16);
  s.last_code = f.str("lastCode");
  s.last_reason = f.str("lastReason");
  s.ticket_id = f.str("ticketId");
  s.ticket_number = f.str("ticketNumber");
  s.existing = f.flag("existing");
  s.failure_code = f.str("failureCode");
  s.failure_reason = f.str("failureReason");
  s.category = f.str("category");
  s.sub_category = f.str("subCategory");
  if (const json* audit = f.get("audit", &json::is_array, "an array")) {
    for (std::size_t i = 0; i < audit->size() && !f.error; ++i) {
      Fields a{(*audit)[i], json_path_join("/audit", i)};
      if (!(*audit)[i].is_object()) return make_error("SNAPSHOT_INVALID", "an audit entry must be an object", a.path);
      AuditEntry entry;
      entry.at_ms = a.num("at");
      entry.event = a.str("event");
      bool ok_from = true, ok_to = true;
      entry.from = phase_from(a.str("from"), ok_from);
      entry.to = phase_from(a.str("to"), ok_to);
      entry.detail = a.str("detail");
      if (a.error) return *a.error;
      if (!ok_from || !ok_to) return make_error("SNAPSHOT_INVALID", "unknown phase in audit entry", a.path);
      s.audit.push_back(std::move(entry));
    }
  }
  if (const auto it = snap.find("inFlight"); it != snap.end() && it->is_object()) {
    Fields fl{*it, "/inFlight"};
    InFlight in{fl.str("id"), fl.str("purpose"), fl.num("sentAtMs"), fl.num("deadlineMs")};
    if (fl.error) return *fl.error;
    s.in_flight = std::move(in);
  }
  // Absent in snapshots written before lookupBeforeCreate existed.
  if (const auto it = snap.find("lookingFirst"); it != snap.end() && it->is_boolean()) s.looking_first = it->get<bool>();
  if (f.error) return *f.error;
  const bool waiting = s.phase == Phase::AwaitingToken || s.phase == Phase::AwaitingCreate || s.phase == Phase::AwaitingLookup;
  if (waiting && !s.in_flight) return make_error("SNAPSHOT_INVALID", "a request is pending but 'inFlight' is missing", "/inFlight");
  if (s.phase != Phase::Idle && s.conversation_id.empty())
    return make_error("SNAPSHOT_INVALID", "'conversationId' must not be empty", "/conversationId");
  note(s, Event::Restore, s.audit.empty() ? 0 : s.audit.back().at_ms, "restored from a snapshot");
  return e;
}

}  // namespace tb
