// Date/time built-ins. Pictures are the pictures module's job; the clock is the host's
// (Limits::wall_clock_ms), read once per evaluation so every $now() agrees.
#include "builtins.hpp"
#include "eval_internal.hpp"
#include "pictures/pictures.hpp"

#include <optional>

namespace tb::jsonata {
namespace {

bool timestamp(Call& c, double* out) {
  Eval& ev = c.ev;
  if (!ev.have_timestamp) {
    if (!ev.limits.wall_clock_ms) {
      EvalError& e = ev.fail("JSONATA_NO_CLOCK");
      e.has_message = true;
      e.message = "$now() and $millis() need a clock from the host (Limits::wall_clock_ms)";
      return false;
    }
    ev.timestamp = ev.limits.wall_clock_ms();
    ev.have_timestamp = true;
  }
  *out = ev.timestamp;
  return true;
}

// An absent argument and an empty string differ for the picture functions.
std::optional<std::string_view> opt(Value v) {
  if (v.kind == Kind::String) return v.sv();
  return std::nullopt;
}

Value formatted(Call& c, double millis, Value picture, Value tz) {
  auto r = pictures::from_millis(millis, opt(picture), opt(tz));
  if (!r.ok()) {
    adopt(c.ev.err, r.error());
    return Value::error();
  }
  return c.ev.make_string(r.value());
}

Value fn_now(Call& c, const Value* args, std::size_t n) {
  double t;
  if (!timestamp(c, &t)) return Value::error();
  return formatted(c, t, arg(args, n, 0), arg(args, n, 1));
}

Value fn_millis(Call& c, const Value*, std::size_t) {
  double t;
  if (!timestamp(c, &t)) return Value::error();
  return Value::number(t);
}

Value fn_from_millis(Call& c, const Value* args, std::size_t n) {
  Value m = arg(args, n, 0);
  if (m.is_undefined()) return m;
  return formatted(c, m.num, arg(args, n, 1), arg(args, n, 2));
}

Value fn_to_millis(Call& c, const Value* args, std::size_t n) {
  Value s = arg(args, n, 0);
  if (s.is_undefined()) return s;
  // Components the picture leaves out default from the evaluation's current time; without a
  // host clock they default from the epoch.
  double now = 0;
  if (c.ev.limits.wall_clock_ms && !timestamp(c, &now)) return Value::error();
  auto r = pictures::to_millis(s.sv(), opt(arg(args, n, 1)), now);
  if (!r.ok()) {
    adopt(c.ev.err, r.error());
    return Value::error();
  }
  return r.value() ? Value::number(*r.value()) : Value::undefined();
}

const Builtin kDatetime[] = {
    {"now", "<s?s?:s>", 2, 2, fn_now},
    {"millis", "<:n>", 0, 0, fn_millis},
    {"fromMillis", "<n-s?s?:s>", 3, 3, fn_from_millis},
    {"toMillis", "<s-s?:n>", 2, 2, fn_to_millis},
};

}  // namespace

const Builtin* datetime_builtins(std::size_t* n) {
  *n = sizeof kDatetime / sizeof kDatetime[0];
  return kDatetime;
}

}  // namespace tb::jsonata
