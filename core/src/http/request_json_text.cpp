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

std::string json_literal(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

// `body` is the body's JSON string literal (or null); `extra` is written after the members,
// as JSON text already checked by the caller.
void append_request(std::string& out, const HttpRequest& r, const SecretMasker& redact, std::string_view body,
                    std::string_view extra) {
  out += "{\"body\":";
  out += body;
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
  out += extra;
  out += '}';
}

}  // namespace

std::string request_json_text(const HttpRequest& request, const SecretMasker& redact) {
  std::string out;
  out.reserve(request.body.size() + 512);
  append_request(out, request, redact, request.body.empty() ? "null" : json_literal(redact(request.body)), {});
  return out;
}

std::string request_forms_text(const HttpRequest& request, const SecretMasker& redact, bool body_json, bool wire) {
  std::string out;
  out.reserve(2 * request.body.size() + 1024);
  out += "\"request\":";
  std::string shown_body = request.body.empty() ? std::string() : redact(request.body);
  // Admins read a JSON payload as JSON; a form body stays text. The shown body is spliced in
  // as it is once the engine's reader has accepted it, so "bodyJson" is exactly what
  // JSON.parse(body) gives (a DOM would sort its keys and lose large integers).
  std::string extra;
  if (body_json && !shown_body.empty() && jsonata::Document::parse(shown_body, kMaxJsonNesting)) {
    extra.reserve(shown_body.size() + 12);
    extra += ",\"bodyJson\":";
    extra += shown_body;
  }
  // Most payloads hold no secret: then both forms carry the same literal, escaped once.
  const std::string shown = request.body.empty() ? std::string("null") : json_literal(shown_body);
  append_request(out, request, redact, shown, extra);
  if (wire) {
    out += ",\"wire\":";
    append_request(out, request, SecretMasker(), shown_body == request.body ? shown : json_literal(request.body), {});
  }
  return out;
}

std::string request_pair_text(const HttpRequest& request, const SecretMasker& redact) {
  return "{" + request_forms_text(request, redact, true, true) + "}";
}

}  // namespace tb
