// One conversation's escalation machine (tb_escalation_*), as the façade's Escalation
// (wasm/js/escalation.mjs) drives it: events in, the next action out, snapshots to store and
// restore. Texts cross as heap_io.hpp says; every call answers with the address of a reply
// record.
#include <emscripten/emscripten.h>

#include <memory>
#include <utility>

#include "categories_binding.hpp"
#include "config_binding.hpp"
#include "handles.hpp"
#include "heap_io.hpp"
#include "ticketbridge/conversation.hpp"
#include "ticketbridge/escalation.hpp"
#include "ticketbridge/http_text.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/reply.hpp"
#include "ticketbridge/start_options_json.hpp"

namespace {

using json = nlohmann::json;
using tb::reply_error;
using tb::reply_value;
using tbwasm::not_loaded;

class EscalationBinding {
 public:
  explicit EscalationBinding(const tbwasm::ConfigBinding& cfg) : config_(cfg.config()), tokens_(cfg.tokens()) {
    if (config_) machine_ = std::make_unique<tb::Escalation>(config_, tokens_);
  }

  std::string start(std::string_view conversation, std::string_view reason, double now, std::string_view options_json) {
    if (!machine_) return not_loaded();
    auto conv = tb::parse_conversation(conversation);
    if (!conv) return out(machine_->reject(conv.error(), reason, now));  // the employee still gets an answer
    auto options = tb::start_options_from_text(options_json);
    if (!options) return reply_error(options.error());
    if (!categories_.pairs.empty()) options.value().categories = &categories_;
    return out(machine_->start(conv.value(), reason, now, options.value()));
  }

  // The category list the next start() resolves proposals against and classifies with.
  std::string set_categories(const tbwasm::CategoriesBinding& categories) {
    categories_ = categories.categories();
    return tb::reply_done();
  }

  // A conversation the host could not even hand over (too large to copy in).
  std::string reject(std::string_view code, std::string_view message, std::string_view reason, double now) {
    if (!machine_) return not_loaded();
    return out(machine_->reject(tb::make_error(std::string(code), std::string(message)), reason, now));
  }

  std::string confirm(bool yes, double now) { return machine_ ? out(machine_->confirm(yes, now)) : not_loaded(); }
  std::string tick(double now) { return machine_ ? out(machine_->tick(now)) : not_loaded(); }
  std::string resume(double now) { return machine_ ? out(machine_->resume(now)) : not_loaded(); }

  std::string receive(std::string_view response, double now) {
    if (!machine_) return not_loaded();
    auto resp = tb::response_from_text(response);
    if (!resp) return reply_error(resp.error());
    return out(machine_->receive(resp.value(), now));
  }

  std::string record() const { return machine_ ? reply_value(tb::record_to_json(machine_->record())) : not_loaded(); }
  // The snapshot travels as a string: the host stores its text as the core wrote it.
  std::string snapshot() const { return machine_ ? reply_value(json(tb::dump_json(machine_->snapshot()))) : not_loaded(); }
  std::string phase() const { return reply_value(json(machine_ ? tb::phase_name(machine_->phase()) : "idle")); }

  // Replaces this machine's state by a snapshot's.
  std::string restore(std::string_view snapshot) {
    if (!config_) return not_loaded();
    auto doc = tb::parse_json(snapshot, "SNAPSHOT", 8u << 20);
    if (!doc) return reply_error(doc.error());
    auto r = tb::Escalation::restore(config_, doc.value(), tokens_);
    if (!r) return reply_error(r.error());
    machine_ = std::make_unique<tb::Escalation>(std::move(r).value());
    return tb::reply_done();
  }

 private:
  std::string out(const tb::Result<tb::Action>& r) const {
    if (!r) return reply_error(r.error());
    return tb::reply_json_text(tb::action_json_text(r.value(), machine_->redactor(), true));
  }
  std::shared_ptr<const tb::Config> config_;
  std::shared_ptr<tb::TokenCache> tokens_;
  std::unique_ptr<tb::Escalation> machine_;
  tb::CategoryList categories_;
};

using tbwasm::heap_reply;
using tbwasm::heap_text;
using tbwasm::object_at;

EscalationBinding& escalation_at(std::uintptr_t at) { return object_at<EscalationBinding>(at); }

}  // namespace

extern "C" {

// The machine over the configuration `config` holds now (shared: freeing `config` later leaves
// this machine working).
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_new(std::uintptr_t config) {
  return tbwasm::new_handle<EscalationBinding>(object_at<const tbwasm::ConfigBinding>(config));
}
EMSCRIPTEN_KEEPALIVE void tb_escalation_delete(std::uintptr_t escalation) {
  tbwasm::delete_handle<EscalationBinding>(escalation);
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_set_categories(std::uintptr_t escalation, std::uintptr_t categories) {
  return heap_reply(escalation_at(escalation).set_categories(object_at<const tbwasm::CategoriesBinding>(categories)));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_start(std::uintptr_t escalation, std::uintptr_t conversation,
                                                        std::size_t conversation_len, std::uintptr_t reason,
                                                        std::size_t reason_len, double now, std::uintptr_t options,
                                                        std::size_t options_len) {
  return heap_reply(escalation_at(escalation).start(heap_text(conversation, conversation_len),
                                                    heap_text(reason, reason_len), now,
                                                    heap_text(options, options_len)));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_reject(std::uintptr_t escalation, std::uintptr_t code,
                                                         std::size_t code_len, std::uintptr_t message,
                                                         std::size_t message_len, std::uintptr_t reason,
                                                         std::size_t reason_len, double now) {
  return heap_reply(escalation_at(escalation).reject(heap_text(code, code_len), heap_text(message, message_len),
                                                     heap_text(reason, reason_len), now));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_confirm(std::uintptr_t escalation, int yes, double now) {
  return heap_reply(escalation_at(escalation).confirm(yes != 0, now));
}
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_tick(std::uintptr_t escalation, double now) {
  return heap_reply(escalation_at(escalation).tick(now));
}
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_resume(std::uintptr_t escalation, double now) {
  return heap_reply(escalation_at(escalation).resume(now));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_receive(std::uintptr_t escalation, std::uintptr_t response,
                                                          std::size_t response_len, double now) {
  return heap_reply(escalation_at(escalation).receive(heap_text(response, response_len), now));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_record(std::uintptr_t escalation) {
  return heap_reply(escalation_at(escalation).record());
}
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_snapshot(std::uintptr_t escalation) {
  return heap_reply(escalation_at(escalation).snapshot());
}
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_phase(std::uintptr_t escalation) {
  return heap_reply(escalation_at(escalation).phase());
}
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_escalation_restore(std::uintptr_t escalation, std::uintptr_t snapshot,
                                                          std::size_t snapshot_len) {
  return heap_reply(escalation_at(escalation).restore(heap_text(snapshot, snapshot_len)));
}

}  // extern "C"
