// Numeric built-ins and aggregates; picture formatting is delegated to the pictures code, but
// for $formatNumber's everyday pictures (simple_number_picture.hpp).
#include <cmath>
#include <optional>
#include <string>

#include "builtins.hpp"
#include "eval_internal.hpp"
#include "numbers.hpp"
#include "poll.hpp"
#include "pictures/pictures.hpp"
#include "simple_number_picture.hpp"
#include "ticketbridge/text/decimal.hpp"
#include "ticketbridge/text/js_math.hpp"

namespace tb::jsonata {
namespace {

Value fn_sum(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  if (a.is_undefined()) return a;
  double total = 0;
  for (std::uint32_t i = 0; i < a.arr->size; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    total += a.arr->items[i].num;
  }
  return Value::number(total);
}

Value fn_count(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  return Value::number(a.is_undefined() ? 0 : a.arr->size);
}

Value extreme(Eval& ev, const Value* args, std::size_t n, bool max) {
  Value a = arg(args, n, 0);
  if (a.is_undefined() || a.arr->size == 0) return Value::undefined();
  double r = max ? -INFINITY : INFINITY;
  for (std::uint32_t i = 0; i < a.arr->size; ++i) {
    if (!poll(ev, i)) return Value::error();
    double v = a.arr->items[i].num;
    if (std::isnan(v)) return Value::number(NAN);
    // Math.max(-0, 0) is 0 and Math.min(0, -0) is -0.
    if (max ? (v > r || (v == r && !std::signbit(v))) : (v < r || (v == r && std::signbit(v)))) r = v;
  }
  return Value::number(r);
}

Value fn_max(Call& c, const Value* args, std::size_t n) { return extreme(c.ev, args, n, true); }
Value fn_min(Call& c, const Value* args, std::size_t n) { return extreme(c.ev, args, n, false); }

Value fn_average(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  if (a.is_undefined() || a.arr->size == 0) return Value::undefined();
  double total = 0;
  for (std::uint32_t i = 0; i < a.arr->size; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    total += a.arr->items[i].num;
  }
  return Value::number(total / a.arr->size);
}

bool all_of(std::string_view s, std::size_t from, bool (*ok)(char)) {
  if (from >= s.size()) return false;
  for (std::size_t i = from; i < s.size(); ++i)
    if (!ok(s[i])) return false;
  return true;
}

bool decimal_literal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  std::size_t d = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == d) return false;
  if (i < s.size() && s[i] == '.') {
    std::size_t f = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == f) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t e = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == e) return false;
  }
  return i == s.size();
}

// Number("0x1F") / "0o17" / "0b101": the prefixed integer forms $number accepts.
bool prefixed_integer(std::string_view s, double* out) {
  if (s.size() < 3 || s[0] != '0') return false;
  int base = 0;
  bool (*digit)(char) = nullptr;
  switch (s[1]) {
    case 'x': case 'X': base = 16; digit = [](char ch) { return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f'); }; break;
    case 'o': case 'O': base = 8; digit = [](char ch) { return ch >= '0' && ch <= '7'; }; break;
    case 'b': case 'B': base = 2; digit = [](char ch) { return ch == '0' || ch == '1'; }; break;
    default: return false;
  }
  if (!all_of(s, 2, digit)) return false;
  double v = 0;
  for (std::size_t i = 2; i < s.size(); ++i) {
    char ch = s[i];
    int d = ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
    v = v * base + d;
  }
  *out = v;
  return true;
}

Value fn_number(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  switch (a.kind) {
    case Kind::Undefined:
    case Kind::Number: return a;
    case Kind::Bool: return Value::number(a.b ? 1 : 0);
    case Kind::String: {
      std::string_view s = a.sv();
      if (decimal_literal(s)) {
        double d = num::parse_decimal(s.data(), s.size());
        if (std::isfinite(d)) return Value::number(d);
      }
      double v;
      if (prefixed_integer(s, &v)) return Value::number(v);
      break;
    }
    default: break;
  }
  EvalError& e = c.ev.fail("D3030");
  e.set_value(a);
  e.index = 1;
  e.has_index = true;
  return Value::error();
}

Value fn_abs(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  return a.is_undefined() ? a : Value::number(std::fabs(a.num));
}
Value fn_floor(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  return a.is_undefined() ? a : Value::number(std::floor(a.num));
}
Value fn_ceil(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  return a.is_undefined() ? a : Value::number(std::ceil(a.num));
}

double js_math_round(double x) {
  if (!std::isfinite(x)) return x;
  double f = std::floor(x);
  double r = x - f >= 0.5 ? f + 1 : f;
  if (r == 0 && std::signbit(x)) return -0.0;
  return r;
}

// Shifts the decimal point by `by` places through the number's text, as jsonata-js does to
// avoid binary rounding errors: "1.005" shifted by 2 is exactly 100.5.
double shift(double v, double by) {
  // "Infinity" and "NaN" have no exponent to shift: the reference's text becomes NaN.
  if (!std::isfinite(v)) return NAN;
  std::string s;
  num::append(s, v);
  std::size_t e = s.find('e');
  double exp = by;
  if (e != std::string::npos) {
    exp += text::parse_double(std::string_view(s).substr(e + 1));
    s.resize(e);
  }
  if (!std::isfinite(exp) || exp != std::floor(exp)) return NAN;
  s += 'e';
  num::append(s, exp);
  return num::parse_decimal(s.data(), s.size());
}

double round_half_even(double arg, double precision) {
  bool p = precision != 0 && !std::isnan(precision);
  if (p) arg = shift(arg, precision);
  double result = js_math_round(arg);
  double diff = result - arg;
  if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (p) result = shift(result, -precision);
  if (result == 0) result = 0;  // no -0 in JSON
  return result;
}

Value fn_round(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0), p = arg(args, n, 1);
  if (a.is_undefined()) return a;
  return Value::number(round_half_even(a.num, p.is_undefined() ? 0 : p.num));
}

Value fn_sqrt(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  if (a.is_undefined()) return a;
  if (a.num < 0) {
    EvalError& e = c.ev.fail("D3060");
    e.set_value(a);
    e.index = 1;
    e.has_index = true;
    return Value::error();
  }
  return Value::number(std::sqrt(a.num));
}

Value fn_power(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0), x = arg(args, n, 1);
  if (a.is_undefined()) return a;
  // An undefined exponent is NaN to Math.pow; js_pow is Math.pow (its C-library form answers
  // NaN where C's pow answers 1).
  const double r = x.is_undefined() ? NAN : text::js_pow(a.num, x.num);
  if (!std::isfinite(r)) {
    EvalError& e = c.ev.fail("D3061");
    e.set_value(a);
    e.set_exp(x);
    e.index = 1;
    e.has_index = true;
    return Value::error();
  }
  return Value::number(r);
}

Value fn_random(Call& c, const Value*, std::size_t) {
  if (!c.ev.limits.random) {
    EvalError& e = c.ev.fail("JSONATA_NO_RANDOM");
    e.has_message = true;
    e.message = "$random() needs a random source from the host (Limits::random)";
    return Value::error();
  }
  return Value::number(c.ev.limits.random());
}

Value fn_format_base(Call& c, const Value* args, std::size_t n) {
  Value v = arg(args, n, 0), r = arg(args, n, 1);
  if (v.is_undefined()) return v;
  double value = round_half_even(v.num, 0);
  double radix = r.is_undefined() ? 10 : round_half_even(r.num, 0);
  if (!(radix >= 2 && radix <= 36)) {
    c.ev.fail("D3100").set_value(Value::number(radix));
    return Value::error();
  }
  return c.ev.make_string(num::format_radix(value, static_cast<int>(radix)));
}

Value picture_error(Call& c, const Error& e) {
  adopt(c.ev.err, e);
  return Value::error();
}

struct NumberPictureCache {
  std::string picture;
  pictures::DecimalFormat format;
  bool default_options = false;  // no options object: `format` is the default one
  std::shared_ptr<const pictures::NumberPicture> analysed;
  // An everyday picture, which the engine formats itself (simple_number_picture.hpp): in the
  // WASM builds the pictures live in another module, and this saves a crossing per value.
  std::optional<SimpleNumberPicture> simple;
};

Value fn_format_number(Call& c, const Value* args, std::size_t n) {
  Value v = arg(args, n, 0), picture = arg(args, n, 1), options = arg(args, n, 2);
  if (v.is_undefined()) return v;
  pictures::DecimalFormat f;
  if (options.kind == Kind::Object) {
    for (std::uint32_t i = 0; i < options.obj->size; ++i) {
      const Entry& e = options.obj->entries[i];
      Value s = e.value.kind == Kind::String ? e.value : to_string(c.ev, e.value, false);
      if (s.is_error()) return s;
      if (s.kind == Kind::String) pictures::set_decimal_format_property(f, e.k(), s.sv());
    }
  }
  // The analysis depends only on the picture and the options: reuse the last one of this
  // evaluation when both are the same. Errors are not cached (they end the evaluation).
  auto cache = std::static_pointer_cast<NumberPictureCache>(c.ev.number_picture_cache);
  const bool default_options = options.kind != Kind::Object;
  if (!cache || cache->picture != picture.sv() ||
      (default_options ? !cache->default_options : !pictures::same_decimal_format(cache->format, f))) {
    auto analysed = pictures::analyse_number_picture(picture.sv(), f);
    if (!analysed.ok()) return picture_error(c, analysed.error());
    cache = std::make_shared<NumberPictureCache>();
    cache->picture.assign(picture.sv().data(), picture.sv().size());
    cache->format = std::move(f);
    cache->default_options = default_options;
    cache->analysed = std::move(analysed).value();
    if (default_options) cache->simple = simple_number_picture(picture.sv());
    c.ev.number_picture_cache = cache;
  }
  if (cache->simple) {
    char text[kSimpleNumberMax];
    const std::size_t length = format_simple_number(v.num, *cache->simple, text);
    if (length > 0) return c.ev.make_string(std::string_view(text, length));
  }
  auto r = pictures::format_number(v.num, *cache->analysed);
  if (!r.ok()) return picture_error(c, r.error());
  return c.ev.make_string(r.value());
}

Value fn_format_integer(Call& c, const Value* args, std::size_t n) {
  Value v = arg(args, n, 0), picture = arg(args, n, 1);
  if (v.is_undefined()) return v;
  auto r = pictures::format_integer(v.num, picture.sv());
  if (!r.ok()) return picture_error(c, r.error());
  return c.ev.make_string(r.value());
}

Value fn_parse_integer(Call& c, const Value* args, std::size_t n) {
  Value v = arg(args, n, 0), picture = arg(args, n, 1);
  if (v.is_undefined()) return v;
  auto r = pictures::parse_integer(v.sv(), picture.sv());
  if (!r.ok()) return picture_error(c, r.error());
  return r.value() ? Value::number(*r.value()) : Value::undefined();
}

const Builtin kNumeric[] = {
    {"sum", "<a<n>:n>", 1, 1, fn_sum},
    {"count", "<a:n>", 1, 1, fn_count},
    {"max", "<a<n>:n>", 1, 1, fn_max},
    {"min", "<a<n>:n>", 1, 1, fn_min},
    {"average", "<a<n>:n>", 1, 1, fn_average},
    {"number", "<(nsb)-:n>", 1, 1, fn_number},
    {"floor", "<n-:n>", 1, 1, fn_floor},
    {"ceil", "<n-:n>", 1, 1, fn_ceil},
    {"round", "<n-n?:n>", 2, 2, fn_round},
    {"abs", "<n-:n>", 1, 1, fn_abs},
    {"sqrt", "<n-:n>", 1, 1, fn_sqrt},
    {"power", "<n-n:n>", 2, 2, fn_power},
    {"random", "<:n>", 0, 0, fn_random},
    {"formatBase", "<n-n?:s>", 2, 2, fn_format_base},
    {"formatNumber", "<n-so?:s>", 3, 3, fn_format_number},
    {"formatInteger", "<n-s:s>", 2, 2, fn_format_integer},
    {"parseInteger", "<s-s:n>", 2, 2, fn_parse_integer},
};

}  // namespace

const Builtin* numeric_builtins(std::size_t* n) {
  *n = sizeof kNumeric / sizeof kNumeric[0];
  return kNumeric;
}

}  // namespace tb::jsonata
