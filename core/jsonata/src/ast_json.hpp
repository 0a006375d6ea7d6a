#pragma once
// The processed syntax tree as JSON text in jsonata-js 2.x's ast() shape (ast_json.cpp).
#include <string>

#include "ast.hpp"

namespace tb::jsonata {

/// JSON text of the tree under `root` ("null" for none).
std::string ast_json(const Node* root);

}  // namespace tb::jsonata
