#include "signature.hpp"

#include <cstring>

namespace tb::jsonata {
namespace {

std::size_t closing(std::string_view s, std::size_t start, char open, char close) {
  int depth = 1;
  std::size_t pos = start;
  while (pos < s.size()) {
    ++pos;
    if (pos >= s.size()) break;
    if (s[pos] == close) {
      if (--depth == 0) break;
    } else if (s[pos] == open) {
      ++depth;
    }
  }
  return pos;
}

struct Quant {
  std::size_t min, max;
  bool greedy;
};

Quant quant_of(const std::string& q) {
  if (q.empty()) return {1, 1, true};
  Quant r{1, 1, true};
  if (q[0] == '?') r = {0, 1, true};
  else if (q[0] == '+') r = {1, static_cast<std::size_t>(-1), true};
  if (q.size() > 1 && q[1] == '?') r.greedy = false;
  return r;
}

// Backtracking match of symbols[pos..] against params[i..], as the JavaScript regex built from
// the signature would match: greedy quantifiers try the longest run first. `anchored` adds '$'.
bool match_from(const std::vector<SigParam>& params, std::size_t count, std::size_t i, const std::string& sym,
                std::size_t pos, bool anchored, std::size_t* lens, std::size_t* end) {
  if (i == count) {
    if (anchored && pos != sym.size()) return false;
    *end = pos;
    return true;
  }
  const SigParam& p = params[i];
  Quant q = quant_of(p.quant);
  std::size_t run = 0;
  while (pos + run < sym.size() && run < q.max && p.chars.find(sym[pos + run]) != std::string::npos) ++run;
  if (run < q.min) return false;
  if (q.greedy) {
    for (std::size_t c = run + 1; c-- > q.min;) {
      lens[i] = c;
      if (match_from(params, count, i + 1, sym, pos + c, anchored, lens, end)) return true;
    }
  } else {
    for (std::size_t c = q.min; c <= run; ++c) {
      lens[i] = c;
      if (match_from(params, count, i + 1, sym, pos + c, anchored, lens, end)) return true;
    }
  }
  return false;
}

const char* plural(const std::string& subtype) {
  if (subtype == "a") return "arrays";
  if (subtype == "b") return "booleans";
  if (subtype == "f") return "functions";
  if (subtype == "n") return "numbers";
  if (subtype == "o") return "objects";
  if (subtype == "s") return "strings";
  return nullptr;
}

}  // namespace

bool parse_signature(std::string_view sig, Signature& out, SigParseError& err) {
  out.definition.assign(sig.data(), sig.size());
  out.params.clear();
  SigParam param;
  int prev = -1;  // index of the previous parameter; -1 = the not-yet-pushed one
  auto prev_param = [&]() -> SigParam& { return prev < 0 ? param : out.params[static_cast<std::size_t>(prev)]; };
  auto push = [&]() {
    out.params.push_back(param);
    prev = static_cast<int>(out.params.size()) - 1;
    param = SigParam();
  };
  for (std::size_t pos = 1; pos < sig.size(); ++pos) {
    char c = sig[pos];
    if (c == ':') break;
    switch (c) {
      case 's': case 'n': case 'b': case 'l': case 'o':
        param.type = c;
        param.chars = std::string(1, c) + "m";
        push();
        break;
      case 'a':
        param.type = 'a';
        param.chars = "asnblfom";
        push();
        break;
      case 'f':
        param.type = 'f';
        param.chars = "f";
        push();
        break;
      case 'j':
        param.type = 'j';
        param.chars = "asnblom";
        push();
        break;
      case 'x':
        param.type = 'x';
        param.chars = "asnblfom";
        push();
        break;
      case '-': {
        SigParam& p = prev_param();
        p.context = true;
        p.context_chars = p.chars;
        p.quant += '?';
        break;
      }
      case '?':
      case '+':
        prev_param().quant += c;
        break;
      case '(': {
        std::size_t end = closing(sig, pos, '(', ')');
        std::string choice(sig.substr(pos + 1, end - pos - 1));
        if (choice.find('<') != std::string::npos) {
          err.code = "S0402";
          err.offset = pos;
          err.value = choice;
          return false;
        }
        param.type = '(';
        param.chars = choice + "m";
        pos = end;
        push();
        break;
      }
      case '<': {
        SigParam& p = prev_param();
        if (p.type == 'a' || p.type == 'f') {
          std::size_t end = closing(sig, pos, '<', '>');
          p.subtype.assign(sig.data() + pos + 1, end - pos - 1);
          pos = end;
        } else {
          err.code = "S0401";
          err.offset = pos;
          err.value = std::string(1, p.type == '(' ? '(' : p.type);
          return false;
        }
        break;
      }
      default:
        break;
    }
  }
  return true;
}

char type_symbol(Value v) {
  switch (v.kind) {
    case Kind::String: return 's';
    case Kind::Number: return 'n';
    case Kind::Bool: return 'b';
    case Kind::Null: return 'l';
    case Kind::Array: return 'a';
    case Kind::Object: return 'o';
    case Kind::Function: return 'f';
    default: return 'm';
  }
}

bool validate_signature(const Signature& sig, const Value* args, std::size_t n, Value context, Arena& arena,
                        Value* out, std::size_t* out_n, SigCheckError& err) {
  std::string sym;
  sym.reserve(n);
  for (std::size_t i = 0; i < n; ++i) sym += type_symbol(args[i]);
  const auto& params = sig.params;
  std::size_t lens_buf[16];
  std::vector<std::size_t> lens_vec;
  std::size_t* lens = lens_buf;
  if (params.size() > 16) {
    lens_vec.resize(params.size());
    lens = lens_vec.data();
  }
  std::size_t end = 0;
  if (!match_from(params, params.size(), 0, sym, 0, true, lens, &end)) {
    // Which argument is wrong: match ever longer prefixes of the signature.
    std::size_t good = 0;
    for (std::size_t k = 1; k <= params.size(); ++k) {
      std::size_t e = 0;
      if (!match_from(params, k, 0, sym, 0, false, lens, &e)) break;
      good = e;
    }
    err.code = "T0410";
    err.value = good < n ? args[good] : Value::undefined();
    err.index = static_cast<int>(good) + 1;
    return false;
  }
  std::size_t w = 0, arg = 0, at = 0;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const SigParam& p = params[i];
    std::size_t len = lens[i];
    std::string_view match(sym.data() + at, len);
    at += len;
    if (len == 0) {
      if (p.context) {
        if (p.context_chars.find(type_symbol(context)) == std::string::npos) {
          err.code = "T0411";
          err.value = context;
          err.index = static_cast<int>(arg) + 1;
          return false;
        }
        out[w++] = context;
      } else {
        out[w++] = arg < n ? args[arg] : Value::undefined();
        ++arg;
      }
      continue;
    }
    for (char single : match) {
      Value v = arg < n ? args[arg] : Value::undefined();
      if (p.type == 'a') {
        if (single == 'm') {
          v = Value::undefined();
        } else {
          bool ok = true;
          if (!p.subtype.empty()) {
            if (single != 'a' && match != p.subtype) {
              ok = false;
            } else if (single == 'a' && v.arr->size > 0) {
              char first = type_symbol(v.arr->items[0]);
              if (first != p.subtype[0]) {
                ok = false;
              } else {
                for (std::uint32_t k = 1; k < v.arr->size && ok; ++k)
                  if (type_symbol(v.arr->items[k]) != first) ok = false;
              }
            }
          }
          if (!ok) {
            err.code = "T0412";
            err.value = v;
            err.index = static_cast<int>(arg) + 1;
            const char* pl = plural(p.subtype);
            err.type = pl ? pl : "";
            return false;
          }
          if (single != 'a') {
            Array* wrapped = new_array(arena, 1);
            if (!wrapped) return false;
            wrapped->items[0] = v;
            wrapped->size = 1;
            v = Value::array(wrapped);
          }
        }
      }
      out[w++] = v;
      ++arg;
    }
  }
  *out_n = w;
  return true;
}

}  // namespace tb::jsonata
