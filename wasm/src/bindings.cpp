// Embind surface of the product core: registration and conversion only. Every method answers
// with one reply (ticketbridge/reply.hpp: {"ok":true,"value":...} or {"ok":false,"error":...}),
// decoded in one place by the façade (wasm/js/core.mjs, unwrap); a category import leaves its
// reply in the heap instead of returning a string (heap_reply). Constructors take no input
// that can fail; an object is filled by a method that replies. The JSONata engine's surface,
// with its measured hot path, is in jsonata_bindings.cpp.
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/categories.hpp"
#include "ticketbridge/config.hpp"
#include "ticketbridge/config_summary.hpp"
#include "ticketbridge/conversation.hpp"
#include "ticketbridge/escalation.hpp"
#include "ticketbridge/host_limits.hpp"
#include "ticketbridge/http_text.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/options_text.hpp"
#include "ticketbridge/reply.hpp"
#include "ticketbridge/start_options_json.hpp"
#include "ticketbridge/test_call.hpp"
#include "ticketbridge/transcript_redaction.hpp"

namespace {

using json = nlohmann::json;
using tb::reply_error;
using tb::reply_value;

// Large inputs (response bodies, CSV files, conversations) arrive as (pointer, length) into
// the module's heap, filled by the façade with TextEncoder.encodeInto / Uint8Array.set:
// Embind's std::string conversion copies byte by byte in JavaScript, which cost more than
// the work done on the text.
std::string_view heap_text(std::uintptr_t ptr, std::size_t len) {
  return len == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(ptr), len);
}

std::string not_loaded() { return reply_error(tb::make_error("CONFIG_NOT_LOADED", "the configuration did not load")); }

class ConfigBinding {
 public:
  ConfigBinding() : tokens_(std::make_shared<tb::TokenCache>()) {}

  // The summary, or every problem found.
  std::string load(const std::string& text) {
    tb::ConfigProblems problems;
    auto r = tb::load_config(text, &problems);
    if (!r) return tb::reply_errors(r.error(), problems.errors);
    config_ = r.value();
    redact_ = tb::SecretMasker(config_->secrets);
    return reply_value(tb::config_summary_json(*config_));
  }

  std::string render(const std::string& call, std::uintptr_t params_ptr, std::size_t params_len,
                     const std::string& token) const {
    if (!config_) return not_loaded();
    auto params = tb::call_params_from_text(heap_text(params_ptr, params_len));
    if (!params) return reply_error(params.error());
    auto req = tb::build_call_request(*config_, call, params.value(), token);
    if (!req) return reply_error(req.error());
    tb::SecretMasker redact = redact_;
    redact.add(token);
    return tb::reply_json_text(tb::request_pair_text(req.value(), redact));
  }

  std::string token_request(const std::string& call) const {
    if (!config_) return not_loaded();
    auto req = tb::token_request_for(*config_, call);
    if (!req) return reply_error(req.error());
    return req.value() ? tb::reply_json_text(tb::request_pair_text(*req.value(), redact_)) : tb::reply_done();
  }

  std::string outputs(const std::string& call, std::uintptr_t body_ptr, std::size_t body_len) const {
    if (!config_) return not_loaded();
    return tb::reply_result(tb::preview_outputs(*config_, call, heap_text(body_ptr, body_len)),
                            [](const json& v) { return v; });
  }

  std::string redact(const std::string& text, const std::string& extra) const {
    tb::SecretMasker r = redact_;
    r.add(extra);
    return reply_value(json(r(text)));
  }

  std::shared_ptr<const tb::Config> config() const { return config_; }
  std::shared_ptr<tb::TokenCache> tokens() const { return tokens_; }

 private:
  std::shared_ptr<const tb::Config> config_;
  std::shared_ptr<tb::TokenCache> tokens_;
  tb::SecretMasker redact_;
};

// The reply of a category import, left in the module's heap for the façade to read
// (heapReply in wasm/js/categories.mjs) and kept until the next import replaces it: the
// address of {pointer, length}. The report grows with the file (15 KB for 1,000 rows), and
// Embind's std::string return copied it out byte by byte in JavaScript, where TextDecoder
// reads it at once.
std::uintptr_t heap_reply(std::string text) {
  static std::string kept;
  static std::uint32_t words[2];
  kept = std::move(text);
  words[0] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(kept.data()));
  words[1] = static_cast<std::uint32_t>(kept.size());
  return reinterpret_cast<std::uintptr_t>(words);
}

std::uintptr_t import_reply(const tb::ImportReport& report) {
  return heap_reply(tb::reply_json_text(tb::import_report_json_text(report)));
}

tb::Result<tb::CsvImportOptions> import_options(const std::string& options_json) {
  auto o = tb::options_from_text(options_json);
  if (!o) return std::move(o).error();
  return tb::csv_import_options_from_json(o.value());
}

class CategoriesBinding {
 public:
  std::uintptr_t replace_from_csv(std::uintptr_t csv_ptr, std::size_t csv_len, const std::string& options_json) {
    auto options = import_options(options_json);
    if (!options) return heap_reply(reply_error(options.error()));
    return import_reply(store_.replace_from_csv(heap_text(csv_ptr, csv_len), options.value()));
  }

  std::string list() const {
    json pairs = json::array();
    for (const auto& p : store_.list().pairs) pairs.push_back({{"category", p.category}, {"subCategory", p.sub_category}});
    return reply_value({{"pairs", pairs}, {"generation", store_.generation()}});
  }

  std::string classify(std::uintptr_t conv_ptr, std::size_t conv_len, const std::string& options_json) const {
    auto conv = tb::parse_conversation(heap_text(conv_ptr, conv_len));
    if (!conv) return reply_error(conv.error());
    auto o = tb::options_from_text(options_json);
    if (!o) return reply_error(o.error());
    auto options = tb::classify_options_from_json(o.value());
    if (!options) return reply_error(options.error());
    return reply_value(tb::classification_to_json(tb::classify(conv.value(), store_.list(), options.value())));
  }

  std::string resolve(const std::string& category, const std::string& sub_category) const {
    return tb::reply_result(tb::resolve({category, sub_category}, store_.list()), [](const tb::CategoryPair& p) {
      return json{{"category", p.category}, {"subCategory", p.sub_category}};
    });
  }

  const tb::CategoryList& categories() const { return store_.list(); }

 private:
  tb::CategoryStore store_;
};

// A pure import: the report, without keeping anything.
std::uintptr_t import_categories(std::uintptr_t csv_ptr, std::size_t csv_len, const std::string& options_json) {
  auto options = import_options(options_json);
  if (!options) return heap_reply(reply_error(options.error()));
  return import_reply(tb::import_categories_csv(heap_text(csv_ptr, csv_len), options.value()));
}

class EscalationBinding {
 public:
  explicit EscalationBinding(const ConfigBinding& cfg) : config_(cfg.config()), tokens_(cfg.tokens()) {
    if (config_) machine_ = std::make_unique<tb::Escalation>(config_, tokens_);
  }

  std::string start(std::uintptr_t conv_ptr, std::size_t conv_len, const std::string& reason, double now,
                    const std::string& options_json) {
    if (!machine_) return not_loaded();
    auto conv = tb::parse_conversation(heap_text(conv_ptr, conv_len));
    if (!conv) return out(machine_->reject(conv.error(), reason, now));  // the employee still gets an answer
    auto options = tb::start_options_from_text(options_json);
    if (!options) return reply_error(options.error());
    if (!categories_.pairs.empty()) options.value().categories = &categories_;
    return out(machine_->start(conv.value(), reason, now, options.value()));
  }

  // The category list the next start() resolves proposals against and classifies with.
  std::string set_categories(const CategoriesBinding& categories) {
    categories_ = categories.categories();
    return tb::reply_done();
  }

  // A conversation the host could not even hand over (too large to copy in).
  std::string reject(const std::string& code, const std::string& message, const std::string& reason, double now) {
    return machine_ ? out(machine_->reject(tb::make_error(code, message), reason, now)) : not_loaded();
  }

  std::string confirm(bool yes, double now) { return machine_ ? out(machine_->confirm(yes, now)) : not_loaded(); }
  std::string tick(double now) { return machine_ ? out(machine_->tick(now)) : not_loaded(); }
  std::string resume(double now) { return machine_ ? out(machine_->resume(now)) : not_loaded(); }

  std::string receive(std::uintptr_t resp_ptr, std::size_t resp_len, double now) {
    if (!machine_) return not_loaded();
    auto resp = tb::response_from_text(heap_text(resp_ptr, resp_len));
    if (!resp) return reply_error(resp.error());
    return out(machine_->receive(resp.value(), now));
  }

  std::string record() const { return machine_ ? reply_value(tb::record_to_json(machine_->record())) : not_loaded(); }
  // The snapshot travels as a string: the host stores its text as the core wrote it.
  std::string snapshot() const { return machine_ ? reply_value(json(tb::dump_json(machine_->snapshot()))) : not_loaded(); }
  std::string phase() const { return reply_value(json(machine_ ? tb::phase_name(machine_->phase()) : "idle")); }

  // Replaces this machine's state by a snapshot's.
  std::string restore(const std::string& snapshot) {
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

// The Test panel's flow (ticketbridge/test_call.hpp); the façade loops it with fetch.
class TestCallBinding {
 public:
  explicit TestCallBinding(const ConfigBinding& cfg) : config_(cfg.config()) {}

  std::string start(const std::string& call, const std::string& params_json, double now) {
    if (!config_) return not_loaded();
    auto flow = tb::TestCall::create(config_, call, params_json);
    if (!flow) return reply_error(flow.error());
    flow_.emplace(std::move(flow).value());
    return step(flow_->start(now));
  }

  std::string receive(std::uintptr_t resp_ptr, std::size_t resp_len, double now) {
    if (!flow_) return reply_error(tb::make_error("PROTOCOL_NOT_STARTED", "the test call has not been started"));
    auto resp = tb::response_from_text(heap_text(resp_ptr, resp_len));
    if (!resp) return reply_error(resp.error());
    return step(flow_->receive(resp.value(), now));
  }

 private:
  static std::string step(const tb::Result<tb::TestCallStep>& r) {
    if (!r) return reply_error(r.error());
    return tb::reply_json_text(tb::test_call_step_json(r.value()));
  }
  std::shared_ptr<const tb::Config> config_;
  std::optional<tb::TestCall> flow_;
};

// Transcript redaction on its own (the escalation applies it when the config asks for it).
std::string redact_text(std::uintptr_t text_ptr, std::size_t text_len, const std::string& options_json) {
  auto o = tb::options_from_text(options_json);
  if (!o) return reply_error(o.error());
  auto parsed = tb::redaction_options_from_json(o.value().is_null() ? json::object() : o.value());
  if (!parsed) return reply_error(parsed.error());
  return reply_value(tb::redaction_result_to_json(tb::redact_text(heap_text(text_ptr, text_len), parsed.value())));
}

std::string limits() { return reply_value(tb::host_limits_json()); }
std::string escalation_key_of(const std::string& conversation_id) { return reply_value(json(tb::escalation_key(conversation_id))); }

}  // namespace

EMSCRIPTEN_BINDINGS(ticketbridge) {
  using namespace emscripten;
  function("limits", &limits);
  function("escalationKey", &escalation_key_of);
  function("redactText", &redact_text);
  class_<ConfigBinding>("Config")
      .constructor<>()
      .function("load", &ConfigBinding::load)
      .function("render", &ConfigBinding::render)
      .function("tokenRequest", &ConfigBinding::token_request)
      .function("outputs", &ConfigBinding::outputs)
      .function("redact", &ConfigBinding::redact);
  function("importCategories", &import_categories);
  class_<CategoriesBinding>("Categories")
      .constructor<>()
      .function("replaceFromCsv", &CategoriesBinding::replace_from_csv)
      .function("list", &CategoriesBinding::list)
      .function("classify", &CategoriesBinding::classify)
      .function("resolve", &CategoriesBinding::resolve);
  class_<EscalationBinding>("Escalation")
      .constructor<const ConfigBinding&>()
      .function("setCategories", &EscalationBinding::set_categories)
      .function("start", &EscalationBinding::start)
      .function("confirm", &EscalationBinding::confirm)
      .function("receive", &EscalationBinding::receive)
      .function("tick", &EscalationBinding::tick)
      .function("resume", &EscalationBinding::resume)
      .function("record", &EscalationBinding::record)
      .function("snapshot", &EscalationBinding::snapshot)
      .function("phase", &EscalationBinding::phase)
      .function("restore", &EscalationBinding::restore)
      .function("reject", &EscalationBinding::reject);
  class_<TestCallBinding>("TestCall")
      .constructor<const ConfigBinding&>()
      .function("start", &TestCallBinding::start)
      .function("receive", &TestCallBinding::receive);
}
