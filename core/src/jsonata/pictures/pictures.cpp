// PLACEHOLDER until the picture formatters land (branch `pictures`): every call reports NOT_IMPLEMENTED.
#include "jsonata/pictures/pictures.hpp"

namespace tb::jsonata::pictures {
namespace {
Error not_yet() { return make_error("NOT_IMPLEMENTED", "picture strings are not available yet"); }
}  // namespace
Result<std::string> format_number(double, std::string_view, const DecimalFormat&) { return not_yet(); }
Result<std::string> format_integer(double, std::string_view) { return not_yet(); }
Result<std::optional<double>> parse_integer(std::string_view, std::string_view) { return not_yet(); }
Result<std::string> format_datetime(double, std::string_view, std::string_view) { return not_yet(); }
Result<std::optional<double>> parse_datetime(std::string_view, std::string_view) { return not_yet(); }
}  // namespace tb::jsonata::pictures
