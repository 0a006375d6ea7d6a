#pragma once
// The category list in force as the façade holds it (wasm/js/categories.mjs): the
// tb_categories_* exports of categories_exports.cpp. An escalation copies the list from one
// (tb_escalation_set_categories).

#include <cstdint>
#include <string>
#include <string_view>

#include "ticketbridge/categories.hpp"

namespace tbwasm {

class CategoriesBinding {
 public:
  // An import answers with the address of its reply record (heap_io.hpp): the report grows
  // with the file. The other methods answer with a reply (ticketbridge/reply.hpp).
  std::uintptr_t replace_from_csv(std::string_view csv, std::string_view options_json);
  std::string list() const;
  std::string classify(std::string_view conversation, std::string_view options_json) const;
  std::string resolve(std::string_view category, std::string_view sub_category) const;

  const tb::CategoryList& categories() const { return store_.list(); }

 private:
  tb::CategoryStore store_;
};

}  // namespace tbwasm
