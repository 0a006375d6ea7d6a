// Any bytes as a category CSV: a report, never a crash; a rejected file never changes the store;
// the report's JSON text written directly is the text of its JSON value.
#include <cstdint>
#include <string_view>

#include "ticketbridge/categories.hpp"
#include "ticketbridge/json_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view csv(reinterpret_cast<const char*>(data), size);
  tb::CategoryStore store;
  const tb::ImportReport first = store.replace_from_csv("category,sub_category\nHardware,Battery\n");
  if (!first.accepted) __builtin_trap();
  tb::CsvImportOptions options;
  options.formulas = size % 2 ? tb::FormulaPolicy::kNeutralise : tb::FormulaPolicy::kReject;
  const tb::ImportReport report = store.replace_from_csv(csv, options);
  if (!report.accepted && store.list().pairs.size() != 1) __builtin_trap();  // all-or-nothing
  if (report.accepted && report.imported != store.list().pairs.size()) __builtin_trap();
  if (tb::import_report_json_text(report) != tb::dump_json(tb::import_report_to_json(report))) __builtin_trap();
  return 0;
}
