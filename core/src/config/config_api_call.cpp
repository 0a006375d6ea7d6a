// An API call as the admin defines it across the General, Request and Output tabs.
// Templates are parsed here, once, and every placeholder must name a declared parameter.
#include <algorithm>
#include <cctype>

#include "config/config_sections.hpp"

namespace tb::config_detail {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<Template> read_template(Reader& r, const std::string& source, TemplateKind kind, const std::string& path) {
  auto t = Template::parse(source, kind);
  if (!t) {
    Error e = t.error();
    e.code = "CONFIG_" + e.code;
    e.path = path;
    r.errors.push_back(std::move(e));
    return std::nullopt;
  }
  return std::move(t).value();
}

void check_placeholders(Reader& r, const ApiCall& call, const Template& t, const std::string& path) {
  for (const Placeholder& p : t.placeholders()) {
    if (!call.parameter(p.segments.front())) {
      Error e = make_error("CONFIG_UNKNOWN_PARAMETER",
                           "placeholder '{{" + p.path + "}}' names no parameter of API call '" + call.name + "'", path);
      e.position = static_cast<std::int64_t>(p.position);
      r.errors.push_back(std::move(e));
    }
  }
}

// A payload must be valid JSON whatever the values are. Values can only ever be a whole JSON
// value (standalone slot) or string content (string slot), so rendering with null and "" and
// parsing the result proves the template's structure.
void check_payload_shape(Reader& r, const Template& t, const std::string& path) {
  static const json null_value;
  auto dummy = render(t, [](const Placeholder&) { return &null_value; });
  if (!dummy) return;
  auto parsed = parse_json(dummy.value(), "CONFIG_PAYLOAD", kMaxConfigBytes);
  if (!parsed) {
    r.fail("CONFIG_INVALID_PAYLOAD",
           "the payload would not be valid JSON: " + parsed.error().message +
               " (placeholders may stand inside a string or alone as a value)",
           path);
  }
}

void read_parameters(Reader& r, const json& node, const std::string& path, ApiCall& call) {
  const auto it = node.find("parameters");
  if (it == node.end() || it->is_null()) return;
  const std::string ppath = json_path_join(path, "parameters");
  if (!it->is_array()) {
    r.fail("CONFIG_INVALID_TYPE", "'parameters' must be an array", ppath);
    return;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& p = (*it)[i];
    const std::string where = json_path_join(ppath, i);
    if (!p.is_object()) {
      r.fail("CONFIG_INVALID_TYPE", "a parameter must be an object", where);
      continue;
    }
    r.only(p, where, {"name", "description", "required", "default"});
    Parameter param;
    param.name = r.string(p, "name", where, true);
    param.description = r.string(p, "description", where, false);
    param.required = r.boolean(p, "required", where, false);
    if (const auto d = p.find("default"); d != p.end()) param.default_value = *d;
    if (param.name.empty()) continue;
    if (param.name.find_first_of(". {}") != std::string::npos) {
      r.fail("CONFIG_INVALID_VALUE", "a parameter name cannot contain '.', spaces or braces", json_path_join(where, "name"));
      continue;
    }
    if (call.parameter(param.name)) {
      r.fail("CONFIG_DUPLICATE_PARAMETER", "parameter '" + param.name + "' is declared twice", json_path_join(where, "name"));
      continue;
    }
    call.parameters.push_back(std::move(param));
  }
}

void read_headers(Reader& r, const json& node, const std::string& path, ApiCall& call) {
  const json* headers = r.object(node, "headers", path, false);
  if (!headers) return;
  const std::string hpath = json_path_join(path, "headers");
  if (headers->size() > kMaxCustomHeaders) {
    r.fail("CONFIG_TOO_MANY_HEADERS", "at most 5 custom headers are allowed", hpath);
  }
  for (auto it = headers->begin(); it != headers->end(); ++it) {
    const std::string where = json_path_join(hpath, it.key());
    const std::string name = lower(it.key());
    if (!is_header_name(it.key())) {
      r.fail("CONFIG_INVALID_VALUE", "'" + it.key() + "' is not a valid header name", where);
      continue;
    }
    if (is_client_header(name)) {
      r.fail("CONFIG_FORBIDDEN_HEADER",
             name == "authorization" ? "the Authorization header comes from the credential; it cannot be a custom header"
                                     : "header '" + it.key() + "' is set by the HTTP client and cannot be a custom header",
             where);
      continue;
    }
    if (!it->is_string()) {
      r.fail("CONFIG_INVALID_TYPE", "a header value must be a string", where);
      continue;
    }
    auto t = read_template(r, it->get<std::string>(), TemplateKind::Header, where);
    if (!t) continue;
    bool sendable = true;
    for (const std::string& literal : t->literals()) sendable = sendable && is_header_value(literal);
    if (!sendable) {
      r.fail("CONFIG_INVALID_VALUE", "a header value cannot contain a line break, a control character or a "
             "character beyond Latin-1 (fetch() would refuse the request)", where);
      continue;
    }
    call.headers.emplace_back(it.key(), std::move(*t));
  }
}

void read_outputs(Reader& r, const json& node, const std::string& path, ApiCall& call) {
  const json* outputs = r.object(node, "outputs", path, false);
  if (!outputs) return;
  const std::string opath = json_path_join(path, "outputs");
  if (outputs->size() > kMaxOutputs) r.fail("CONFIG_TOO_MANY_OUTPUTS", "at most 5 outputs are allowed", opath);
  for (auto it = outputs->begin(); it != outputs->end(); ++it) {
    const std::string where = json_path_join(opath, it.key());
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      r.fail("CONFIG_INVALID_TYPE", "an output must be a non-empty JSONata expression string", where);
      continue;
    }
    Output out;
    out.name = it.key();
    out.source = it->get<std::string>();
    auto compiled = jsonata::Expression::compile(out.source);
    if (!compiled) {
      const jsonata::Error& je = compiled.error();
      Error e = make_error("CONFIG_INVALID_OUTPUT",
                           "output '" + out.name + "' is not a valid JSONata expression: " + je.code + " " + je.message,
                           where);
      e.position = je.position;
      e.token = je.token;
      r.errors.push_back(std::move(e));
      continue;
    }
    out.expression = std::move(compiled).value();
    call.outputs.push_back(std::move(out));
  }
}

}  // namespace

std::optional<ApiCall> read_api_call(Reader& r, const std::string& name, const json& node, const std::string& path) {
  if (!node.is_object()) {
    r.fail("CONFIG_INVALID_TYPE", "an API call must be an object", path);
    return std::nullopt;
  }
  const std::size_t mark = r.errors.size();
  r.only(node, path, {"description", "credential", "method", "resource", "headers", "parameters", "payload", "outputs"});
  ApiCall call;
  call.name = name;
  call.description = r.string(node, "description", path, false);
  call.credential = r.string(node, "credential", path, true);
  call.method = r.string(node, "method", path, true);
  static const char* methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
  if (!call.method.empty() && std::find(std::begin(methods), std::end(methods), call.method) == std::end(methods)) {
    r.fail("CONFIG_INVALID_VALUE", "method must be one of GET, POST, PUT, PATCH, DELETE", json_path_join(path, "method"));
  }
  read_parameters(r, node, path, call);

  const std::string resource = r.string(node, "resource", path, true);
  const std::string rpath = json_path_join(path, "resource");
  if (resource.empty()) {
    // already reported as missing
  } else if (resource.find("://") != std::string::npos || resource.rfind("//", 0) == 0) {
    r.fail("CONFIG_INVALID_VALUE", "the resource is relative to the credential's base URL; it cannot name a host", rpath);
  } else if (auto t = read_template(r, resource[0] == '/' ? resource.substr(1) : resource, TemplateKind::Resource, rpath)) {
    check_placeholders(r, call, *t, rpath);
    // Placeholders are percent-encoded when rendered; the literal text must already be URL text.
    for (const std::string& literal : t->literals())
      if (!check_url_text(r, literal, rpath)) break;
    call.resource = std::move(*t);
  }

  read_headers(r, node, path, call);
  for (const auto& [hname, t] : call.headers) check_placeholders(r, call, t, json_path_join(json_path_join(path, "headers"), hname));

  if (const auto it = node.find("payload"); it != node.end() && !it->is_null()) {
    const std::string ppath = json_path_join(path, "payload");
    if (!it->is_string()) {
      r.fail("CONFIG_INVALID_TYPE", "the payload must be a string holding the JSON template", ppath);
    } else if (auto t = read_template(r, it->get<std::string>(), TemplateKind::Json, ppath)) {
      check_placeholders(r, call, *t, ppath);
      check_payload_shape(r, *t, ppath);
      call.payload = std::move(*t);
    }
  }
  read_outputs(r, node, path, call);
  if (!r.ok_since(mark)) return std::nullopt;
  return call;
}

}  // namespace tb::config_detail
