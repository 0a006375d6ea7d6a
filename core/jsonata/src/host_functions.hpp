#pragma once
// Functions the host lends to one evaluation (ticketbridge::jsonata::HostFunction): each
// becomes a built-in whose call crosses to the host as JSON text.

#include <vector>

#include "eval.hpp"
#include "signature.hpp"

namespace tb::jsonata {

/// What one evaluation needs to call its host functions; lives as long as the evaluation.
struct HostBindings {
  std::vector<Signature> signatures;
  std::vector<Builtin> builtins;
};

/// Binds every function of `limits.host_functions` in `root`. False on an invalid signature
/// (S0401 / S0402, reported in ev.err) or out of memory.
bool bind_host_functions(Eval& ev, Frame* root, HostBindings& keep);

}  // namespace tb::jsonata
