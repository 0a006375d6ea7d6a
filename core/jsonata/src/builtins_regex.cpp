// Regex values and the matcher protocol ($match, $contains, $replace, $split). A regex literal
// evaluates to a function returning {match, start, end, groups, next}; user functions that
// return the same shape work as matchers too. Offsets are UTF-16 code units, as in JavaScript.
#include <cmath>
#include <string>
#include <utility>

#include "builtins.hpp"
#include "eval_internal.hpp"
#include "numbers.hpp"
#include "poll.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

const std::uint32_t kStartHash = hash_key("start", 5);
const std::uint32_t kEndHash = hash_key("end", 3);
const std::uint32_t kMatchHash = hash_key("match", 5);
const std::uint32_t kGroupsHash = hash_key("groups", 6);
const std::uint32_t kNextHash = hash_key("next", 4);

struct U16 {
  const char16_t* data;
  std::uint32_t len;
};

// The subject's UTF-16 units, written straight into the arena (room for one unit per byte,
// which is never too little): a match on each of many short strings paid a heap string and a
// copy per subject.
bool to_u16(Eval& ev, Value s, U16& out) {
  const std::string_view text = s.sv();
  auto* p = ev.arena.alloc_array<char16_t>(text.size() ? text.size() : 1);
  if (!p) {
    ev.oom();
    return false;
  }
  out.data = p;
  out.len = static_cast<std::uint32_t>(utf::to_utf16(text, p));
  return true;
}

Value u16_string(Eval& ev, const char16_t* s, std::size_t n) {
  // Matches are mostly ASCII: narrowed straight into the arena, no std::string between.
  std::size_t ascii = 0;
  while (ascii < n && s[ascii] < 0x80) ++ascii;
  if (ascii == n) {
    char* p = ev.alloc_chars(n);
    if (!p) return Value::error();
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<char>(s[i]);
    return Value::string(p, n);
  }
  std::string out;
  utf::append_utf16(out, s, n);
  return ev.make_string(out);
}

// A match's text and its groups' (undefined for a group that took no part), as strings.
bool match_strings(Eval& ev, const regex::Match& m, U16 u, Value& text, Array*& groups) {
  groups = new_array(ev.arena, m.groups.size());
  if (!groups) return ev.oom(), false;
  for (const auto& g : m.groups) {
    Value gv = Value::undefined();
    if (g) {
      gv = u16_string(ev, u.data + g->begin, g->end - g->begin);
      if (gv.is_error()) return false;
    }
    groups->items[groups->size++] = gv;
  }
  text = u16_string(ev, u.data + m.index, m.end - m.index);
  return !text.is_error();
}

// One exec of `re` on the subject from `from`; builds the match object or undefined.
Value exec_object(Eval& ev, const regex::Regex* re, Value subject, U16 u, std::uint32_t from, const Node* where) {
  auto r = re->exec(std::u16string_view(u.data, u.len), from, ev.budget);
  if (!r.ok()) {
    adopt(ev.err, r.error());
    return Value::error();
  }
  if (!r.value()) return Value::undefined();
  const regex::Match& m = *r.value();
  Value text;
  Array* groups;
  if (!match_strings(ev, m, u, text, groups)) return Value::error();
  Object* o = new_object(ev.arena, 5);
  auto* next = ev.arena.make<Function>();
  if (!o || !next) return ev.oom();
  std::memset(static_cast<void*>(next), 0, sizeof *next);
  next->kind = FnKind::RegexNext;
  next->re = re;
  next->subject = subject;
  next->next_index = static_cast<std::uint32_t>(m.end);
  next->node = where;
  next->args = reinterpret_cast<Value*>(const_cast<char16_t*>(u.data));  // the subject's UTF-16 units
  next->nparams = u.len;
  if (!set(ev.arena, o, "match", kMatchHash, text) ||
      !set(ev.arena, o, "start", kStartHash, Value::number(static_cast<double>(m.index))) ||
      !set(ev.arena, o, "end", kEndHash, Value::number(static_cast<double>(m.end))) ||
      !set(ev.arena, o, "groups", kGroupsHash, Value::array(groups)) ||
      !set(ev.arena, o, "next", kNextHash, Value::function(next)))
    return ev.oom();
  return Value::object(o);
}

// D1004: a search after the first found an empty match (it would never move on).
Value empty_match(Eval& ev, const regex::Regex* re, const Node* where) {
  const std::u16string& src = re->source();
  std::string pattern;
  utf::append_utf16(pattern, src.data(), src.size());
  EvalError& e = ev.fail("D1004");
  if (where) e.position = where->position;
  e.set_value(Value::string(pattern.data(), pattern.size()));
  return Value::error();
}

Value field(Value o, std::string_view key, std::uint32_t hash) {
  if (o.kind != Kind::Object) return Value::undefined();
  const Value* v = get(o.obj, key, hash);
  return v ? *v : Value::undefined();
}

// A match object's offset as a number (a custom matcher may return anything there; what is
// not a number is NaN here).
double offset(Value m, std::string_view key, std::uint32_t hash) {
  Value v = field(m, key, hash);
  return v.kind == Kind::Number ? v.num : NAN;
}

// String.prototype.substring(from, to) over UTF-16 text: NaN is 0, both ends are clamped to
// the text, and swapped when reversed. Offsets from custom matchers can be anything.
std::size_t js_index(double v, std::uint32_t len) {
  if (!(v > 0)) return 0;
  return v >= len ? len : static_cast<std::size_t>(v);
}
Value js_substring(Eval& ev, U16 u, double from, double to) {
  std::size_t a = js_index(from, u.len), b = js_index(to, u.len);
  if (a > b) std::swap(a, b);
  return u16_string(ev, u.data + a, b - a);
}

// evaluateMatcher: run a matcher and check what it returned.
Value run_matcher(Call& c, Value matcher, Value str) {
  Value r = c.ev.apply(matcher, &str, str.is_undefined() ? 0 : 1, Value::null(), c.env);
  if (r.is_error()) return r;
  if (!js_truthy(r)) return r;
  bool ok = field(r, "start", kStartHash).kind == Kind::Number || field(r, "groups", kGroupsHash).kind == Kind::Array ||
            field(r, "next", kNextHash).kind == Kind::Function;
  if (!ok) {
    c.ev.fail("T1010");
    return Value::error();
  }
  return r;
}

Value next_match(Call& c, Value m) { return run_matcher(c, field(m, "next", kNextHash), Value::undefined()); }

bool limit_ok(Call& c, Value limit, const char* code, int index) {
  if (!limit.is_undefined() && limit.num < 0) {
    EvalError& e = c.ev.fail(code);
    e.set_value(limit);
    e.index = index;
    e.has_index = true;
    return false;
  }
  return true;
}

// One {match, index, groups} of $match's answer from a match of `re` over `u`.
bool push_match(Call& c, Array* result, const regex::Match& m, U16 u) {
  Value text;
  Array* groups;
  if (!match_strings(c.ev, m, u, text, groups)) return false;
  Object* o = new_object(c.ev.arena, 3);
  if (!o || !set(c.ev.arena, o, "match", kMatchHash, text) ||
      !set(c.ev.arena, o, "index", Value::number(static_cast<double>(m.index))) ||
      !set(c.ev.arena, o, "groups", kGroupsHash, Value::array(groups)))
    return c.ev.oom(), false;
  return c.ev.seq_push(result, Value::object(o));
}

// $match with a regex (the usual case) runs it directly: the matcher protocol below builds a
// match object and a `next` function for every match and calls them back, which cost more
// than the matching. Same matches, limits and errors: the matcher's call counts as a frame,
// a search after the first stops at the end of the text and fails on an empty match (D1004),
// and the search after the last one kept is made before the limit is checked, as there.
Value match_regex(Call& c, const Function* f, Value str, Value limit, Array* result) {
  Eval& ev = c.ev;
  if (ev.limits.max_frames > 0 && ev.nesting + 1 > ev.limits.max_frames) {
    return ev.stack_overflow();
  }
  U16 u;
  if (!to_u16(ev, str, u)) return Value::error();
  std::size_t from = 0;
  double count = 0;
  for (;;) {
    const auto found = f->re->exec(std::u16string_view(u.data, u.len), from, ev.budget);
    if (!found.ok()) {
      adopt(ev.err, found.error());
      return Value::error();
    }
    if (!found.value()) break;
    const regex::Match& m = *found.value();
    if (count > 0 && m.end == m.index) return empty_match(ev, f->re, f->node);
    if (!(limit.is_undefined() || count < limit.num)) break;
    if (!push_match(c, result, m, u) || !poll(ev, static_cast<std::size_t>(count))) return Value::error();
    ++count;
    if (m.end >= u.len) break;
    from = m.end;
  }
  return Value::array(result);
}

Value fn_match(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0), re = arg(args, n, 1), limit = arg(args, n, 2);
  if (str.is_undefined()) return str;
  if (!limit_ok(c, limit, "D3040", 3)) return Value::error();
  Array* result = c.ev.new_seq();
  if (!result) return Value::error();
  if (!limit.is_undefined() && !(limit.num > 0)) return Value::array(result);
  if (str.kind == Kind::String && re.kind == Kind::Function && re.fn->kind == FnKind::Regex)
    return match_regex(c, re.fn, str, limit, result);
  Value m = run_matcher(c, re, str);
  double count = 0;
  while (!m.is_error() && !m.is_undefined() && (limit.is_undefined() || count < limit.num)) {
    Object* o = new_object(c.ev.arena, 3);
    if (!o || !set(c.ev.arena, o, "match", kMatchHash, field(m, "match", kMatchHash)) ||
        !set(c.ev.arena, o, "index", field(m, "start", kStartHash)) ||
        !set(c.ev.arena, o, "groups", kGroupsHash, field(m, "groups", kGroupsHash)))
      return c.ev.oom();
    if (!c.ev.seq_push(result, Value::object(o))) return Value::error();
    m = next_match(c, m);
    ++count;
  }
  if (m.is_error()) return m;
  return Value::array(result);
}

Value fn_contains(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0), token = arg(args, n, 1);
  if (str.is_undefined() || token.is_undefined()) return Value::undefined();
  if (token.kind == Kind::String) return Value::boolean(str.sv().find(token.sv()) != std::string_view::npos);
  Value m = run_matcher(c, token, str);
  if (m.is_error()) return m;
  return Value::boolean(!m.is_undefined());
}

// The $n substitutions of a replacement string.
void substitute(std::string& out, std::string_view rep, Value m) {
  Value match = field(m, "match", kMatchHash);
  Value groups = field(m, "groups", kGroupsHash);
  std::size_t ngroups = groups.kind == Kind::Array ? groups.arr->size : 0;
  std::size_t pos = 0;
  std::size_t idx = rep.find('$');
  while (idx != std::string_view::npos && pos < rep.size()) {
    utf::append_js(out, rep.substr(pos, idx - pos));
    pos = idx + 1;
    char d = pos < rep.size() ? rep[pos] : '\0';
    if (d == '$') {
      out += '$';
      ++pos;
    } else if (d == '0') {
      if (match.kind == Kind::String) utf::append_js(out, match.sv());
      ++pos;
    } else {
      std::size_t max_digits = ngroups == 0 ? 1 : static_cast<std::size_t>(std::floor(std::log10(static_cast<double>(ngroups)))) + 1;
      auto parse = [&](std::size_t digits, long* v) {
        std::size_t k = 0;
        long r = 0;
        while (k < digits && pos + k < rep.size() && rep[pos + k] >= '0' && rep[pos + k] <= '9') r = r * 10 + (rep[pos + k++] - '0');
        *v = r;
        return k > 0;
      };
      long index;
      bool ok = parse(max_digits, &index);
      if (ok && max_digits > 1 && static_cast<std::size_t>(index) > ngroups) ok = parse(max_digits - 1, &index);
      if (ok) {
        if (ngroups > 0 && index >= 1 && static_cast<std::size_t>(index) <= ngroups) {
          Value g = groups.arr->items[index - 1];
          if (g.kind == Kind::String) utf::append_js(out, g.sv());
        }
        pos += std::to_string(index).size();
      } else {
        out += '$';
      }
    }
    idx = rep.find('$', pos);
  }
  utf::append_js(out, rep.substr(pos < rep.size() ? pos : rep.size()));
}

Value fn_replace(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0), pattern = arg(args, n, 1), rep = arg(args, n, 2), limit = arg(args, n, 3);
  if (str.is_undefined()) return str;
  if (pattern.kind == Kind::String && pattern.len == 0) {
    EvalError& e = c.ev.fail("D3010");
    e.set_value(pattern);
    e.index = 2;
    e.has_index = true;
    return Value::error();
  }
  if (!limit_ok(c, limit, "D3011", 4)) return Value::error();
  if (!limit.is_undefined() && !(limit.num > 0)) return str;
  std::string out;
  double count = 0;
  if (pattern.kind == Kind::String) {
    std::string_view s = str.sv(), p = pattern.sv();
    std::size_t pos = 0, idx = s.find(p);
    while (idx != std::string_view::npos && (limit.is_undefined() || count < limit.num)) {
      utf::append_js(out, s.substr(pos, idx - pos));
      utf::append_js(out, rep.kind == Kind::String ? rep.sv() : std::string_view());
      pos = idx + p.size();
      ++count;
      // Many matches in a long string: let the time limit stop it.
      if ((static_cast<std::uint64_t>(count) & 1023) == 0 && !c.ev.check_limits()) return Value::error();
      idx = s.find(p, pos);
    }
    utf::append_js(out, s.substr(pos));
    return c.ev.make_string(out);
  }
  Value m = run_matcher(c, pattern, str);
  if (m.is_error()) return m;
  if (m.is_undefined()) return str;
  U16 u;
  if (!to_u16(c.ev, str, u)) return Value::error();
  std::u16string acc;
  double position = 0;
  while (!m.is_undefined() && (limit.is_undefined() || count < limit.num)) {
    double start = offset(m, "start", kStartHash);
    std::size_t a = js_index(position, u.len), b = js_index(start, u.len);
    if (a > b) std::swap(a, b);
    acc.append(u.data + a, b - a);
    Value with;
    if (rep.kind == Kind::String) {
      std::string s;
      substitute(s, rep.sv(), m);
      with = c.ev.make_string(s);
    } else {
      with = c.ev.apply(rep, &m, 1, Value::null(), c.env);
    }
    if (with.is_error()) return with;
    if (with.kind != Kind::String) {
      c.ev.fail("D3012").set_value(with);
      return Value::error();
    }
    acc += utf::to_utf16(with.sv());
    Value text = field(m, "match", kMatchHash);
    position = start + (text.kind == Kind::String ? static_cast<double>(utf::utf16_length(text.sv())) : 0);
    ++count;
    if ((static_cast<std::uint64_t>(count) & 1023) == 0 && !c.ev.check_limits()) return Value::error();
    m = next_match(c, m);
    if (m.is_error()) return m;
  }
  std::size_t tail = js_index(position, u.len);
  acc.append(u.data + tail, u.len - tail);
  return u16_string(c.ev, acc.data(), acc.size());
}

Value fn_split(Call& c, const Value* args, std::size_t n) {
  Value str = arg(args, n, 0), sep = arg(args, n, 1), limit = arg(args, n, 2);
  if (str.is_undefined()) return str;
  if (!limit_ok(c, limit, "D3020", 3)) return Value::error();
  Array* result = new_array(c.ev.arena, 4);
  if (!result) return c.ev.oom();
  if (!limit.is_undefined() && !(limit.num > 0)) return Value::array(result);
  auto add = [&](Value v) { return !v.is_error() && push(c.ev.arena, result, v); };
  if (sep.kind == Kind::String) {
    // String.prototype.split: the limit is converted with ToUint32.
    double lim = limit.is_undefined() ? 4294967295.0 : std::fmod(std::trunc(limit.num), 4294967296.0);
    std::string_view s = str.sv(), p = sep.sv();
    if (p.empty()) {
      std::u16string u = utf::to_utf16(s);
      for (std::size_t i = 0; i < u.size() && result->size < lim; ++i)
        if (!add(u16_string(c.ev, u.data() + i, 1))) return Value::error();
      return Value::array(result);
    }
    std::size_t pos = 0;
    while (result->size < lim) {
      std::size_t idx = s.find(p, pos);
      std::string_view piece = s.substr(pos, idx == std::string_view::npos ? std::string_view::npos : idx - pos);
      if (!add(Value::string(piece.data(), piece.size()))) return c.ev.oom();
      if (idx == std::string_view::npos) break;
      pos = idx + p.size();
    }
    return Value::array(result);
  }
  Value m = run_matcher(c, sep, str);
  if (m.is_error()) return m;
  if (m.is_undefined()) {
    if (!add(str)) return c.ev.oom();
    return Value::array(result);
  }
  U16 u;
  if (!to_u16(c.ev, str, u)) return Value::error();
  double start = 0, count = 0;
  while (!m.is_undefined() && (limit.is_undefined() || count < limit.num)) {
    if (!add(js_substring(c.ev, u, start, offset(m, "start", kStartHash)))) return Value::error();
    start = offset(m, "end", kEndHash);
    m = next_match(c, m);
    if (m.is_error()) return m;
    ++count;
  }
  if (limit.is_undefined() || count < limit.num) {
    if (!add(js_substring(c.ev, u, start, u.len))) return Value::error();
  }
  return Value::array(result);
}

const Builtin kRegex[] = {
    {"match", "<s-f<s:o>n?:a<o>>", 3, 3, fn_match},
    {"contains", "<s-(sf):b>", 2, 2, fn_contains},
    {"replace", "<s-(sf)(sf)n?:s>", 4, 4, fn_replace},
    {"split", "<s-(sf)n?:a<s>>", 3, 3, fn_split},
};

// String(v) as JavaScript writes it, which is what RegExp.prototype.exec searches when a regex
// is applied to a non-string: arrays join their items with commas (null and undefined items
// as nothing), objects are "[object Object]". Functions write nothing, as $string has them.
bool js_text(Value v, std::string& out, int depth) {
  switch (v.kind) {
    case Kind::Undefined: out += "undefined"; return true;
    case Kind::Null: out += "null"; return true;
    case Kind::Bool: out += v.b ? "true" : "false"; return true;
    case Kind::Number: num::append(out, v.num); return true;
    case Kind::String: out.append(v.str, v.len); return true;
    case Kind::Object: out += "[object Object]"; return true;
    case Kind::Array:
      if (depth > 4096) return false;
      for (std::uint32_t i = 0; i < v.arr->size; ++i) {
        if (i) out += ',';
        Value item = v.arr->items[i];
        if (item.kind != Kind::Null && item.kind != Kind::Undefined && !js_text(item, out, depth + 1)) return false;
      }
      return true;
    default: return true;
  }
}

}  // namespace

Value regex_call(Eval& ev, Function* f, const Value* args, std::size_t n) {
  Value str = n ? args[0] : Value::undefined();
  if (str.kind != Kind::String) {
    std::string text;
    if (!js_text(str, text, 0)) {
      return ev.stack_overflow();
    }
    str = ev.make_string(text);
    if (str.is_error()) return str;
  }
  double from = n > 1 && args[1].kind == Kind::Number ? args[1].num : 0;
  U16 u;
  if (!to_u16(ev, str, u)) return Value::error();
  if (!(from >= 0)) from = 0;
  if (from > u.len) return Value::undefined();
  return exec_object(ev, f->re, str, u, static_cast<std::uint32_t>(from), f->node);
}

Value regex_next(Eval& ev, Function* f) {
  U16 u{reinterpret_cast<const char16_t*>(f->args), f->nparams};
  if (f->next_index >= u.len) return Value::undefined();
  Value m = exec_object(ev, f->re, f->subject, u, f->next_index, f->node);
  if (m.is_error() || m.is_undefined()) return m;
  const Value* text = get(m.obj, "match", kMatchHash);
  if (text && text->kind == Kind::String && text->len == 0) return empty_match(ev, f->re, f->node);
  return m;
}

const Builtin* regex_builtins(std::size_t* n) {
  *n = sizeof kRegex / sizeof kRegex[0];
  return kRegex;
}

}  // namespace tb::jsonata
