// Every float-to-integer conversion in the engine, fed NaN, +-Infinity and out-of-range values.
// Each expression below reaches one of them (the site is named beside it; the list was made
// from the conversions clang instruments with -fsanitize=float-cast-overflow). Converting such
// a double to an integer is undefined behaviour: the sanitizer build (build/sanitize) aborts on
// it, so this suite passing there is the proof; natively the answers are checked too.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;

namespace {

// The answer's JSON, "undefined", or "error CODE".
std::string run(const std::string& expr, const jsn::Limits& limits = jsn::Limits()) {
  auto e = jsn::Expression::compile(expr);
  if (!e.ok()) return "compile " + e.error().code;
  auto r = e.value().evaluate_json("", "", limits);
  if (!r.ok()) return "error " + r.error().code;
  return r.value().defined ? r.value().json : "undefined";
}

// The non-finite and out-of-range operands every site is tried with.
const std::vector<std::string> kOdd = {"0/0", "1/0", "-1/0", "1e300", "-1e300", "1.8446744073709552e19",
                                       "-9.3e18", "4294967296", "-4294967297", "1e-300"};

// Runs `pattern` with each odd operand in place of `@`; every run must end (value or error).
void each_odd(const std::string& pattern, const jsn::Limits& limits = jsn::Limits()) {
  for (const auto& odd : kOdd) {
    std::string expr;
    for (char ch : pattern) expr += ch == '@' ? "(" + odd + ")" : std::string(1, ch);
    const std::string out = run(expr, limits);
    BOOST_TEST_INFO(expr << " -> " << out);
    BOOST_TEST(out.rfind("compile ", 0) != 0);
  }
}

jsn::Limits with_random(double value) {
  jsn::Limits l;
  l.random = [value] { return value; };
  return l;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonata_nonfinite)

BOOST_AUTO_TEST_CASE(format_base_spells_out_non_finite_numbers) {
  // numbers.cpp format_radix: frexp leaves NaN's exponent unspecified, and NaN cast to uint64.
  BOOST_TEST(run("$formatBase(0/0, 16)") == "\"NaN\"");
  BOOST_TEST(run("$formatBase(1/0, 16)") == "\"Infinity\"");
  BOOST_TEST(run("$formatBase(-1/0, 2)") == "\"-Infinity\"");
  // After a failed evaluation in the same thread (the hang was reported after $sum("x")).
  BOOST_TEST(run("$sum(\"x\")") == "error T0412");
  BOOST_TEST(run("$formatBase(0/0, 16)") == "\"NaN\"");
  BOOST_TEST(run("$formatBase(255, 16)") == "\"ff\"");
  BOOST_TEST(run("$formatBase(-255, 2)") == "\"-11111111\"");
  BOOST_TEST(run("$formatBase(18446744073709551616, 16)") == "\"10000000000000000\"");
  each_odd("$formatBase(@, 36)");
  each_odd("$formatBase(@, 2)");
  // builtins_numeric.cpp: the radix itself.
  each_odd("$formatBase(10, @)");
  BOOST_TEST(run("$formatBase(10, 0/0)") == "error D3100");
}

BOOST_AUTO_TEST_CASE(number_printing_and_json_output) {
  // numbers.cpp: short_decimal and format's integer fast path.
  each_odd("$string(@)");
  each_odd("[@]");
  each_odd("@ & \"\"");
  BOOST_TEST(run("[0/0, 1/0, -1/0]") == "[null,null,null]");
  BOOST_TEST(run("$string(1e300)") == "\"1e+300\"");
  BOOST_TEST(run("$string(0/0)") == "error D3001");
}

BOOST_AUTO_TEST_CASE(string_positions_and_widths) {
  // builtins_string.cpp: slice_index ($substring) and $pad's count.
  each_odd("$substring(\"hello\", @)");
  each_odd("$substring(\"hello\", @, 2)");
  each_odd("$substring(\"hello\", 1, @)");
  each_odd("$pad(\"ab\", @)");
  each_odd("$pad(\"ab\", @, \"xy\")");
  BOOST_TEST(run("$substring(\"hello\", 1/0)") == "\"\"");
  BOOST_TEST(run("$substring(\"hello\", -1/0, 2)") == "\"he\"");
  BOOST_TEST(run("$pad(\"ab\", 0/0)") == "\"ab\"");
}

BOOST_AUTO_TEST_CASE(ranges_and_indexes) {
  // eval_ops.cpp range size; eval_path.cpp literal and computed indexes.
  each_odd("[1..@]");
  each_odd("[@..1]");
  each_odd("[1,2,3][@]");
  each_odd("[1,2,3][[@]]");
  each_odd("[1,2,3][$ = @]");
  BOOST_TEST(run("[1,2,3][1e300]") == "undefined");
  BOOST_TEST(run("[1,2,3][-1/0]") == "error D1001");  // as jsonata-js: a computed -Infinity index
  BOOST_TEST(run("[1..1/0]") == "error T2004");
}

BOOST_AUTO_TEST_CASE(regex_offsets_from_matchers) {
  // builtins_regex.cpp: the start offset of a regex call, and start/end from a custom matcher.
  each_odd("/a/(\"banana\", @)");
  each_odd("$split(\"banana\", /a/, @)");
  each_odd("$replace(\"banana\", /a/, \"o\", @)");
  each_odd("$match(\"banana\", /a/, @)");
  const std::string matcher =
      "function($s){ {\"match\": \"a\", \"start\": @, \"end\": @, \"groups\": [], \"next\": function(){ undefined }} }";
  each_odd("$split(\"banana\", " + matcher + ")");
  each_odd("$replace(\"banana\", " + matcher + ", \"o\")");
  each_odd("$match(\"banana\", " + matcher + ")");
  each_odd("$contains(\"banana\", " + matcher + ")");
}

BOOST_AUTO_TEST_CASE(shuffle_with_a_host_random_out_of_range) {
  // builtins_array.cpp: floor(random() * (i + 1)) becomes an index.
  for (double r : {std::nan(""), 1.0, -1.0, 1e300, -1e300, HUGE_VAL, -HUGE_VAL, 0.999999999}) {
    const std::string out = run("$count($shuffle([1,2,3,4,5]))", with_random(r));
    BOOST_TEST_INFO("random() = " << r);
    BOOST_TEST(out == "5");
  }
  BOOST_TEST(run("$sort($shuffle([1,2,3,4,5]))", with_random(std::nan(""))) == "[1,2,3,4,5]");
}

BOOST_AUTO_TEST_CASE(integer_pictures) {
  // pictures/integer_picture.cpp (letters, separators), integer_words.cpp (words), js_pow.cpp.
  for (const char* picture : {"A", "a", "I", "i", "w", "W", "Ww", "#,##0", "0001", "#(00)00", "1;o", "w;o", "\u0661"}) {
    each_odd(std::string("$formatInteger(@, \"") + picture + "\")");
  }
  BOOST_TEST(run("$formatInteger(1/0, \"A\")").rfind("error", 0) == 0);  // jsonata-js loops forever
  BOOST_TEST(run("$formatInteger(0/0, \"w\")") == "error PICTURE_RUNTIME_ERROR");
  BOOST_TEST(run("$formatInteger(27, \"A\")") == "\"AA\"");
  each_odd("$parseInteger($formatInteger(@, \"w\"), \"w\")");
}

BOOST_AUTO_TEST_CASE(number_pictures) {
  // pictures/number_format.cpp grouping, js_pow.cpp pow10 for exponents.
  for (const char* picture : {"#,##0.00", "#,###", "0.0e0", "00.00e00", "#0%", "#0\u2030", "###,###,###.###"}) {
    each_odd(std::string("$formatNumber(@, \"") + picture + "\")");
  }
  each_odd("$formatNumber(12345.678, \"#,##0.00\", {\"zero-digit\": \"@\"})");
}

BOOST_AUTO_TEST_CASE(dates_from_and_to_millis) {
  // pictures/calendar.cpp (make_day, utc_fields), datetime_format.cpp names and widths,
  // datetime_match.cpp / datetime_parse.cpp widths.
  each_odd("$fromMillis(@)");
  each_odd("$fromMillis(@, \"[Y0001]-[M01]-[D01] [FNn] [MNn,3-3] [H01]:[m01]:[s01].[f001] [Z]\")");
  each_odd("$fromMillis(@, \"[Y,2] [MN,*-5] [Dw] [dwo] [xNn] [E] [C]\")");
  each_odd("$fromMillis(1000, \"[Y]\", \"+\" & $string(@))");
  each_odd("$toMillis($string(@))");
  each_odd("$toMillis($string(@), \"[Y]\")");
  BOOST_TEST(run("$toMillis(\"99999999999999999999\", \"[Y]\")") != "");
  BOOST_TEST(run("$toMillis(\"2020\", \"[Y,99999999999999999999]\")") != "");
  BOOST_TEST(run("$toMillis(\"Jan\", \"[MNn,99999999999999999999]\")") != "");
}

BOOST_AUTO_TEST_CASE(zip_and_aggregates) {
  each_odd("$zip([@], [1, 2])");
  each_odd("$sum([@, 1])");
  each_odd("$max([@, 1])");
  each_odd("$average([@, 1])");
  each_odd("$round(@, 2)");
  each_odd("$round(2.5, @)");
  each_odd("$power(2, @)");
  each_odd("$sqrt(@)");
  each_odd("$sort([@, 1, @])");
  each_odd("[@, 1, 2]^($)");
  BOOST_TEST(run("$round(1e300, 20)") == "null");
  BOOST_TEST(run("$round(123, 400)") == "null");
}

BOOST_AUTO_TEST_SUITE_END()
