// The import report as JSON text, written straight from the report. The WASM boundary
// returns it for every import, and building it as an nlohmann::json tree first (an object
// per problem, a node and a string copy per pair, a std::map for the tree) then serialising
// cost as much as parsing and validating the file. The bytes are dump_json(
// import_report_to_json()): members in nlohmann's order (sorted by name, byte-wise), the
// same string escaping (append_json_string), integers in decimal; test_categories_report_text
// and the CSV fuzz target hold the two writers together.
#include <charconv>
#include <string>
#include <vector>

#include "categories/category_groups.hpp"
#include "ticketbridge/categories.hpp"
#include "ticketbridge/json_text.hpp"

namespace tb {
namespace {

template <class Int>
void append_integer(std::string& out, Int value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

// The tree member: {category: [sub_category, ...]}, categories in nlohmann's key order,
// sub_categories in file order.
void append_tree(std::string& out, const CategoryList& list) {
  const categories::CategoryGroups groups = categories::group_by_category(list);
  // The pairs of each group together, in file order within it (a counting sort by group).
  std::vector<std::size_t> start(groups.leader.size() + 1, 0);
  for (std::size_t g : groups.group_of) ++start[g + 1];
  for (std::size_t g = 0; g < groups.leader.size(); ++g) start[g + 1] += start[g];
  std::vector<std::size_t> members(list.pairs.size());
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < list.pairs.size(); ++i) members[next[groups.group_of[i]]++] = i;
  }
  // The categories in the order nlohmann's object keeps its keys, by putting them in one: the
  // same order by construction, and no sort of our own in the .wasm.
  nlohmann::json order = nlohmann::json::object();
  for (std::size_t g = 0; g < groups.leader.size(); ++g) order[list.pairs[groups.leader[g]].category] = g;
  out += '{';
  bool first = true;
  for (const auto& [category, group] : order.get_ref<const nlohmann::json::object_t&>()) {
    const auto g = group.get<std::size_t>();
    if (!first) out += ',';
    first = false;
    append_json_string(out, category);
    out += ":[";
    for (std::size_t m = start[g]; m < start[g + 1]; ++m) {
      if (m != start[g]) out += ',';
      append_json_string(out, list.pairs[members[m]].sub_category);
    }
    out += ']';
  }
  out += '}';
}

}  // namespace

std::string import_report_json_text(const ImportReport& report) {
  std::string out;
  std::size_t room = 128;
  for (const ImportProblem& p : report.problems) room += p.code.size() + p.message.size() + 80;
  for (const CategoryPair& p : report.list.pairs) room += p.sub_category.size() + 3;
  out.reserve(room);
  out += report.accepted ? "{\"accepted\":true" : "{\"accepted\":false";
  out += ",\"imported\":";
  append_integer(out, report.imported);
  out += ",\"problems\":[";
  for (std::size_t i = 0; i < report.problems.size(); ++i) {
    const ImportProblem& p = report.problems[i];
    out += i ? ",{\"code\":" : "{\"code\":";
    append_json_string(out, p.code);
    out += ",\"column\":";
    append_integer(out, p.column);
    out += ",\"line\":";
    append_integer(out, p.line);
    out += ",\"message\":";
    append_json_string(out, p.message);
    out += p.severity == Severity::kError ? ",\"severity\":\"error\"}" : ",\"severity\":\"warning\"}";
  }
  out += "],\"rejected\":";
  append_integer(out, report.rejected);
  out += ",\"rowsRead\":";
  append_integer(out, report.rows_read);
  out += ",\"tree\":";
  append_tree(out, report.list);
  out += '}';
  return out;
}

}  // namespace tb
