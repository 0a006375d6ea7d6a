// Reads the conversation document the host hands to start(): required identity fields are
// checked here, once, so the state machine and the templates can rely on them.
#include "ticketbridge/conversation.hpp"

#include "ticketbridge/json_text.hpp"

namespace tb {
namespace {

using json = nlohmann::json;

Error invalid_conversation(std::string message, std::string path) {
  return make_error("CONVERSATION_INVALID", std::move(message), std::move(path));
}

// Optional string member: absent or null reads as "", anything but a string is an error.
Status read_string(const json& obj, const char* key, const std::string& path, std::string& out,
                   bool required = false) {
  const auto it = obj.find(key);
  const std::string where = json_path_join(path, key);
  if (it == obj.end() || it->is_null()) {
    if (required) return invalid_conversation(std::string("missing required field '") + key + "'", where);
    return ok_status();
  }
  if (it->is_number()) {  // ids often arrive as numbers; keep them as their JSON text
    out = dump_json(*it);
  } else if (it->is_string()) {
    out = it->get_ref<const std::string&>();
  } else {
    return invalid_conversation(std::string("'") + key + "' must be a string", where);
  }
  if (required && out.empty()) return invalid_conversation(std::string("'") + key + "' must not be empty", where);
  return ok_status();
}

const json* object_member(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

}  // namespace

Result<Conversation> conversation_from_json(const json& doc) {
  if (!doc.is_object()) return invalid_conversation("a conversation must be a JSON object", "");
  Conversation c;
  Status s = read_string(doc, "id", "", c.id, true);
  if (!s) return std::move(s).error();

  if (const json* emp = object_member(doc, "employee"); emp && !emp->is_null()) {
    if (!emp->is_object()) return invalid_conversation("'employee' must be an object", "/employee");
    for (auto [key, field] : {std::pair{"id", &c.employee.id}, {"name", &c.employee.name},
                              {"email", &c.employee.email}}) {
      if (Status r = read_string(*emp, key, "/employee", *field); !r) return std::move(r).error();
    }
  }
  if (const json* dev = object_member(doc, "device"); dev && !dev->is_null()) {
    if (!dev->is_object()) return invalid_conversation("'device' must be an object", "/device");
    if (Status r = read_string(*dev, "name", "/device", c.device.name); !r) return std::move(r).error();
  }
  if (const json* msgs = object_member(doc, "messages"); msgs && !msgs->is_null()) {
    if (!msgs->is_array()) return invalid_conversation("'messages' must be an array", "/messages");
    for (std::size_t i = 0; i < msgs->size(); ++i) {
      const json& m = (*msgs)[i];
      const std::string path = json_path_join("/messages", i);
      if (!m.is_object()) return invalid_conversation("a message must be an object", path);
      Message msg;
      if (Status r = read_string(m, "role", path, msg.role, true); !r) return std::move(r).error();
      if (msg.role != "employee" && msg.role != "assistant") {
        return invalid_conversation("'role' must be \"employee\" or \"assistant\"", json_path_join(path, "role"));
      }
      if (Status r = read_string(m, "text", path, msg.text); !r) return std::move(r).error();
      if (Status r = read_string(m, "at", path, msg.at); !r) return std::move(r).error();
      c.messages.push_back(std::move(msg));
    }
  }
  if (const json* diags = object_member(doc, "diagnostics"); diags && !diags->is_null()) {
    if (!diags->is_array()) return invalid_conversation("'diagnostics' must be an array", "/diagnostics");
    for (std::size_t i = 0; i < diags->size(); ++i) {
      const json& d = (*diags)[i];
      const std::string path = json_path_join("/diagnostics", i);
      if (!d.is_object()) return invalid_conversation("a diagnostic must be an object", path);
      Diagnostic diag;
      if (Status r = read_string(d, "name", path, diag.name, true); !r) return std::move(r).error();
      if (Status r = read_string(d, "result", path, diag.result); !r) return std::move(r).error();
      c.diagnostics.push_back(std::move(diag));
    }
  }
  if (Status r = read_string(doc, "summary", "", c.summary); !r) return std::move(r).error();
  if (Status r = read_string(doc, "category", "", c.category); !r) return std::move(r).error();
  if (Status r = read_string(doc, "subCategory", "", c.sub_category); !r) return std::move(r).error();
  c.document = doc;
  return c;
}

Result<Conversation> parse_conversation(std::string_view text) {
  // A lone surrogate (a JavaScript string cut in the middle of an emoji) becomes U+FFFD: the
  // employee's conversation still reaches the service desk.
  // Read as a JavaScript host wrote it (parse_json_as_js): a transcript is kilobytes of strings,
  // read on every escalation.
  auto doc = text.find("\\u") == std::string_view::npos
                 ? parse_json_as_js(text, "CONVERSATION", kMaxConversationBytes)
                 : parse_json_as_js(repair_lone_surrogates(text), "CONVERSATION", kMaxConversationBytes);
  if (!doc) return std::move(doc).error();
  return conversation_from_json(doc.value());
}

}  // namespace tb
