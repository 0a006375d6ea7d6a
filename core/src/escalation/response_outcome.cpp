// Reading what came back: every response or transport failure is sorted into one outcome
// kind, which alone decides between success, retry, lookup-then-retry and giving up.
#include <cmath>
#include <cstdlib>

#include "escalation/state.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/text/decimal.hpp"
#include "ticketbridge/text/utf8.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

constexpr std::size_t kMaxTicketIdChars = 128, kMaxTicketNumberChars = 64;

Outcome make(Outcome::Kind kind, std::string code, std::string reason) {
  Outcome o;
  o.kind = kind;
  o.code = std::move(code);
  o.reason = std::move(reason);
  return o;
}

// The ITSM's own words for a failure, so the cockpit shows what it said: the credential's
// errorMessage expression over the body when it has one (each preset brings its ITSM's error
// shape), else a top-level "message" or "error" string. Masked before it is shortened: a
// secret the ITSM echoes must not survive in part at the cut.
std::string itsm_explanation(const std::string& body, const SecretMasker& redact, const ItsmAnswers* answers,
                             const jsonata::Limits& limits) {
  std::string out;
  if (answers && answers->error_message) {
    if (auto doc = jsonata::Document::parse(body)) {
      auto said = answers->error_message->evaluate(doc.value(), nullptr, limits);
      if (said && said.value().defined) {
        auto v = parse_json(said.value().json, "OUTPUT", kMaxResponseBytes * 4);
        if (v && v.value().is_string()) out = v.value().get<std::string>();
      }
    }
    return redact.cut(out, 300);
  }
  auto doc = parse_json(body, "BODY", kMaxResponseBytes, 64);
  if (!doc || !doc.value().is_object()) return {};
  const json& d = doc.value();
  for (const char* key : {"message", "error"}) {
    if (auto m = d.find(key); m != d.end() && m->is_string()) {
      out = m->get<std::string>();
      break;
    }
  }
  return redact.cut(out, 300);
}

double retry_after_ms(const HttpResponse& r) {
  const std::string* v = r.header("Retry-After");
  if (!v || v->empty()) return -1;
  std::size_t used = 0;
  const double seconds = text::parse_double(*v, &used);
  if (used != v->size() || !(seconds >= 0) || seconds > 86400) return -1;  // HTTP-dates ignored
  return seconds * 1000;
}

// Status-level classification shared by every purpose.
std::optional<Outcome> classify_failure(const HttpResponse& r, const char* what, const SecretMasker& redact,
                                       const ItsmAnswers* answers = nullptr, const jsonata::Limits& limits = {}) {
  const std::string w(what);
  if (r.transport_error != TransportError::None) {
    if (r.transport_error == TransportError::Connect)
      return make(Outcome::Kind::Transient, "ITSM_UNREACHABLE", "could not connect to the ITSM for the " + w + " request");
    if (r.transport_error == TransportError::Timeout)
      return make(Outcome::Kind::Ambiguous, "ITSM_TIMEOUT", "the ITSM did not answer the " + w + " request in time");
    // A browser's fetch refused a cross-origin request (no CORS headers for this page, or the
    // server unreachable, which the page cannot tell apart): retrying changes neither.
    if (r.transport_error == TransportError::Blocked)
      return make(Outcome::Kind::Permanent, "ITSM_BLOCKED",
                  "the browser refused the " + w + " request to another origin: the ITSM (or relay) sent no CORS "
                  "headers allowing this page, or the network is down; allow this origin on the ITSM or call it "
                  "through a same-origin relay");
    return make(Outcome::Kind::Ambiguous, "ITSM_CONNECTION_LOST",
                "the connection to the ITSM was lost during the " + w + " request (" + to_string(r.transport_error) + ")");
  }
  const int st = r.status;
  if (st >= 200 && st < 300) return std::nullopt;
  const std::string said = itsm_explanation(r.body, redact, answers, limits);
  const std::string tail = " (HTTP " + std::to_string(st) + (said.empty() ? "" : ": " + said) + ")";
  Outcome o;
  if (st == 401) o = make(Outcome::Kind::Unauthorized, "ITSM_UNAUTHORIZED", "the ITSM rejected the credentials" + tail);
  else if (st == 403) o = make(Outcome::Kind::Permanent, "ITSM_FORBIDDEN", "the credential may not do this" + tail);
  else if (st == 404) o = make(Outcome::Kind::Permanent, "ITSM_NOT_FOUND", "the ITSM does not know this resource" + tail);
  else if (st == 400) o = make(Outcome::Kind::Permanent, "ITSM_BAD_REQUEST", "the ITSM rejected the request" + tail);
  else if (st == 429) o = make(Outcome::Kind::Transient, "ITSM_RATE_LIMITED", "the ITSM is rate limiting" + tail);
  else if (st == 503) o = make(Outcome::Kind::Transient, "ITSM_UNAVAILABLE", "the ITSM is unavailable" + tail);
  else if (st == 408) o = make(Outcome::Kind::Ambiguous, "ITSM_TIMEOUT", "the ITSM timed out" + tail);
  else if (st >= 500 && st < 600) o = make(Outcome::Kind::Ambiguous, "ITSM_SERVER_ERROR", "the ITSM failed" + tail);
  else if (st >= 400 && st < 500) o = make(Outcome::Kind::Permanent, "ITSM_REJECTED", "the ITSM rejected the request" + tail);
  else o = make(Outcome::Kind::Permanent, "ITSM_UNEXPECTED_STATUS", "unexpected answer from the ITSM" + tail);
  o.retry_after_ms = retry_after_ms(r);
  return o;
}

std::optional<Outcome> check_body(const HttpResponse& r, const char* what, Outcome::Kind unreadable) {
  if (r.body_truncated || r.body.size() > kMaxResponseBytes) {
    return make(unreadable, "ITSM_RESPONSE_TOO_LARGE",
                std::string("the ITSM's answer to the ") + what + " request is larger than 2 MB");
  }
  return std::nullopt;
}

// Output values must be non-empty strings; numbers are accepted and converted. A lone
// surrogate (an ITSM that cut an emoji in half) becomes U+FFFD rather than losing a ticket
// that exists.
std::optional<std::string> output_string(const jsonata::Output& out) {
  if (!out.defined) return std::nullopt;
  auto v = parse_json(repair_lone_surrogates(out.json), "OUTPUT", kMaxResponseBytes * 4);
  if (!v) return std::nullopt;
  const json& j = v.value();
  if (j.is_string()) {
    if (j.get_ref<const std::string&>().empty()) return std::nullopt;
    return j.get<std::string>();
  }
  if (j.is_number()) return out.json;  // already JavaScript's text for the number
  return std::nullopt;
}

// The ITSM's ticket reference is shown to the employee and the cockpit as it came: without
// control or direction characters (which could rewrite what is displayed around it), and
// short (a hostile ITSM could answer with megabytes).
std::string clean_reference(const std::string& text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = utf8::decode(text, i);
    if (utf8::is_layout_control(cp)) continue;
    if (++chars > max_chars) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    utf8::append(out, cp);
  }
  return out;
}

}  // namespace

Outcome read_token_response(const HttpResponse& r, const SecretMasker& redact) {
  if (auto f = classify_failure(r, "token", redact)) {
    if (f->kind == Outcome::Kind::Unauthorized) {
      f->kind = Outcome::Kind::Permanent;
      const std::size_t detail = f->reason.find(" (");
      f->reason = "the ITSM rejected the OAuth client credentials" +
                  (detail == std::string::npos ? std::string() : f->reason.substr(detail));
    }
    return *f;
  }
  // Asking for a token changes nothing, so an unreadable answer (a wake-up page, a cut
  // body) is worth asking again.
  if (auto f = check_body(r, "token", Outcome::Kind::Transient)) return *f;
  auto doc = parse_json(r.body, "TOKEN", kMaxResponseBytes, 64);
  if (!doc || !doc.value().is_object())
    return make(Outcome::Kind::Transient, "TOKEN_RESPONSE_INVALID", "the token endpoint did not answer with JSON");
  const json& d = doc.value();
  const auto tok = d.find("access_token");
  if (tok == d.end() || !tok->is_string() || tok->get_ref<const std::string&>().empty())
    return make(Outcome::Kind::Permanent, "TOKEN_RESPONSE_INVALID", "the token endpoint's answer has no access_token");
  Outcome o = make(Outcome::Kind::Success, "", "");
  o.access_token = tok->get<std::string>();
  o.expires_in_s = 3600;
  if (const auto exp = d.find("expires_in"); exp != d.end()) {
    if (exp->is_number()) o.expires_in_s = exp->get<double>();
    else if (exp->is_string()) o.expires_in_s = text::parse_double(exp->get_ref<const std::string&>());
  }
  if (!(o.expires_in_s > 0) || o.expires_in_s > 86400 * 365) o.expires_in_s = 3600;
  return o;
}

Outcome read_ticket_response(const HttpResponse& r, const ApiCall& call, bool is_lookup, const SecretMasker& redact,
                             const jsonata::Limits& limits) {
  const char* what = is_lookup ? "lookup" : "create";
  if (auto f = classify_failure(r, what, redact, call.answers.get(), limits)) return *f;
  // A create that answered 2xx did reach the ITSM: anything unreadable after that is
  // ambiguous (the ticket probably exists) rather than a reason to create again. An
  // unreadable lookup is retried too: giving up early could report failure for a ticket
  // that exists. An instance that keeps answering with a wake-up page exhausts the attempts.
  const Outcome::Kind unreadable = Outcome::Kind::Ambiguous;
  if (auto f = check_body(r, what, unreadable)) return *f;
  auto doc = jsonata::Document::parse(r.body);
  if (!doc) {
    // A page the credential knows (a hibernating instance's wake-up page) is named as such.
    if (call.answers) {
      for (const auto& u : call.answers->unreadable) {
        if (r.body.find(u.marker) != std::string::npos) return make(unreadable, "ITSM_RESPONSE_NOT_JSON", u.reason);
      }
    }
    return make(unreadable, "ITSM_RESPONSE_NOT_JSON",
                std::string("the ITSM's answer to the ") + what + " request is not JSON (HTTP " +
                    std::to_string(r.status) + ")");
  }
  std::string values[2];
  const char* names[2] = {"ticketId", "ticketNumber"};
  int found = 0;
  for (int i = 0; i < 2; ++i) {
    const Output* out = call.output(names[i]);
    if (!out) return make(Outcome::Kind::Permanent, "CONFIG_MISSING_OUTPUT", std::string("no output named ") + names[i]);
    auto res = out->expression.evaluate(doc.value(), nullptr, limits);
    if (!res) {
      return make(Outcome::Kind::Permanent, "OUTPUT_EVALUATION_FAILED",
                  std::string("output '") + names[i] + "' failed: " + res.error().code + " " + res.error().message);
    }
    if (auto s = output_string(res.value())) {
      values[i] = clean_reference(*s, i == 0 ? kMaxTicketIdChars : kMaxTicketNumberChars);
      if (!values[i].empty()) ++found;
    }
  }
  if (is_lookup && found == 0) return make(Outcome::Kind::NotFound, "", "no ticket carries this escalation's key");
  if (found < 2) {
    const char* missing = values[0].empty() ? names[0] : names[1];
    Outcome o = make(is_lookup ? Outcome::Kind::Permanent : unreadable, "OUTPUT_MISSING",
                     std::string("output '") + missing + "' did not yield a non-empty string from the ITSM's answer (HTTP " +
                         std::to_string(r.status) + ")");
    o.processed = true;
    return o;
  }
  Outcome o = make(Outcome::Kind::Success, "", "");
  o.ticket_id = std::move(values[0]);
  o.ticket_number = std::move(values[1]);
  return o;
}

}  // namespace tb
