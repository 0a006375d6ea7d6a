#include "host_functions.hpp"

#include <string>

#include "json_reader.hpp"
#include "json_writer.hpp"

namespace tb::jsonata {

namespace {

// The trampoline every host function shares: which one is being called comes from the
// built-in entry (Call::self). Arguments have passed the signature check already.
Value host_call(Call& c, const Value* args, std::size_t n) {
  Eval& ev = c.ev;
  const HostFunction& h = (*ev.limits.host_functions)[static_cast<std::size_t>(c.self->host)];
  std::string text = "[";
  std::string one;
  const WriteOptions options;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) text += ',';
    one.clear();
    // undefined and functions have no JSON form: the host receives null for them.
    if (args[i].is_undefined() || args[i].is_function() || write_json(one, args[i], options) != WriteStatus::Ok) {
      text += "null";
    } else {
      text += one;
    }
  }
  text += ']';
  Result<std::string> answer = h.call(text);
  if (!answer) {
    EvalError& e = ev.fail(answer.error().code.c_str());
    e.has_message = true;
    e.message_verbatim = true;
    e.message = answer.error().message;
    return Value::error();
  }
  if (answer->empty()) return Value::undefined();
  Value out;
  JsonReadError err;
  if (!read_json(ev.arena, answer->data(), answer->size(), 256, out, err)) {
    EvalError& e = ev.fail("JSONATA_HOST_ANSWER");
    e.has_message = true;
    e.message_verbatim = true;
    e.message = "the host function $" + h.name + " answered with something that is not JSON";
    return Value::error();
  }
  return out;
}

}  // namespace

bool bind_host_functions(Eval& ev, Frame* root, HostBindings& keep) {
  const std::vector<HostFunction>* list = ev.limits.host_functions;
  if (!list || list->empty()) return true;
  // Sized once: the built-ins and signatures are referred to by address from here on.
  keep.signatures.resize(list->size());
  keep.builtins.resize(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    const HostFunction& h = (*list)[i];
    Builtin& b = keep.builtins[i];
    b = Builtin{h.name.c_str(), h.signature.c_str(), h.arity, h.arity, &host_call};
    b.host = static_cast<int>(i);
    Signature* sig = nullptr;
    if (!h.signature.empty()) {
      SigParseError se;
      if (!parse_signature(h.signature, keep.signatures[i], se)) {
        EvalError& e = ev.fail(se.code ? se.code : "S0401");
        e.position = static_cast<std::int64_t>(se.offset);
        if (!se.value.empty()) e.set_token(se.value);
        return false;
      }
      sig = &keep.signatures[i];
    }
    auto* f = ev.arena.make<Function>();
    if (!f) {
      ev.oom();
      return false;
    }
    *f = Function{};
    f->kind = FnKind::Builtin;
    f->builtin = &b;
    f->signature = sig;
    f->nparams = static_cast<std::uint32_t>(h.arity);
    if (!ev.bind(root, h.name, hash_key(h.name), Value::function(f))) return false;
  }
  return true;
}

}  // namespace tb::jsonata
