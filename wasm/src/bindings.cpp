// Embind surface of the core. Deliberately thin and coarse: whole JSON documents in, one
// JSON document out, errors as {"error": {code, message, ...}} values. The JS façade
// (wasm/js/index.mjs) turns them into typed objects and Error subclasses. The only things
// this file adds to the core are the host facilities the core must not have: a clock and
// randomness for JSONata's guards and $now/$random.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <memory>
#include <string>

#include "ticketbridge/categories.hpp"
#include "ticketbridge/config.hpp"
#include "ticketbridge/conversation.hpp"
#include "ticketbridge/escalation.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/outputs.hpp"
#include "ticketbridge/transcript_redaction.hpp"
#include "host_calls.hpp"

namespace {

using json = nlohmann::json;
using tb::dump_json;

EM_JS(double, host_date_now, (), { return Date.now(); });
EM_JS(double, host_random, (), { return Math.random(); });

json error_json(const tb::Error& e) {
  json out = {{"code", e.code}, {"message", e.message}};
  if (!e.path.empty()) out["path"] = e.path;
  if (e.position >= 0) out["position"] = e.position;
  if (e.line > 0) out["line"] = e.line;
  if (e.column > 0) out["column"] = e.column;
  if (!e.token.empty() && !e.token_is_literal) out["token"] = e.token;
  return out;
}

// {"error": {...}}. JSONata's offending `value` is spliced in as the engine wrote it: it may
// hold a lone surrogate escape ("\ud800"), which JavaScript reads but nlohmann cannot.
std::string error_text(const tb::Error& e) {
  std::string text = dump_json(json{{"error", error_json(e)}});
  if (!e.value_json.empty()) text.insert(text.size() - 2, ",\"value\":" + e.value_json);
  // A number / true / false / null token is JSON text already, as the reference types it.
  if (e.token_is_literal) text.insert(text.size() - 2, ",\"token\":" + e.token);
  return text;
}

// Large inputs (response bodies, CSV files, conversations) arrive as (pointer, length) into
// the module's heap, filled by the façade with TextEncoder.encodeInto / Uint8Array.set:
// Embind's std::string conversion copies byte by byte in JavaScript, which cost more than
// the work done on the text.
std::string_view heap_text(std::uintptr_t ptr, std::size_t len) {
  return len == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(ptr), len);
}

json parse_or_null(const std::string& text, const char* prefix, std::size_t limit, std::string& err) {
  auto r = tb::parse_json(text, prefix, limit);
  if (!r) {
    err = error_text(r.error());
    return nullptr;
  }
  return std::move(r).value();
}

class ConfigBinding {
 public:
  explicit ConfigBinding(const std::string& text) : tokens_(std::make_shared<tb::TokenCache>()) {
    tb::ConfigProblems problems;
    auto r = tb::load_config(text, &problems);
    if (r) {
      config_ = r.value();
      redact_.add_all(config_->secrets);
      return;
    }
    json all = json::array();
    for (const auto& e : problems.errors) all.push_back(error_json(e));
    json out = {{"error", error_json(r.error())}};
    out["error"]["errors"] = all;
    error_ = dump_json(out);
  }

  std::string error() const { return error_; }

  std::string summary() const {
    if (!config_) return error_;
    json calls = json::object();
    for (const auto& [name, call] : config_->api_calls) {
      json outputs = json::array();
      for (const auto& o : call.outputs) outputs.push_back(o.name);
      json params = json::array();
      for (const auto& p : call.parameters) params.push_back({{"name", p.name}, {"required", p.required}, {"description", p.description}});
      calls[name] = {{"method", call.method}, {"credential", call.credential}, {"parameters", params}, {"outputs", outputs}};
    }
    json creds = json::object();
    for (const auto& [name, c] : config_->credentials) creds[name] = {{"baseUrl", c.base_url}};
    json out = {{"credentials", creds}, {"apiCalls", calls}};
    if (config_->escalation) {
      out["escalation"] = {{"apiCall", config_->escalation->create.api_call},
                           {"lookupApiCall", config_->escalation->lookup ? json(config_->escalation->lookup->api_call) : json(nullptr)},
                           {"fallbackUrl", config_->escalation->fallback_url}};
    }
    return dump_json(out);
  }

  // The request an API call would send: display form (secrets masked) and wire form.
  std::string render(const std::string& call, const std::string& params_json, const std::string& token) const {
    if (!config_) return error_;
    std::string err;
    json params = params_json.empty() ? json::object() : parse_or_null(params_json, "PARAMS", tb::kMaxConversationBytes, err);
    if (!err.empty()) return err;
    auto req = tb::build_call_request(*config_, call, params, token);
    if (!req) return error_text(req.error());
    tb::SecretMasker redact = redact_;
    redact.add(token);
    return dump_json({{"request", tb::request_to_json(req.value(), redact)},
                      {"wire", tb::request_to_json(req.value(), tb::SecretMasker())}});
  }

  // The OAuth2 token request for the call's credential, or {"none": true}.
  std::string token_request(const std::string& call_name) const {
    if (!config_) return error_;
    const tb::ApiCall* call = config_->api_call(call_name);
    if (!call) return error_text(tb::make_error("CONFIG_UNKNOWN_API_CALL", "API call '" + call_name + "' is not defined"));
    const tb::Credential* cred = config_->credential(call->credential);
    if (cred->auth.type != tb::AuthType::OAuth2ClientCredentials) return R"({"none":true})";
    tb::HttpRequest req = tb::build_token_request(*cred);
    req.purpose = "token";
    return dump_json({{"request", tb::request_to_json(req, redact_)}, {"wire", tb::request_to_json(req, tb::SecretMasker())}});
  }

  std::string outputs(const std::string& call_name, std::uintptr_t body_ptr, std::size_t body_len) const {
    const std::string_view body = heap_text(body_ptr, body_len);
    if (!config_) return error_;
    const tb::ApiCall* call = config_->api_call(call_name);
    if (!call) return error_text(tb::make_error("CONFIG_UNKNOWN_API_CALL", "API call '" + call_name + "' is not defined"));
    auto values = tb::evaluate_outputs(*call, body, tb::output_limits(*config_));
    if (!values) return error_text(values.error());
    return dump_json({{"outputs", tb::outputs_to_json(values.value())}});
  }

  // Masks every configured secret (and `extra`, e.g. a token) in a text the host shows.
  std::string redact(const std::string& text, const std::string& extra) const {
    tb::SecretMasker r = redact_;
    r.add(extra);
    return r(text);
  }

  std::shared_ptr<const tb::Config> config() const { return config_; }
  std::shared_ptr<tb::TokenCache> tokens() const { return tokens_; }

 private:
  std::shared_ptr<const tb::Config> config_;
  std::shared_ptr<tb::TokenCache> tokens_;
  tb::SecretMasker redact_;
  std::string error_;
};

// The admin's category list: imports are all-or-nothing, so a rejected file leaves the
// list in force untouched.
class CategoriesBinding {
 public:
  std::string replace_from_csv(std::uintptr_t csv_ptr, std::size_t csv_len, const std::string& options_json) {
    const std::string_view csv = heap_text(csv_ptr, csv_len);
    auto options = import_options(options_json);
    if (!options) return error_text(options.error());
    return dump_json(tb::import_report_to_json(store_.replace_from_csv(csv, options.value())));
  }

  std::string list() const {
    json pairs = json::array();
    for (const auto& p : store_.list().pairs) pairs.push_back({{"category", p.category}, {"subCategory", p.sub_category}});
    return dump_json({{"pairs", pairs}, {"generation", store_.generation()}});
  }

  std::string classify(std::uintptr_t conv_ptr, std::size_t conv_len, const std::string& options_json) const {
    const std::string_view conversation = heap_text(conv_ptr, conv_len);
    auto conv = tb::parse_conversation(conversation);
    if (!conv) return error_text(conv.error());
    std::string err;
    json o = options_json.empty() ? json() : parse_or_null(options_json, "OPTIONS", 1u << 20, err);
    if (!err.empty()) return err;
    auto options = tb::classify_options_from_json(o);
    if (!options) return error_text(options.error());
    return dump_json(tb::classification_to_json(tb::classify(conv.value(), store_.list(), options.value())));
  }

  std::string resolve(const std::string& category, const std::string& sub_category) const {
    auto r = tb::resolve({category, sub_category}, store_.list());
    if (!r) return error_text(r.error());
    return dump_json({{"category", r.value().category}, {"subCategory", r.value().sub_category}});
  }

  const tb::CategoryList& categories() const { return store_.list(); }

  static tb::Result<tb::CsvImportOptions> import_options(const std::string& options_json) {
    if (options_json.empty()) return tb::CsvImportOptions{};
    auto o = tb::parse_json(options_json, "OPTIONS", 1u << 16);
    if (!o) return std::move(o).error();
    return tb::csv_import_options_from_json(o.value());
  }

 private:
  tb::CategoryStore store_;
};

// A pure import: the report, without keeping anything.
std::string import_categories(std::uintptr_t csv_ptr, std::size_t csv_len, const std::string& options_json) {
  const std::string_view csv = heap_text(csv_ptr, csv_len);
  auto options = CategoriesBinding::import_options(options_json);
  if (!options) return error_text(options.error());
  return dump_json(tb::import_report_to_json(tb::import_categories_csv(csv, options.value())));
}

class EscalationBinding {
 public:
  explicit EscalationBinding(const ConfigBinding& cfg) : config_(cfg.config()), tokens_(cfg.tokens()) {
    if (config_) machine_ = std::make_unique<tb::Escalation>(config_, tokens_);
  }

  std::string start(std::uintptr_t conv_ptr, std::size_t conv_len, const std::string& reason, double now,
                    const std::string& options) {
    const std::string_view conversation = heap_text(conv_ptr, conv_len);
    if (!machine_) return not_loaded();
    auto conv = tb::parse_conversation(conversation);
    if (!conv) return out(machine_->reject(conv.error(), reason, now));  // the employee still gets an answer
    tb::StartOptions o;
    if (!options.empty()) {
      std::string err;
      json opts = parse_or_null(options, "OPTIONS", 1u << 20, err);
      if (!err.empty()) return err;
      if (auto it = opts.find("seed"); it != opts.end() && it->is_number()) o.seed = static_cast<std::uint64_t>(it->get<double>());
      if (auto it = opts.find("category"); it != opts.end() && it->is_string()) o.category = it->get<std::string>();
      if (auto it = opts.find("subCategory"); it != opts.end() && it->is_string()) o.sub_category = it->get<std::string>();
      if (auto it = opts.find("setAside"); it != opts.end() && it->is_string()) o.set_aside = it->get<std::string>();
      if (auto it = opts.find("storeUnavailable"); it != opts.end() && it->is_boolean()) o.store_unavailable = it->get<bool>();
    }
    if (!categories_.pairs.empty()) o.categories = &categories_;
    return out(machine_->start(conv.value(), reason, now, o));
  }
  // The category list the next start() resolves proposals against and classifies with.
  void set_categories(const CategoriesBinding& categories) { categories_ = categories.categories(); }

  // A conversation the host could not even hand over (too large to copy in).
  std::string reject(const std::string& code, const std::string& message, const std::string& reason, double now) {
    return machine_ ? out(machine_->reject(tb::make_error(code, message), reason, now)) : not_loaded();
  }

  std::string confirm(bool yes, double now) { return machine_ ? out(machine_->confirm(yes, now)) : not_loaded(); }
  std::string tick(double now) { return machine_ ? out(machine_->tick(now)) : not_loaded(); }
  std::string resume(double now) { return machine_ ? out(machine_->resume(now)) : not_loaded(); }

  std::string receive(std::uintptr_t resp_ptr, std::size_t resp_len, double now) {
    const std::string_view response = heap_text(resp_ptr, resp_len);
    if (!machine_) return not_loaded();
    auto doc = tb::parse_json(response, "RESPONSE", tb::kMaxResponseBytes * 2 + 65536);
    if (!doc) return error_text(doc.error());
    auto resp = tb::response_from_json(doc.value());
    if (!resp) return error_text(resp.error());
    return out(machine_->receive(resp.value(), now));
  }

  std::string record() const { return machine_ ? dump_json(tb::record_to_json(machine_->record())) : not_loaded(); }
  std::string snapshot() const { return machine_ ? dump_json(machine_->snapshot()) : not_loaded(); }
  std::string phase() const { return machine_ ? tb::phase_name(machine_->phase()) : "idle"; }

  // Replaces this machine's state by a snapshot's; "" on success.
  std::string restore(const std::string& snapshot) {
    if (!config_) return not_loaded();
    auto doc = tb::parse_json(snapshot, "SNAPSHOT", 8u << 20);
    if (!doc) return error_text(doc.error());
    auto r = tb::Escalation::restore(config_, doc.value(), tokens_);
    if (!r) return error_text(r.error());
    machine_ = std::make_unique<tb::Escalation>(std::move(r).value());
    return "";
  }

 private:
  std::string out(const tb::Result<tb::Action>& r) const {
    if (!r) return error_text(r.error());
    return dump_json(tb::action_to_json(r.value(), machine_->redactor(), true));
  }
  static std::string not_loaded() {
    return error_text(tb::make_error("CONFIG_NOT_LOADED", "the configuration did not load"));
  }
  std::shared_ptr<const tb::Config> config_;
  std::shared_ptr<tb::TokenCache> tokens_;
  std::unique_ptr<tb::Escalation> machine_;
  tb::CategoryList categories_;
};

// The Output tab's default time limit runs on the page's / process's monotonic clock.
const bool default_clock_set = [] {
  tb::jsonata::set_default_clock([] { return emscripten_get_now(); });
  return true;
}();

// The host facilities of every evaluation, made once: building three std::functions per call
// was a measurable part of a small evaluation.
const tb::jsonata::Limits& host_limits() {
  static const tb::jsonata::Limits limits = [] {
    tb::jsonata::Limits l;
    l.clock = [] { return emscripten_get_now(); };
    l.wall_clock_ms = [] { return host_date_now(); };
    l.random = [] { return host_random(); };
    return l;
  }();
  return limits;
}

// JSON text parsed once inside the module, for evaluating several expressions (or one many
// times) over the same input without copying and parsing it on every call.
class DocumentBinding {
 public:
  DocumentBinding(std::uintptr_t text_ptr, std::size_t text_len) {
    auto d = tb::jsonata::Document::parse(heap_text(text_ptr, text_len));
    if (d) doc_ = std::move(d).value();
    else error_ = error_text(d.error());
  }
  std::string error() const { return error_; }
  const tb::jsonata::Document& doc() const { return doc_; }
  // Handed to tb_expression_run_document as a number (see ExpressionBinding::address).
  std::uintptr_t address() const { return reinterpret_cast<std::uintptr_t>(this); }

 private:
  tb::jsonata::Document doc_;
  std::string error_;
};

class ExpressionBinding {
 public:
  explicit ExpressionBinding(const std::string& source) {
    auto r = tb::jsonata::Expression::compile(source);
    if (r) expr_ = std::move(r).value();
    else error_ = error_text(r.error());
  }
  std::string error() const { return error_; }
  // The members of its input the expression can reach (null: all), for the facade to hand
  // over only those of a JavaScript object input.
  std::string plan() const { return expr_.input_plan_json(); }

  // The hot path does not go through Embind at all: the facade calls the plain exports
  // tb_expression_run / tb_expression_run_document below with this address and numbers, a
  // direct WASM call (Embind's method invoker and argument checks cost as much as a small
  // evaluation). Only the facade, which holds this object, uses it.
  std::uintptr_t address() const { return reinterpret_cast<std::uintptr_t>(this); }

  // Input and bindings are JSON text in the heap (length 0 = none), max_depth < 0 and
  // time_limit_ms <= 0 keep the defaults. The answer stays in this object until the next
  // call; the return value points at {tag, pointer, length}, tag 'v' (JSON text of the
  // value), 'u' (undefined) or 'e' (error JSON), and the facade decodes it.
  std::uintptr_t run(std::uintptr_t input_ptr, std::size_t input_len, std::uintptr_t bindings_ptr,
                     std::size_t bindings_len, int max_depth, double time_limit_ms) const {
    if (!error_.empty()) return reply('e', error_);
    if (max_depth >= 0 || time_limit_ms > 0) {
      const tb::jsonata::Limits limits = custom_limits(max_depth, time_limit_ms);
      return answer(expr_.evaluate_json(heap_text(input_ptr, input_len), heap_text(bindings_ptr, bindings_len), limits));
    }
    return answer(expr_.evaluate_json(heap_text(input_ptr, input_len), heap_text(bindings_ptr, bindings_len), host_limits()));
  }

  // run() with JavaScript functions lent to the evaluation (`hosts`: JSON text of
  // [{name, signature, arity}], see host_calls.hpp); the same reply. Kept apart from run()
  // so the hot path never builds a function list.
  std::uintptr_t run_hosted(std::uintptr_t input_ptr, std::size_t input_len, std::uintptr_t bindings_ptr,
                            std::size_t bindings_len, std::uintptr_t hosts_ptr, std::size_t hosts_len, int max_depth,
                            double time_limit_ms) const {
    if (!error_.empty()) return reply('e', error_);
    std::string list_error;
    const auto hosts = tbwasm::host_functions_from_json(heap_text(hosts_ptr, hosts_len), list_error);
    if (!list_error.empty()) return reply('e', list_error);
    tb::jsonata::Limits limits = custom_limits(max_depth, time_limit_ms);
    limits.host_functions = &hosts;
    return answer(expr_.evaluate_json(heap_text(input_ptr, input_len), heap_text(bindings_ptr, bindings_len), limits));
  }

  // run() over a Document parsed earlier; the same reply.
  std::uintptr_t run_document(const DocumentBinding& input, std::uintptr_t bindings_ptr, std::size_t bindings_len,
                              int max_depth, double time_limit_ms) const {
    if (!error_.empty()) return reply('e', error_);
    if (!input.error().empty()) return reply('e', input.error());
    if (max_depth >= 0 || time_limit_ms > 0) {
      const tb::jsonata::Limits limits = custom_limits(max_depth, time_limit_ms);
      return evaluate_document(input, bindings_ptr, bindings_len, limits);
    }
    return evaluate_document(input, bindings_ptr, bindings_len, host_limits());
  }

 private:
  // The shared host limits with the caller's depth / time limit over them. Only built when
  // asked for: a Limits holds three std::functions, a cost on every call of the hot path.
  static tb::jsonata::Limits custom_limits(int max_depth, double time_limit_ms) {
    tb::jsonata::Limits custom = host_limits();
    if (max_depth >= 0) custom.max_depth = max_depth;
    if (time_limit_ms > 0) custom.time_limit_ms = time_limit_ms;
    return custom;
  }

  std::uintptr_t evaluate_document(const DocumentBinding& input, std::uintptr_t bindings_ptr, std::size_t bindings_len,
                                   const tb::jsonata::Limits& limits) const {
    if (bindings_len == 0) return answer(expr_.evaluate(input.doc(), nullptr, limits));
    auto b = tb::jsonata::Document::parse(heap_text(bindings_ptr, bindings_len));
    if (!b) return reply('e', error_text(b.error()));
    return answer(expr_.evaluate(input.doc(), &b.value(), limits));
  }

  std::uintptr_t answer(tb::Result<tb::jsonata::Output>&& r) const {
    if (!r) return reply('e', error_text(r.error()));
    if (!r.value().defined) return reply('u', std::string());
    return reply('v', std::move(r.value().json));
  }

  std::uintptr_t reply(char tag, std::string text) const {
    reply_text_ = std::move(text);
    reply_[0] = static_cast<std::uint32_t>(tag);
    reply_[1] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(reply_text_.data()));
    reply_[2] = static_cast<std::uint32_t>(reply_text_.size());
    return reinterpret_cast<std::uintptr_t>(reply_);
  }

  tb::jsonata::Expression expr_;
  std::string error_;
  mutable std::string reply_text_;
  mutable std::uint32_t reply_[3] = {0, 0, 0};
};

// Transcript redaction on its own (the escalation applies it when the config asks for it).
std::string redact_text(std::uintptr_t text_ptr, std::size_t text_len, const std::string& options_json) {
  json options = json::object();
  if (!options_json.empty()) {
    auto o = tb::parse_json(options_json, "OPTIONS", 1u << 20);
    if (!o) return error_text(o.error());
    options = std::move(o).value();
  }
  auto parsed = tb::redaction_options_from_json(options);
  if (!parsed) return error_text(parsed.error());
  return dump_json(tb::redaction_result_to_json(tb::redact_text(heap_text(text_ptr, text_len), parsed.value())));
}

std::string version() { return "0.1.0"; }

std::string escalation_key_of(const std::string& conversation_id) { return tb::escalation_key(conversation_id); }

}  // namespace

// The evaluation entry points, called by the facade with the addresses of an Expression (and
// a Document) it holds. A null expression resolves Emscripten's lazy export wrapper once at
// load time, so the facade can keep the raw export.
extern "C" {

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_run(std::uintptr_t expression, std::uintptr_t input_ptr,
                                                      std::size_t input_len, std::uintptr_t bindings_ptr,
                                                      std::size_t bindings_len, int max_depth, double time_limit_ms) {
  if (!expression) return 0;
  return reinterpret_cast<const ExpressionBinding*>(expression)
      ->run(input_ptr, input_len, bindings_ptr, bindings_len, max_depth, time_limit_ms);
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_run_hosted(std::uintptr_t expression, std::uintptr_t input_ptr,
                                                             std::size_t input_len, std::uintptr_t bindings_ptr,
                                                             std::size_t bindings_len, std::uintptr_t hosts_ptr,
                                                             std::size_t hosts_len, int max_depth, double time_limit_ms) {
  if (!expression) return 0;
  return reinterpret_cast<const ExpressionBinding*>(expression)
      ->run_hosted(input_ptr, input_len, bindings_ptr, bindings_len, hosts_ptr, hosts_len, max_depth, time_limit_ms);
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_expression_run_document(std::uintptr_t expression, std::uintptr_t document,
                                                               std::uintptr_t bindings_ptr, std::size_t bindings_len,
                                                               int max_depth, double time_limit_ms) {
  if (!expression || !document) return 0;
  return reinterpret_cast<const ExpressionBinding*>(expression)
      ->run_document(*reinterpret_cast<const DocumentBinding*>(document), bindings_ptr, bindings_len, max_depth,
                     time_limit_ms);
}

}  // extern "C"

EMSCRIPTEN_BINDINGS(ticketbridge) {
  using namespace emscripten;
  function("version", &version);
  function("escalationKey", &escalation_key_of);
  function("redactText", &redact_text);
  class_<ConfigBinding>("Config")
      .constructor<const std::string&>()
      .function("error", &ConfigBinding::error)
      .function("summary", &ConfigBinding::summary)
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
  class_<ExpressionBinding>("Expression")
      .constructor<const std::string&>()
      .function("error", &ExpressionBinding::error)
      .function("plan", &ExpressionBinding::plan)
      .function("address", &ExpressionBinding::address);
  class_<DocumentBinding>("Document")
      .constructor<std::uintptr_t, std::size_t>()
      .function("error", &DocumentBinding::error)
      .function("address", &DocumentBinding::address);
}
