#pragma once
// The built-in synonym table's text (format described at its top).

#include <string_view>

namespace tb::categories {

std::string_view default_synonyms_text();

}  // namespace tb::categories
