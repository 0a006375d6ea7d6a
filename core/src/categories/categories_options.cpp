// Hosts (the WASM package, the CLI) pass options as JSON; reading them here, with errors
// as values, keeps every runtime's interpretation identical.
#include <cmath>

#include "ticketbridge/categories.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

Error invalid_option(const std::string& key, const std::string& what) {
  return make_error("OPTIONS_INVALID", "'" + key + "' must be " + what, "/" + key);
}

// Reads a whole number >= 1 into `out` when present.
std::optional<Error> read_count(const json& o, const char* key, std::size_t& out) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if (!it->is_number() || !(it->get<double>() >= 1) || it->get<double>() != std::floor(it->get<double>()) ||
      it->get<double>() > 1e12) {
    return invalid_option(key, "a whole number of at least 1");
  }
  out = static_cast<std::size_t>(it->get<double>());
  return std::nullopt;
}

std::optional<Error> read_unit(const json& o, const char* key, double& out, double hi) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if (!it->is_number() || !(it->get<double>() >= 0 && it->get<double>() <= hi)) {
    return invalid_option(key, "a number between 0 and " + dump_json(json(hi)));
  }
  out = it->get<double>();
  return std::nullopt;
}

}  // namespace

Result<CsvImportOptions> csv_import_options_from_json(const json& o) {
  CsvImportOptions options;
  if (o.is_null()) return options;
  if (!o.is_object()) return make_error("OPTIONS_INVALID", "import options must be an object");
  if (const auto it = o.find("formulas"); it != o.end() && !it->is_null()) {
    if (*it == "reject") options.formulas = FormulaPolicy::kReject;
    else if (*it == "neutralise" || *it == "neutralize") options.formulas = FormulaPolicy::kNeutralise;
    else return invalid_option("formulas", "\"reject\" or \"neutralise\"");
  }
  for (auto [key, field] : {std::pair{"maxBytes", &options.max_bytes}, {"maxRows", &options.max_rows},
                            {"maxFieldChars", &options.max_field_chars}, {"maxProblems", &options.max_problems}}) {
    if (auto e = read_count(o, key, *field)) return *e;
  }
  return options;
}

Result<ClassifyOptions> classify_options_from_json(const json& o) {
  ClassifyOptions options;
  if (o.is_null()) return options;
  if (!o.is_object()) return make_error("OPTIONS_INVALID", "classification options must be an object");
  if (auto e = read_unit(o, "threshold", options.threshold, 1)) return *e;
  if (auto e = read_count(o, "maxAlternatives", options.max_alternatives)) return *e;
  for (auto [key, field] : {std::pair{"employeeWeight", &options.employee_weight}, {"summaryWeight", &options.summary_weight},
                            {"diagnosticsWeight", &options.diagnostics_weight}, {"assistantWeight", &options.assistant_weight}}) {
    if (auto e = read_unit(o, key, *field, 10)) return *e;
  }
  if (const auto it = o.find("synonyms"); it != o.end() && !it->is_null()) {
    if (!it->is_string()) return invalid_option("synonyms", "the synonym table's text");
    auto table = SynonymTable::parse(it->get_ref<const std::string&>());
    if (!table) return std::move(table).error();
    options.synonyms = std::move(table).value();
  }
  return options;
}

}  // namespace tb
