// Snapshots: the whole machine as JSON so a host that restarts (a serverless function's
// next invocation, a reloaded browser tab) resumes instead of starting over. Secrets and
// OAuth tokens are never part of it; restore() validates every field it reads.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "escalation/state.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

constexpr int kSnapshotVersion = 1;
constexpr double kMaxTimeMs = 8.64e15;         // JavaScript's Date range
constexpr int kMaxAttempts = 1000000;          // far above any retry policy; int-safe
constexpr int kMaxRequestSeq = 1000000000;     // leaves room to count on without overflow
constexpr double kMaxInFlightMs = 10 * 60000;  // a request's own time limit is at most 10 s

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

  const json* get(const char* key, bool (json::*is)() const noexcept, const char* type, bool nullable = false) {
    const auto it = obj.find(key);
    if (nullable && it != obj.end() && it->is_null()) return nullptr;
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
  // A count the machine keeps: a whole number in [0, max] (a tampered 1e300 or -1 is refused
  // instead of overflowing the int it is stored in).
  int count(const char* key, int max) {
    const json* v = get(key, &json::is_number, "a number");
    if (!v) return 0;
    const double d = v->get<double>();
    if (!(d >= 0 && d <= max) || d != std::floor(d)) {
      if (!error) error = make_error("SNAPSHOT_INVALID", std::string("'") + key + "' must be a whole number from 0 to " + std::to_string(max), json_path_join(path, key));
      return 0;
    }
    return static_cast<int>(d);
  }
  // A host time in milliseconds: finite and within JavaScript's Date range.
  double time(const char* key) {
    const double d = num(key);
    if (!(d >= -kMaxTimeMs && d <= kMaxTimeMs)) {
      if (!error) error = make_error("SNAPSHOT_INVALID", std::string("'") + key + "' must be a time in milliseconds", json_path_join(path, key));
      return 0;
    }
    return d;
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
  // null is what snapshot() writes before start() filled these in, and for lookupParams
  // whenever no lookup call is configured.
  if (const json* c = f.get("context", &json::is_object, "an object or null", true)) s.context = *c;
  s.summary = f.str("summary");
  if (const json* p = f.get("createParams", &json::is_object, "an object or null", true)) s.create_params = *p;
  if (const json* p = f.get("lookupParams", &json::is_object, "an object or null", true)) s.lookup_params = *p;
  s.attempts = f.count("attempts", kMaxAttempts);
  s.request_seq = f.count("requestSeq", kMaxRequestSeq);
  s.token_refreshed = f.flag("tokenRefreshed");
  s.outcome_unknown = f.flag("outcomeUnknown");
  s.final_lookup = f.flag("finalLookup");
  s.created_unreadable = f.flag("createdUnreadable");
  const std::string next = f.str("next");
  if (!f.error && next != "lookup" && next != "create")
    return make_error("SNAPSHOT_INVALID", "'next' must be \"lookup\" or \"create\"", "/next");
  s.next = next == "lookup" ? NextStep::Lookup : NextStep::Create;
  s.started_ms = f.time("startedMs");
  s.deadline_ms = f.time("deadlineMs");
  s.backoff_until_ms = f.time("backoffUntilMs");
  const std::string rng = f.str("rng");
  if (!f.error && (rng.size() != 16 || rng.find_first_not_of("0123456789abcdef") != std::string::npos))
    return make_error("SNAPSHOT_INVALID", "'rng' must be 16 hexadecimal digits", "/rng");
  s.rng = std::strtoull(rng.c_str(), nullptr, 16);
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
      entry.at_ms = a.time("at");
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
    InFlight in{fl.str("id"), fl.str("purpose"), fl.time("sentAtMs"), fl.time("deadlineMs")};
    if (fl.error) return *fl.error;
    if (in.purpose != "token" && in.purpose != "create" && in.purpose != "lookup")
      return make_error("SNAPSHOT_INVALID", "unknown request purpose", "/inFlight/purpose");
    // A far-away deadline would leave the host waiting for an answer that never comes.
    if (in.deadline_ms < in.sent_at_ms || in.deadline_ms - in.sent_at_ms > kMaxInFlightMs)
      return make_error("SNAPSHOT_INVALID", "the pending request's deadline is out of range", "/inFlight/deadlineMs");
    s.in_flight = std::move(in);
  }
  // Absent in snapshots written before lookupBeforeCreate existed.
  if (const auto it = snap.find("lookingFirst"); it != snap.end() && it->is_boolean()) s.looking_first = it->get<bool>();
  if (f.error) return *f.error;
  const bool waiting = s.phase == Phase::AwaitingToken || s.phase == Phase::AwaitingCreate || s.phase == Phase::AwaitingLookup;
  if (waiting && !s.in_flight) return make_error("SNAPSHOT_INVALID", "a request is pending but 'inFlight' is missing", "/inFlight");
  // reject() fails an escalation whose conversation (and so its id) could not be read.
  if (s.phase != Phase::Idle && s.phase != Phase::Failed && s.conversation_id.empty())
    return make_error("SNAPSHOT_INVALID", "'conversationId' must not be empty", "/conversationId");
  // A backoff never outlasts the escalation's deadline (after_failure gives up instead).
  if (s.phase == Phase::Backoff && s.backoff_until_ms > s.deadline_ms)
    return make_error("SNAPSHOT_INVALID", "'backoffUntilMs' is past the escalation deadline", "/backoffUntilMs");
  const bool sends = waiting || s.phase == Phase::AwaitingConfirmation || s.phase == Phase::Backoff;
  if (sends && !s.create_params.is_object())
    return make_error("SNAPSHOT_INVALID", "'createParams' must be an object once the escalation started", "/createParams");
  if (sends && s.settings().lookup && !s.lookup_params.is_object()) {
    // Written while no lookup call was configured; the admin has added one since.
    if (!s.context.is_object()) return make_error("SNAPSHOT_INVALID", "'context' must be an object", "/context");
    auto lp = map_parameters(*s.settings().lookup, *config->api_call(s.settings().lookup->api_call), s.context);
    if (!lp) return lp.error();
    s.lookup_params = std::move(lp).value();
  }
  note(s, Event::Restore, s.audit.empty() ? 0 : s.audit.back().at_ms, "restored from a snapshot");
  return e;
}

}  // namespace tb
