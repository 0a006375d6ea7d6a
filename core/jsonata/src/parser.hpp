#pragma once
// Source text to the evaluator's tree: Pratt parsing (parser.cpp) with jsonata-js's binding
// powers and error codes, then the post-parse pass (ast_process.cpp).

#include <string_view>

#include "ast.hpp"
#include "errors.hpp"

namespace tb::jsonata {

/// Deepest syntax tree accepted; deeper input fails to compile instead of exhausting the stack.
inline constexpr int kMaxSyntaxDepth = 1000;

/// Parses and post-processes `source` into `prog.root`.
bool compile_program(Program& prog, std::string_view source, EvalError& err);

/// The raw tree (before the post-parse pass); used by compile_program.
Node* parse_raw(Program& prog, std::string_view source, EvalError& err);

/// The post-parse pass over a raw tree.
Node* process_ast(Program& prog, Node* raw, EvalError& err);

/// Sets e.token to the node's `value` as jsonata-js reports it (numbers and true/false/null
/// unquoted); leaves it unset for nodes without a value.
void node_token(const Node* n, EvalError& e);

/// jsonata-js's name for a node's type ("path", "binary", "unary", ...), as S0217 reports it.
const char* js_type_name(const Node* n);

}  // namespace tb::jsonata
