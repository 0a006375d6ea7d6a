#pragma once
// Ast -> Program (see compiler.cpp).

#include "regex/ast.hpp"
#include "regex/program.hpp"

namespace tb::jsonata::regex {

/// Fills prog.code, classes, literals, registers and search hints; prog's flag fields must
/// already be set.
void compile_program(const Ast& ast, Regex::Program& prog);

}  // namespace tb::jsonata::regex
