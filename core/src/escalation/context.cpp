// What the admin's parameter mappings can read: the conversation document as the host gave
// it, plus ready-made texts (transcript, diagnostics) and the escalation's own facts (key,
// reason, chosen category). Built once at start so every attempt sends identical values.
#include "escalation/state.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/template.hpp"
#include "util/sha256.hpp"

namespace tb {

using json = nlohmann::json;

std::string escalation_key(std::string_view conversation_id) {
  return "tb-" + sha256_hex(conversation_id).substr(0, 32);
}

namespace {

std::string transcript(const Conversation& c) {
  std::string out;
  for (const Message& m : c.messages) {
    if (!out.empty()) out += '\n';
    out += m.role == "employee" ? (c.employee.name.empty() ? "Employee" : c.employee.name) : "Assistant";
    if (!m.at.empty()) out += " (" + m.at + ")";
    out += ": ";
    out += m.text;
  }
  return out;
}

std::string diagnostics_text(const Conversation& c) {
  std::string out;
  for (const Diagnostic& d : c.diagnostics) {
    if (!out.empty()) out += '\n';
    out += "- " + d.name + ": " + d.result;
  }
  return out;
}

// Cuts at a UTF-8 character boundary so the result stays valid text.
std::string truncate_utf8(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "\u2026";
}

}  // namespace

std::string portal_summary(const Conversation& c) {
  std::string text = c.summary;
  if (text.empty()) {
    for (const Message& m : c.messages) {
      if (m.role == "employee" && !m.text.empty()) {
        text = m.text;
        break;
      }
    }
  }
  return truncate_utf8(text, 500);
}

RedactionCounts redact_conversation(Conversation& c, const TranscriptRedactor& redactor) {
  RedactionCounts counts;
  auto mask = [&](std::string& text) {
    RedactionResult r = redactor.redact(text);
    counts += r.counts;
    text = std::move(r.text);
  };
  for (Message& m : c.messages) mask(m.text);
  mask(c.summary);
  for (Diagnostic& d : c.diagnostics) {
    mask(d.name);
    mask(d.result);
  }
  // Templates can reach the raw document too ({{messages.0.text}}): mask the same parts there.
  for (const char* key : {"messages", "summary", "diagnostics"}) {
    if (auto it = c.document.find(key); it != c.document.end()) redactor.redact_json(*it);
  }
  return counts;
}

json build_context(const Conversation& c, std::string_view reason, const std::string& key, const CategoryChoice& cat) {
  json ctx = c.document.is_object() ? c.document : json::object();
  ctx["transcript"] = transcript(c);
  ctx["diagnosticsText"] = diagnostics_text(c);
  ctx["reason"] = std::string(reason);
  ctx["escalation"] = {{"key", key}, {"reason", std::string(reason)}, {"conversationId", c.id}};
  // Only a checked (or, without a list, the host's own) pair reaches the ticket; otherwise
  // the category parameters fall back to their defaults.
  ctx.erase("category");
  ctx.erase("subCategory");
  if (cat.pair) {
    ctx["category"] = cat.pair->category;
    if (!cat.pair->sub_category.empty()) ctx["subCategory"] = cat.pair->sub_category;
  }
  ctx["categorization"] = cat.note;
  return ctx;
}

Result<json> map_parameters(const CallBinding& binding, const ApiCall& call, const json& context) {
  json params = json::object();
  for (const auto& [name, value] : binding.literals) params[name] = value;
  for (const auto& [name, tpl] : binding.parameters) {
    const Parameter* decl = call.parameter(name);
    const bool required = decl && decl->required && !decl->default_value;
    // A required parameter must not silently go out empty: name what it needed.
    for (const Placeholder& p : tpl.placeholders()) {
      const json* v = lookup_path(context, p.segments);
      const bool missing = !v || v->is_null() || (v->is_string() && v->get_ref<const std::string&>().empty());
      if (missing && required) {
        Error e = make_error("TEMPLATE_MISSING_VALUE", "parameter '" + name + "' of API call '" + call.name +
                                                           "' needs '" + p.path + "', which this conversation does not have");
        e.path = "/" + name;
        return e;
      }
    }
    if (tpl.is_single_placeholder()) {
      // A lone placeholder passes the value through with its JSON type (arrays, numbers...).
      const json* v = lookup_path(context, tpl.placeholders().front().segments);
      if (v && !v->is_null()) params[name] = *v;
      continue;
    }
    auto text = render(tpl, [&context](const Placeholder& p) { return lookup_path(context, p.segments); });
    if (!text) return std::move(text).error();
    params[name] = std::move(text).value();
  }
  return params;
}

json message_context(const json& context, const EscalationMessages& m) {
  json kept = json::object();
  for (const std::string* source : {&m.confirm, &m.escalated, &m.failed, &m.declined}) {
    auto tpl = Template::parse(*source, TemplateKind::Text);
    if (!tpl) continue;
    for (const Placeholder& p : tpl.value().placeholders()) {
      if (p.segments.empty()) continue;
      if (auto it = context.find(p.segments.front()); it != context.end()) kept[it.key()] = *it;
    }
  }
  return kept;
}

std::string render_message(const std::string& source, const json& values) {
  auto tpl = Template::parse(source, TemplateKind::Text);
  if (!tpl) return source;  // validated at config load; keep the admin's text rather than nothing
  auto text = render(tpl.value(), [&values](const Placeholder& p) { return lookup_path(values, p.segments); });
  return text ? std::move(text).value() : source;
}

}  // namespace tb
