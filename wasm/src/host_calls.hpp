#pragma once
// JavaScript functions lent to a JSONata evaluation (the jsonata-js drop-in's
// registerFunction and function-valued bindings), as the core's HostFunction list.

#include <string>
#include <string_view>
#include <vector>

#include "ticketbridge/error.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tbwasm {

/// Reads the façade's description, a JSON array of {name, signature, arity}; function i
/// calls Module.tbHostCall(i, argsJson) in JavaScript. A malformed list is a
/// JSONATA_HOST_FUNCTIONS error.
tb::Result<std::vector<tb::jsonata::HostFunction>> host_functions_from_json(std::string_view spec);

}  // namespace tbwasm
