// The Output tab over a body: parse once, evaluate every expression against the same document.
#include "ticketbridge/outputs.hpp"

#include "ticketbridge/http.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {

using json = nlohmann::json;

jsonata::Limits output_limits(const Config& config) {
  jsonata::Limits l;
  l.time_limit_ms = config.output_time_limit_ms;
  l.clock = jsonata::default_clock();
  return l;
}

Result<std::vector<OutputValue>> evaluate_outputs(const ApiCall& call, std::string_view body,
                                                  const jsonata::Limits& limits) {
  if (body.size() > kMaxResponseBytes) {
    return make_error("RESPONSE_TOO_LARGE", "the response body is larger than 2 MB");
  }
  auto doc = jsonata::Document::parse(body);
  if (!doc) {
    Error e = std::move(doc).error();
    e.code = "RESPONSE_NOT_JSON";
    e.message = "the response body is not JSON: " + e.message;
    return e;
  }
  std::vector<OutputValue> values;
  for (const Output& out : call.outputs) {
    OutputValue v;
    v.name = out.name;
    auto r = out.expression.evaluate(doc.value(), nullptr, limits);
    if (r) {
      v.defined = r.value().defined;
      v.json = std::move(r.value().json);
    } else {
      v.error = std::move(r).error();
    }
    values.push_back(std::move(v));
  }
  return values;
}

json outputs_to_json(const std::vector<OutputValue>& values) {
  json out = json::array();
  for (const OutputValue& v : values) {
    json item = {{"name", v.name}, {"defined", v.defined}};
    if (v.error) {
      json e = {{"code", v.error->code}, {"message", v.error->message}};
      if (v.error->position >= 0) e["position"] = v.error->position;
      item["defined"] = false;
      item["error"] = e;
    } else if (v.defined) {
      auto parsed = parse_json(v.json, "OUTPUT", kMaxResponseBytes * 4);
      item["value"] = parsed ? std::move(parsed).value() : json(v.json);
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace tb
