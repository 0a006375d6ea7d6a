#pragma once
// Loads the reference-generated rows of tests/fixtures/pictures/*.json (see generate.mjs there)
// and checks one outcome of our picture functions against a row's expectation.

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "pictures/picture_errors.hpp"
#include "ticketbridge/json_text.hpp"

namespace picture_fixtures {

inline std::vector<nlohmann::json> load_rows(const std::string& file) {
  std::ifstream in(std::string(TB_FIXTURES_DIR) + "/pictures/" + file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto doc = tb::parse_json(buffer.str(), "FIXTURE", std::size_t{64} << 20);
  BOOST_REQUIRE_MESSAGE(doc.ok(), "cannot read fixture " + file);
  const auto rows = doc.value().find("rows");
  BOOST_REQUIRE(rows != doc.value().end() && rows->is_array());
  BOOST_REQUIRE(!rows->empty());
  return std::vector<nlohmann::json>(rows->begin(), rows->end());
}

inline std::optional<std::string> optional_text(const nlohmann::json& args, std::size_t i) {
  if (i >= args.size() || args[i].is_null()) return std::nullopt;
  return args[i].get<std::string>();
}

inline std::string describe(const nlohmann::json& row) { return tb::dump_json(row); }

// A string outcome ($formatNumber, $formatInteger, $fromMillis) against the row's expectation.
inline bool matches(const nlohmann::json& expect, const tb::jsonata::Result<std::string>& got, std::string& why) {
  if (expect.contains("result")) {
    if (!got.ok()) { why = "error " + got.error().code + ": " + got.error().message; return false; }
    if (got.value() != expect["result"].get<std::string>()) { why = "got \"" + got.value() + "\""; return false; }
    return true;
  }
  if (got.ok()) { why = "got \"" + got.value() + "\" instead of an error"; return false; }
  if (expect.contains("error")) {
    const auto& e = expect["error"];
    if (got.error().code != e["code"].get<std::string>() || got.error().message != e["message"].get<std::string>()) {
      why = "error " + got.error().code + ": " + got.error().message;
      return false;
    }
    return true;
  }
  if (got.error().code != tb::jsonata::pictures::kRuntimeErrorCode) { why = "error " + got.error().code; return false; }
  return expect.contains("runtime_error");
}

// A number outcome ($parseInteger, $toMillis).
inline bool matches(const nlohmann::json& expect, const tb::jsonata::Result<std::optional<double>>& got, std::string& why) {
  if (expect.contains("error") || expect.contains("runtime_error")) {
    if (got.ok()) { why = "no error"; return false; }
    if (expect.contains("runtime_error")) return got.error().code == tb::jsonata::pictures::kRuntimeErrorCode;
    const auto& e = expect["error"];
    const bool same = got.error().code == e["code"].get<std::string>() && got.error().message == e["message"].get<std::string>();
    if (!same) why = "error " + got.error().code + ": " + got.error().message;
    return same;
  }
  if (!got.ok()) { why = "error " + got.error().code + ": " + got.error().message; return false; }
  const std::optional<double>& v = got.value();
  std::ostringstream shown;
  if (v) shown.precision(17), shown << *v; else shown << "undefined";
  why = "got " + shown.str();
  if (expect.contains("undefined")) return !v;
  if (expect.contains("nan")) return v && std::isnan(*v);
  if (expect.contains("infinity")) return v && std::isinf(*v) && (*v > 0) == (expect["infinity"].get<int>() > 0);
  return v && *v == expect["result"].get<double>();
}

}  // namespace picture_fixtures
