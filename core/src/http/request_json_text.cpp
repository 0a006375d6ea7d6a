// Requests as JSON text, written straight out rather than built as a JSON DOM and dumped: a
// create request carries the whole rendered payload (a transcript, kilobytes) once per form,
// and the DOM round trip cost more than rendering it (docs/benchmarks.md, "Templates
// against mustache"). request_to_json() reads this text back, so there is one writer.
#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/text/utf8.hpp"

namespace tb {

namespace {

void append_string(std::string& out, std::string_view s) {
  // Request parts are UTF-8 by construction (validated parameters, configured text); anything
  // else takes the DOM writer's path, which replaces what is not UTF-8 instead of passing it on.
  if (utf8::valid(s)) jsonata::append_quoted_json(out, s);
  else out += dump_json(nlohmann::json(std::string(s)));
}

void append_member(std::string& out, const char* name, std::string_view value) {
  out += '"';
  out += name;
  out += "\":";
  append_string(out, value);
  out += ',';
}

// `{"body":` then the body's JSON string literal (or null), written by the caller.
void open_request(std::string& out) { out += "{\"body\":"; }

// The members after the body, then `body_json` (JSON text already checked by the caller)
// as "bodyJson" unless empty.
void close_request(std::string& out, const HttpRequest& r, const SecretMasker& redact, std::string_view body_json) {
  // Header names in the order, and with the one-value-per-name rule, of a JSON object built
  // by assignment: sorted, the last of a repeated name winning.
  // A request has a handful of headers: an insertion sort (stable) rather than std::stable_sort,
  // whose merge code cost 3.5 KB of the .wasm.
  std::vector<std::size_t> order(r.headers.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    std::size_t k = i;
    for (; k > 0 && r.headers[i].name < r.headers[order[k - 1]].name; --k) order[k] = order[k - 1];
    order[k] = i;
  }
  out += ",\"headers\":{";
  bool first = true;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const HttpHeader& h = r.headers[order[k]];
    if (k + 1 < order.size() && r.headers[order[k + 1]].name == h.name) continue;
    if (!first) out += ',';
    first = false;
    append_string(out, h.name);
    out += ':';
    append_string(out, redact(h.value));
  }
  out += "},";
  append_member(out, "id", r.id);
  append_member(out, "method", r.method);
  append_member(out, "purpose", to_string(r.purpose));
  out += "\"timeoutMs\":";
  out += std::to_string(r.timeout_ms);
  out += ',';
  append_member(out, "url", redact(r.url));
  out.pop_back();  // the last member's comma
  if (!body_json.empty()) {
    out += ",\"bodyJson\":";
    out += body_json;
  }
  out += '}';
}

// `json`: the body is one build_call_request read as JSON (or proved so), which is UTF-8, so
// the check append_string() makes would only repeat what is known.
void append_body(std::string& out, std::string_view body, bool json = false) {
  if (body.empty()) out += "null";
  else if (json) jsonata::append_quoted_json(out, body);
  else append_string(out, body);
}

// The two forms written into `out`. Most payloads hold no secret: then the shown body is the
// body itself (not copied), its JSON string literal is escaped once and copied for the wire
// form, and a body build_call_request already read as JSON is not read again.
void append_forms(std::string& out, const HttpRequest& request, const SecretMasker& redact, bool body_json, bool wire) {
  const bool masked = !request.body.empty() && redact.occurs_in(request.body);
  const std::string masked_body = masked ? redact(request.body) : std::string();
  const std::string_view shown_body = masked ? std::string_view(masked_body) : std::string_view(request.body);
  out.reserve(out.size() + 3 * shown_body.size() + 1024);
  out += "\"request\":";
  open_request(out);
  const std::size_t literal_at = out.size();
  append_body(out, shown_body, request.body_is_json && !masked);
  const std::size_t literal_size = out.size() - literal_at;
  // Admins read a JSON payload as JSON; a form body stays text. The shown body is spliced in
  // as it is once the engine's reader has accepted it, so "bodyJson" is exactly what
  // JSON.parse(body) gives (a DOM would sort its keys and lose large integers).
  const bool spliced = body_json && !shown_body.empty() &&
                       ((request.body_is_json && !masked) || jsonata::Document::parse(shown_body, kMaxJsonNesting));
  close_request(out, request, redact, spliced ? shown_body : std::string_view());
  if (!wire) return;
  out += ",\"wire\":";
  open_request(out);
  if (masked) {
    append_body(out, request.body);
  } else {
    out.append(out, literal_at, literal_size);  // (a string may append a part of itself)
  }
  close_request(out, request, SecretMasker(), {});
}

}  // namespace

std::string request_json_text(const HttpRequest& request, const SecretMasker& redact) {
  std::string out;
  out.reserve(request.body.size() + 512);
  open_request(out);
  if (request.body.empty() || !redact.occurs_in(request.body)) append_body(out, request.body);
  else append_body(out, redact(request.body));
  close_request(out, request, redact, {});
  return out;
}

std::string request_forms_text(const HttpRequest& request, const SecretMasker& redact, bool body_json, bool wire) {
  std::string out;
  append_forms(out, request, redact, body_json, wire);
  return out;
}

std::string request_pair_text(const HttpRequest& request, const SecretMasker& redact) {
  std::string out = "{";
  append_forms(out, request, redact, true, true);
  out += '}';
  return out;
}

std::string request_pair_reply(const HttpRequest& request, const SecretMasker& redact) {
  std::string out = "{\"ok\":true,\"value\":{";  // reply.hpp's success
  append_forms(out, request, redact, true, true);
  out += "}}";
  return out;
}

}  // namespace tb
