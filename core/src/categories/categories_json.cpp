// JSON views of the import report and of a classification, with the member names the CLI and
// the JS package print. Confidences are already rounded by the classifier.
#include "ticketbridge/categories.hpp"

namespace tb {

nlohmann::json import_report_to_json(const ImportReport& report) {
  using json = nlohmann::json;
  json problems = json::array();
  for (const ImportProblem& p : report.problems) {
    problems.push_back(json{{"line", p.line},
                            {"column", p.column},
                            {"code", p.code},
                            {"message", p.message},
                            {"severity", p.severity == Severity::kError ? "error" : "warning"}});
  }
  json tree = json::object();
  for (const CategoryNode& node : category_tree(report.list)) {
    tree[node.category] = node.sub_categories;
  }
  return json{{"accepted", report.accepted},
              {"rowsRead", report.rows_read},
              {"imported", report.imported},
              {"rejected", report.rejected},
              {"problems", std::move(problems)},
              {"tree", std::move(tree)}};
}

nlohmann::json classification_to_json(const Classification& c) {
  using json = nlohmann::json;
  json alternatives = json::array();
  for (const ScoredPair& s : c.alternatives) {
    alternatives.push_back(json{{"category", s.pair.category},
                                {"subCategory", s.pair.sub_category},
                                {"confidence", s.confidence}});
  }
  json out{{"category", nullptr},
           {"subCategory", nullptr},
           {"confidence", c.confidence},
           {"alternatives", std::move(alternatives)}};
  if (c.pair) {
    out["category"] = c.pair->category;
    out["subCategory"] = c.pair->sub_category;
  }
  return out;
}

}  // namespace tb
