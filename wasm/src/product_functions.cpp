// The product core's stateless exports: the limits and version the façade reads once at load
// (tb_limits), the idempotency key of a conversation (tb_escalation_key), and transcript
// redaction on its own (tb_redact_text; an escalation applies it when the config asks for it).
// Texts cross as heap_io.hpp says; every call answers with the address of a reply record.
#include <emscripten/emscripten.h>

#include "heap_io.hpp"
#include "ticketbridge/escalation.hpp"
#include "ticketbridge/host_limits.hpp"
#include "ticketbridge/options_text.hpp"
#include "ticketbridge/reply.hpp"
#include "ticketbridge/transcript_redaction.hpp"

using tbwasm::heap_reply;
using tbwasm::heap_text;

extern "C" {

// Written without nlohmann/json: the one product call at every load, and the JSON builder and
// writer it would need are compiled lazily by the engine, a cost before the first answer.
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_limits() { return heap_reply(tb::reply_json_text(tb::host_limits_json_text())); }

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_key(std::uintptr_t id, std::size_t id_len) {
  return heap_reply(tb::reply_value(nlohmann::json(tb::escalation_key(heap_text(id, id_len)))));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_redact_text(std::uintptr_t text, std::size_t text_len, std::uintptr_t options,
                                                   std::size_t options_len) {
  auto o = tb::options_from_text(heap_text(options, options_len));
  if (!o) return heap_reply(tb::reply_error(o.error()));
  auto parsed = tb::redaction_options_from_json(o.value().is_null() ? nlohmann::json::object() : o.value());
  if (!parsed) return heap_reply(tb::reply_error(parsed.error()));
  return heap_reply(
      tb::reply_value(tb::redaction_result_to_json(tb::redact_text(heap_text(text, text_len), parsed.value()))));
}

}  // extern "C"
