// Snapshots: the whole machine as JSON so a host that restarts (a serverless function's
// next invocation, a reloaded browser tab) resumes instead of starting over. Secrets and
// OAuth tokens are never part of it; restore() validates every field it reads.
#include <cmath>
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


std::optional<Error> read_audit(Escalation::State& s, Fields& f) {
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
  return std::nullopt;
}

json write_in_flight(const Escalation::State& s) {
  if (!s.in_flight) return nullptr;
  return {{"id", s.in_flight->id}, {"purpose", to_string(s.in_flight->purpose)}, {"sentAtMs", s.in_flight->sent_at_ms},
          {"deadlineMs", s.in_flight->deadline_ms}};
}

std::optional<Error> read_in_flight(Escalation::State& s, Fields& f) {
  if (const auto it = f.obj.find("inFlight"); it != f.obj.end() && it->is_object()) {
    Fields fl{*it, "/inFlight"};
    const std::string id = fl.str("id"), purpose_text = fl.str("purpose");
    InFlight in{id, RequestPurpose::Create, fl.time("sentAtMs"), fl.time("deadlineMs")};
    if (fl.error) return *fl.error;
    const auto purpose = purpose_from_string(purpose_text);
    if (!purpose || *purpose == RequestPurpose::Call)
      return make_error("SNAPSHOT_INVALID", "unknown request purpose", "/inFlight/purpose");
    in.purpose = *purpose;
    // A far-away deadline would leave the host waiting for an answer that never comes.
    if (in.deadline_ms < in.sent_at_ms || in.deadline_ms - in.sent_at_ms > kMaxInFlightMs)
      return make_error("SNAPSHOT_INVALID", "the pending request's deadline is out of range", "/inFlight/deadlineMs");
    s.in_flight = std::move(in);
  }
  return std::nullopt;
}

// Each field of a snapshot, listed once: snapshot() writes them in this table's order and
// restore() reads them in it (so a tampered snapshot reports its first bad field), with the
// type check each kind implies. Fields with structure of their own (audit, inFlight) follow.
struct Field {
  enum Kind { Text, Time, Count, Flag, ObjectOrNull, Custom };
  const char* name;
  Kind kind;
  std::string Escalation::State::*text = nullptr;
  double Escalation::State::*time = nullptr;
  int Escalation::State::*count = nullptr;
  int max = 0;
  bool Escalation::State::*flag = nullptr;
  json Escalation::State::*object = nullptr;
  json (*write)(const Escalation::State&) = nullptr;         // Custom
  std::optional<Error> (*read)(Escalation::State&, Fields&) = nullptr;  // Custom
};

using S = Escalation::State;
constexpr Field text(const char* n, std::string S::*m) { return {n, Field::Text, m}; }
constexpr Field time(const char* n, double S::*m) { return {n, Field::Time, nullptr, m}; }
constexpr Field count(const char* n, int S::*m, int max) { return {n, Field::Count, nullptr, nullptr, m, max}; }
constexpr Field flag(const char* n, bool S::*m) { return {n, Field::Flag, nullptr, nullptr, nullptr, 0, m}; }
// null is what snapshot() writes before start() filled these in, and for lookupParams
// whenever no lookup call is configured.
constexpr Field object(const char* n, json S::*m) { return {n, Field::ObjectOrNull, nullptr, nullptr, nullptr, 0, nullptr, m}; }
constexpr Field custom(const char* n, json (*w)(const S&), std::optional<Error> (*r)(S&, Fields&)) {
  return {n, Field::Custom, nullptr, nullptr, nullptr, 0, nullptr, nullptr, w, r};
}

// Written as data (no code runs to build it); the lambdas are plain functions.
constexpr Field kFields[] = {
      custom("version", [](const S&) { return json(kSnapshotVersion); },
             [](S&, Fields& f) -> std::optional<Error> {
               if (f.num("version") != kSnapshotVersion && !f.error)
                 return make_error("SNAPSHOT_INVALID", "unsupported snapshot version", "/version");
               return std::nullopt;
             }),
      custom("phase", [](const S& s) { return json(phase_name(s.phase)); },
             [](S& s, Fields& f) -> std::optional<Error> {
               bool ok = true;
               s.phase = phase_from(f.str("phase"), ok);
               if (!ok && !f.error) return make_error("SNAPSHOT_INVALID", "unknown phase", "/phase");
               return std::nullopt;
             }),
      text("conversationId", &S::conversation_id),
      text("reason", &S::reason),
      text("key", &S::key),
      object("context", &S::context),
      text("summary", &S::summary),
      object("createParams", &S::create_params),
      object("lookupParams", &S::lookup_params),
      count("attempts", &S::attempts, kMaxAttempts),
      count("requestSeq", &S::request_seq, kMaxRequestSeq),
      flag("tokenRefreshed", &S::token_refreshed),
      flag("outcomeUnknown", &S::outcome_unknown),
      flag("finalLookup", &S::final_lookup),
      flag("createdUnreadable", &S::created_unreadable),
      custom("next", [](const S& s) { return json(s.next == NextStep::Lookup ? "lookup" : "create"); },
             [](S& s, Fields& f) -> std::optional<Error> {
               const std::string next = f.str("next");
               if (!f.error && next != "lookup" && next != "create")
                 return make_error("SNAPSHOT_INVALID", "'next' must be \"lookup\" or \"create\"", "/next");
               s.next = next == "lookup" ? NextStep::Lookup : NextStep::Create;
               return std::nullopt;
             }),
      time("startedMs", &S::started_ms),
      time("deadlineMs", &S::deadline_ms),
      time("backoffUntilMs", &S::backoff_until_ms),
      custom("rng",
             [](const S& s) {
               char rng[16];  // sixteen hexadecimal digits, zero-padded
               for (int i = 0; i < 16; ++i) rng[i] = "0123456789abcdef"[(s.rng >> (60 - 4 * i)) & 15];
               return json(std::string(rng, 16));
             },
             [](S& s, Fields& f) -> std::optional<Error> {
               const std::string rng = f.str("rng");
               if (!f.error && (rng.size() != 16 || rng.find_first_not_of("0123456789abcdef") != std::string::npos))
                 return make_error("SNAPSHOT_INVALID", "'rng' must be 16 hexadecimal digits", "/rng");
               s.rng = std::strtoull(rng.c_str(), nullptr, 16);
               return std::nullopt;
             }),
      text("lastCode", &S::last_code),
      text("lastReason", &S::last_reason),
      text("ticketId", &S::ticket_id),
      text("ticketNumber", &S::ticket_number),
      flag("existing", &S::existing),
      text("failureCode", &S::failure_code),
      text("failureReason", &S::failure_reason),
      text("category", &S::category),
      text("subCategory", &S::sub_category),
      custom("audit", [](const S& s) { return audit_to_json(s.audit); }, read_audit),
      custom("inFlight", write_in_flight, read_in_flight),
      // Absent in snapshots written before lookupBeforeCreate existed.
      custom("lookingFirst", [](const S& s) { return json(s.looking_first); },
             [](S& s, Fields& f) -> std::optional<Error> {
               if (const auto it = f.obj.find("lookingFirst"); it != f.obj.end() && it->is_boolean())
                 s.looking_first = it->get<bool>();
               return std::nullopt;
             }),
};

}  // namespace

json Escalation::snapshot() const {
  json out = json::object();
  for (const Field& f : kFields) {
    switch (f.kind) {
      case Field::Text: out[f.name] = s_.get()->*f.text; break;
      case Field::Time: out[f.name] = s_.get()->*f.time; break;
      case Field::Count: out[f.name] = s_.get()->*f.count; break;
      case Field::Flag: out[f.name] = s_.get()->*f.flag; break;
      case Field::ObjectOrNull: out[f.name] = s_.get()->*f.object; break;
      case Field::Custom: out[f.name] = f.write(*s_); break;
    }
  }
  return out;
}

Result<Escalation> Escalation::restore(std::shared_ptr<const Config> config, const json& snap,
                                       std::shared_ptr<TokenCache> tokens) {
  if (!snap.is_object()) return make_error("SNAPSHOT_INVALID", "a snapshot must be a JSON object");
  if (!config->escalation) return make_error("ESCALATION_NOT_CONFIGURED", "the configuration has no 'escalation' section");
  Escalation e(config, std::move(tokens));
  State& s = *e.s_;
  Fields f{snap, ""};
  for (const Field& field : kFields) {
    switch (field.kind) {
      case Field::Text: s.*field.text = f.str(field.name); break;
      case Field::Time: s.*field.time = f.time(field.name); break;
      case Field::Count: s.*field.count = f.count(field.name, field.max); break;
      case Field::Flag: s.*field.flag = f.flag(field.name); break;
      case Field::ObjectOrNull:
        if (const json* v = f.get(field.name, &json::is_object, "an object or null", true)) s.*field.object = *v;
        break;
      case Field::Custom:
        if (auto problem = field.read(s, f)) return *problem;
        break;
    }
  }
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
