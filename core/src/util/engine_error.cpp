// The JSONata engine reports tb::jsonata::Error (with the reference's token and offending
// value); the core reports tb::Error. Where the core wraps an engine answer (a configuration's
// output expressions, a response body parsed by the engine) it keeps what its own errors can
// carry. The token stays text; the offending value is the engine's detail alone.
#include "ticketbridge/error.hpp"

#include "ticketbridge/jsonata.hpp"

namespace tb {

Error::Error(const jsonata::Error& engine)
    : code(engine.code), message(engine.message), position(engine.position), token(engine.token) {}

Error::operator jsonata::Error() const {
  jsonata::Error e;
  e.code = code;
  e.message = message;
  e.position = position;
  e.token = token;
  return e;
}

}  // namespace tb
