#pragma once
/// @file
/// @brief Issue categorization: import the administrator's CSV of valid category /
/// sub_category pairs, classify an escalated conversation against that list, and check a
/// pair proposed by the host (an LLM, a human) against it.
///
/// Everything here is deterministic and offline. Codes and conventions: docs/categories.md.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/conversation.hpp"
#include "ticketbridge/error.hpp"

namespace tb {

/// @brief One valid issue type, spelled as in the imported list.
struct CategoryPair {
  std::string category;
  std::string sub_category;
};

/// @brief The valid pairs, in file order. Pairs are unique (case- and space-insensitively)
/// and a category has one spelling throughout.
struct CategoryList {
  std::vector<CategoryPair> pairs;
};

/// @brief A category and its sub_categories, in file order.
struct CategoryNode {
  std::string category;
  std::vector<std::string> sub_categories;
};

/// @brief Group a list by category, in order of first appearance.
std::vector<CategoryNode> category_tree(const CategoryList& list);

// ---------------------------------------------------------------------------------------------
// Import

/// @brief What to do with a cell that a spreadsheet would run as a formula (=, +, -, @).
enum class FormulaPolicy {
  kReject,      ///< error CSV_FORMULA_REJECTED (default)
  kNeutralise,  ///< prefix the cell with ' and warn CSV_FORMULA_NEUTRALISED
};

/// @brief Import limits and policies; the defaults are the product's.
struct CsvImportOptions {
  FormulaPolicy formulas = FormulaPolicy::kReject;
  std::size_t max_bytes = 1024 * 1024;  ///< whole file, BOM included
  std::size_t max_rows = 1000;          ///< data rows (the header is not one)
  std::size_t max_field_chars = 100;    ///< Unicode code points in a category / sub_category
  std::size_t max_problems = 100;       ///< problems listed; further ones are only counted
};

/// @brief How bad an import problem is: any error rejects the whole file.
enum class Severity { kError, kWarning };

/// @brief One problem found in the file, where the administrator can find it.
struct ImportProblem {
  int line = 0;    ///< 1-based physical line where the record starts (header = 1); 0 = file
  int column = 0;  ///< 1-based field index; 0 = the whole row or file
  std::string code;  ///< stable UPPER_SNAKE code, e.g. CSV_DUPLICATE_ROW
  std::string message;
  Severity severity = Severity::kError;
};

/// @brief The outcome of an import: acceptance, counts, problems and the imported list.
struct ImportReport {
  bool accepted = false;
  std::size_t rows_read = 0;  ///< non-blank data rows
  std::size_t imported = 0;   ///< pairs now in the list (0 when rejected)
  std::size_t rejected = 0;   ///< data rows with at least one error (all rows if the header is unusable)
  std::vector<ImportProblem> problems;  ///< in file order
  CategoryList list;          ///< the imported pairs; empty when rejected
};

/// @brief Parse (RFC 4180) and validate a category CSV. Pure: changes nothing anywhere.
ImportReport import_categories_csv(std::string_view csv, const CsvImportOptions& options = {});

/// @brief The report as the CLI prints it: {"accepted", "rowsRead", "imported", "rejected",
/// "problems": [{"line","column","code","message","severity"}], "tree": {category: [subs]}}.
/// nlohmann::json orders object keys alphabetically; sub_category arrays keep file order.
nlohmann::json import_report_to_json(const ImportReport& report);

/// @brief The same report as JSON text, byte for byte what dump_json(import_report_to_json())
/// writes, written directly: the WASM boundary returns this text, and building the JSON tree
/// first cost as much as the import itself.
std::string import_report_json_text(const ImportReport& report);

/// @brief The current category list; replacing it from a CSV is all-or-nothing.
class CategoryStore {
 public:
  /// @brief The list in force (empty until a file is accepted).
  const CategoryList& list() const noexcept { return list_; }
  /// @brief Bumped by every accepted import, so hosts can tell the list changed.
  std::uint64_t generation() const noexcept { return generation_; }
  /// @brief Import `csv`; the list is replaced only when the report is accepted.
  ImportReport replace_from_csv(std::string_view csv, const CsvImportOptions& options = {});

 private:
  CategoryList list_;
  std::uint64_t generation_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Classification

/// @brief Words that mean the same thing in a ticket ("wifi, wireless, wlan, wi-fi"), parsed
/// from the plain-text format of core/src/categories/default_synonyms.cpp. Cheap to copy.
class SynonymTable {
 public:
  /// @brief Parse a table. Errors: SYNONYMS_TOO_LARGE, SYNONYMS_INVALID_UTF8,
  /// SYNONYMS_INVALID (with `line`).
  static Result<SynonymTable> parse(std::string_view text);
  /// @brief The built-in table, parsed at first use.
  static const SynonymTable& builtin();
  /// @brief The built-in table's text, as a starting point for a host's own table.
  static std::string_view builtin_text();

  /// @brief Number of concept lines.
  std::size_t size() const;

  SynonymTable();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

/// @brief Classifier tuning; the defaults are documented in docs/categories.md.
struct ClassifyOptions {
  /// Below this confidence classify() declines (returns no pair). Just above 0.5: a lone weak
  /// hint, or two equally supported pairs, give at most 0.5 and so never decide.
  double threshold = 0.55;
  std::size_t max_alternatives = 3;
  /// How much a word counts, by where it was said.
  double employee_weight = 1.0;
  double summary_weight = 1.0;
  double diagnostics_weight = 0.5;
  double assistant_weight = 0.0;
  SynonymTable synonyms = SynonymTable::builtin();
};

/// @brief A candidate pair and its confidence in [0, 1].
struct ScoredPair {
  CategoryPair pair;
  double confidence = 0;
};

/// @brief The classifier's answer: a pair, or none when it declines.
struct Classification {
  std::optional<CategoryPair> pair;  ///< nullopt: declined (confidence below the threshold)
  double confidence = 0;             ///< of the best candidate, even when declined
  /// Next best candidates, best first. When declined, the best candidate leads the list.
  std::vector<ScoredPair> alternatives;
};

/// @brief Pick the pair the conversation is about, from its text (employee messages, summary,
/// diagnostics; assistant messages only if weighted). Never fails; an empty list declines.
Classification classify(const Conversation& conversation, const CategoryList& categories,
                        const ClassifyOptions& options = {});

/// @brief {"category": string|null, "subCategory": string|null, "confidence": number,
/// "alternatives": [{"category","subCategory","confidence"}]}.
nlohmann::json classification_to_json(const Classification& classification);

/// @brief Import options from JSON as hosts give them: {"formulas": "reject"|"neutralise",
/// "maxBytes", "maxRows", "maxFieldChars", "maxProblems"}. Errors: OPTIONS_INVALID (with path).
Result<CsvImportOptions> csv_import_options_from_json(const nlohmann::json& options);

/// @brief Classifier options from JSON: {"threshold", "maxAlternatives", "employeeWeight",
/// "summaryWeight", "diagnosticsWeight", "assistantWeight", "synonyms": "<table text>"}.
/// Errors: OPTIONS_INVALID (with path), or the synonym table's own errors.
Result<ClassifyOptions> classify_options_from_json(const nlohmann::json& options);

/// @brief Accept a proposed pair only if it is on the list (case- and space-insensitively),
/// returning the list's spelling. Errors: CATEGORY_LIST_EMPTY, CATEGORY_NOT_FOUND (the
/// message names the closest valid pairs).
Result<CategoryPair> resolve(const CategoryPair& proposal, const CategoryList& categories);

}  // namespace tb
