// The category list's exports (tb_categories_*) and the pure import (tb_import_categories):
// importing the admin's CSV, listing, classifying a conversation, resolving a proposed pair.
// Texts cross as heap_io.hpp says; every call answers with the address of a reply record.
#include <emscripten/emscripten.h>

#include <utility>

#include "categories_binding.hpp"
#include "handles.hpp"
#include "heap_io.hpp"
#include "ticketbridge/conversation.hpp"
#include "ticketbridge/options_text.hpp"
#include "ticketbridge/reply.hpp"

namespace tbwasm {

using json = nlohmann::json;
using tb::reply_error;
using tb::reply_value;

namespace {

std::uintptr_t import_reply(const tb::ImportReport& report) {
  return heap_reply(tb::reply_json_text(tb::import_report_json_text(report)));
}

tb::Result<tb::CsvImportOptions> import_options(std::string_view options_json) {
  auto o = tb::options_from_text(options_json);
  if (!o) return std::move(o).error();
  return tb::csv_import_options_from_json(o.value());
}

}  // namespace

std::uintptr_t CategoriesBinding::replace_from_csv(std::string_view csv, std::string_view options_json) {
  auto options = import_options(options_json);
  if (!options) return heap_reply(reply_error(options.error()));
  return import_reply(store_.replace_from_csv(csv, options.value()));
}

std::string CategoriesBinding::list() const {
  json pairs = json::array();
  for (const auto& p : store_.list().pairs) pairs.push_back({{"category", p.category}, {"subCategory", p.sub_category}});
  return reply_value({{"pairs", pairs}, {"generation", store_.generation()}});
}

std::string CategoriesBinding::classify(std::string_view conversation, std::string_view options_json) const {
  auto conv = tb::parse_conversation(conversation);
  if (!conv) return reply_error(conv.error());
  auto o = tb::options_from_text(options_json);
  if (!o) return reply_error(o.error());
  auto options = tb::classify_options_from_json(o.value());
  if (!options) return reply_error(options.error());
  return reply_value(tb::classification_to_json(tb::classify(conv.value(), store_.list(), options.value())));
}

std::string CategoriesBinding::resolve(std::string_view category, std::string_view sub_category) const {
  const tb::CategoryPair proposal{std::string(category), std::string(sub_category)};
  return tb::reply_result(tb::resolve(proposal, store_.list()), [](const tb::CategoryPair& p) {
    return json{{"category", p.category}, {"subCategory", p.sub_category}};
  });
}

}  // namespace tbwasm

namespace {

using tbwasm::CategoriesBinding;
using tbwasm::heap_reply;
using tbwasm::heap_text;

CategoriesBinding& categories_at(std::uintptr_t at) { return tbwasm::object_at<CategoriesBinding>(at); }

}  // namespace

extern "C" {

// A pure import: the report, without keeping anything.
EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_import_categories(std::uintptr_t csv, std::size_t csv_len,
                                                         std::uintptr_t options, std::size_t options_len) {
  auto o = tbwasm::import_options(heap_text(options, options_len));
  if (!o) return heap_reply(tb::reply_error(o.error()));
  return tbwasm::import_reply(tb::import_categories_csv(heap_text(csv, csv_len), o.value()));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_categories_new() { return tbwasm::new_handle<CategoriesBinding>(); }
EMSCRIPTEN_KEEPALIVE void tb_categories_delete(std::uintptr_t categories) {
  tbwasm::delete_handle<CategoriesBinding>(categories);
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_categories_replace_from_csv(std::uintptr_t categories, std::uintptr_t csv,
                                                                   std::size_t csv_len, std::uintptr_t options,
                                                                   std::size_t options_len) {
  return categories_at(categories).replace_from_csv(heap_text(csv, csv_len), heap_text(options, options_len));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_categories_list(std::uintptr_t categories) {
  return heap_reply(categories_at(categories).list());
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_categories_classify(std::uintptr_t categories, std::uintptr_t conversation,
                                                           std::size_t conversation_len, std::uintptr_t options,
                                                           std::size_t options_len) {
  return heap_reply(categories_at(categories).classify(heap_text(conversation, conversation_len),
                                                       heap_text(options, options_len)));
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t tb_categories_resolve(std::uintptr_t categories, std::uintptr_t category,
                                                          std::size_t category_len, std::uintptr_t sub_category,
                                                          std::size_t sub_category_len) {
  return heap_reply(categories_at(categories).resolve(heap_text(category, category_len),
                                                      heap_text(sub_category, sub_category_len)));
}

}  // extern "C"
