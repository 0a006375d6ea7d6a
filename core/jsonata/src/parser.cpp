// Pratt parser with jsonata-js's binding powers, token protocol and error codes.
#include "parser.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "lexer.hpp"
#include "numbers.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

// Tokens are compared as string_views against literals: the length is known at compile time,
// so a comparison is a size check and a short inline memcmp (comparing std::string with a
// const char* called strlen and compare() on every test, 40 % of compile time). The operator
// tables are switches over the token packed (at most 3 bytes) into one integer.
constexpr std::uint32_t pack(std::string_view s) {
  if (s.empty() || s.size() > 3) return 0;
  std::uint32_t v = static_cast<std::uint32_t>(s.size()) << 24;
  for (std::size_t i = 0; i < s.size(); ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << (8 * i);
  return v;
}

// A token's id as one integer: an operator packed, or one of the classes below (a packed
// string is at least 1 << 24, so they cannot collide). The parser compares ids all the time.
constexpr std::uint32_t kIdEnd = 1, kIdName = 2, kIdLiteral = 3, kIdRegex = 4;
constexpr std::uint32_t code(std::string_view s) {
  return s == "(end)" ? kIdEnd : s == "(name)" ? kIdName : s == "(literal)" ? kIdLiteral : s == "(regex)" ? kIdRegex : pack(s);
}
// Folded at compile time, whatever the optimisation level.
#define ID(s) std::integral_constant<std::uint32_t, code(s)>::value

bool known_operator(std::uint32_t op) {
  switch (op) {
    case pack(":"): case pack(";"): case pack(","): case pack(")"): case pack("]"): case pack("}"):
    case pack(".."): case pack("."): case pack("+"): case pack("-"): case pack("*"): case pack("/"):
    case pack("%"): case pack("="): case pack("<"): case pack(">"): case pack("!="): case pack("<="):
    case pack(">="): case pack("&"): case pack("and"): case pack("or"): case pack("in"): case pack("~>"):
    case pack("??"): case pack("**"): case pack("("): case pack("["): case pack("^"): case pack("{"):
    case pack(":="): case pack("@"): case pack("#"): case pack("?"): case pack("?:"): case pack("|"):
      return true;
    default:
      return false;
  }
}

int binding_power(std::uint32_t id) {
  switch (id) {
    case pack("["): case pack("("): case pack("@"): case pack("#"): return 80;
    case pack("."): return 75;
    case pack("{"): return 70;
    case pack("*"): case pack("/"): case pack("%"): return 60;
    case pack("+"): case pack("-"): case pack("&"): return 50;
    case pack("="): case pack("<"): case pack(">"): case pack("!="): case pack("<="): case pack(">="):
    case pack("in"): case pack("~>"): case pack("??"): case pack("?:"): case pack("^"): return 40;
    case pack("and"): return 30;
    case pack("or"): return 25;
    case pack("?"): return 20;
    case pack(":="): return 10;
    default: return 0;
  }
}

Op binary_op(std::uint32_t id) {
  switch (id) {
    case pack("."): return Op::Dot;
    case pack("+"): return Op::Add;
    case pack("-"): return Op::Sub;
    case pack("*"): return Op::Mul;
    case pack("/"): return Op::Div;
    case pack("%"): return Op::Mod;
    case pack("="): return Op::Eq;
    case pack("!="): return Op::Ne;
    case pack("<"): return Op::Lt;
    case pack("<="): return Op::Le;
    case pack(">"): return Op::Gt;
    case pack(">="): return Op::Ge;
    case pack("&"): return Op::Concat;
    case pack("and"): return Op::And;
    case pack("or"): return Op::Or;
    case pack("in"): return Op::In;
    case pack("~>"): return Op::Chain;
    default: return Op::None;
  }
}

class Parser {
 public:
  Parser(Program& prog, std::string_view src, EvalError& err) : prog_(prog), lex_(src, prog.pool), src_(src), err_(err) {}

  Node* run() {
    if (!advance()) return nullptr;
    Node* expr = expression(0);
    if (!expr) return nullptr;
    if (id_ != kIdEnd) {
      fail_token("S0201", cur_.position);
      return nullptr;
    }
    return expr;
  }

 private:
  static std::uint32_t id_of(const Token& t) {
    switch (t.type) {
      case Tok::End: return kIdEnd;
      case Tok::Name:
      case Tok::Variable: return kIdName;
      case Tok::String:
      case Tok::Number:
      case Tok::Value: return kIdLiteral;
      case Tok::Regex: return kIdRegex;
      case Tok::Operator: return pack(t.text);
    }
    return 0;
  }

  // The token's `value` as jsonata-js reports it in errors.
  void token_value(const Token& t, EvalError& e) {
    e.has_token = true;
    e.token_is_json = false;
    switch (t.type) {
      case Tok::End: e.token = "(end)"; break;
      case Tok::Number:
        e.token.clear();
        num::append(e.token, t.num);
        e.token_is_json = true;
        break;
      case Tok::Value:
        e.token = t.value == 0 ? "null" : t.value == 1 ? "true" : "false";
        e.token_is_json = true;
        break;
      default: e.token.assign(t.text.data(), t.text.size()); break;
    }
  }

  std::nullptr_t fail_token(const char* code, std::uint32_t pos) {
    err_.code = code;
    err_.position = pos;
    token_value(cur_, err_);
    failed_ = true;
    return nullptr;
  }

  std::nullptr_t fail(const char* code, std::uint32_t pos) {
    err_.code = code;
    err_.position = pos;
    failed_ = true;
    return nullptr;
  }

  // advance() past the current token, which must be `text` (its id `id`).
  bool expect(std::uint32_t id, const char* text, bool infix = false) {
    if (id_ != id) {
      fail_token(cur_.type == Tok::End ? "S0203" : "S0202", cur_.position);
      err_.has_value = true;
      err_.value_json.clear();
      write_json_string_(err_.value_json, text);
      return false;
    }
    return advance(infix);
  }

  bool advance(bool infix = false) {
    // Read straight into cur_ (the token it held is no longer needed; on an error the
    // parse stops and only err_ is read).
    LexError le;
    Token& t = cur_;
    if (!lex_.next(infix, t, le)) {
      err_.code = le.code;
      err_.position = le.position;
      if (le.has_token) err_.set_token(le.token);
      failed_ = true;
      return false;
    }
    id_ = id_of(t);
    if (t.type == Tok::Operator && !known_operator(id_)) {
      err_.code = "S0204";
      err_.position = t.position;
      err_.set_token(t.text);
      failed_ = true;
      return false;
    }
    if (t.type == Tok::End) t.position = static_cast<std::uint32_t>(lex_.source_units());
    return true;
  }

  static void write_json_string_(std::string& out, const char* s) {
    out += '"';
    out += s;
    out += '"';
  }

  std::uint16_t height(Node* n) {
    // Most nodes are leaves or plain binary operators: no need to look at every child field.
    switch (n->type) {
      case NT::Name: case NT::Variable: case NT::String: case NT::Number: case NT::Literal: case NT::Wildcard:
      case NT::Descendant: case NT::Parent: case NT::Regex: case NT::End: case NT::Operator: case NT::Placeholder:
        return 1;
      case NT::Binary:
        if (n->op != Op::Group && n->op != Op::OrderBy) {
          const int l = n->lhs ? n->lhs->depth : 0, r = n->rhs ? n->rhs->depth : 0;
          return static_cast<std::uint16_t>(std::min((l > r ? l : r) + 1, 60000));
        }
        break;
      default:
        break;
    }
    int h = 0;
    auto see = [&](const Node* c) {
      if (c && c->depth > h) h = c->depth;
    };
    see(n->lhs);
    see(n->rhs);
    see(n->expr);
    see(n->condition);
    see(n->then);
    see(n->otherwise);
    see(n->pattern);
    see(n->update);
    see(n->del);
    see(n->procedure);
    see(n->body);
    for (Node* c : n->list) see(c);
    for (auto& p : n->pairs) {
      see(p.first);
      see(p.second);
    }
    for (auto& t : n->terms) see(t.expr);
    return static_cast<std::uint16_t>(std::min(h + 1, 60000));
  }

  Node* finish(Node* n) {
    if (!n) return nullptr;
    n->depth = height(n);
    if (n->depth > kMaxSyntaxDepth) {
      err_.code = "S0201";
      err_.position = n->position;
      err_.set_token("(nesting)");
      err_.has_message = true;
      err_.message = "Syntax error: expression nested too deeply";
      failed_ = true;
      return nullptr;
    }
    return n;
  }

  Node* expression(int rbp) {
    if (++recursion_ > kMaxSyntaxDepth) {
      err_.code = "S0201";
      err_.position = cur_.position;
      token_value(cur_, err_);
      err_.has_message = true;
      err_.message = "Syntax error: expression nested too deeply";
      return nullptr;
    }
    const Token t = cur_;  // advance() replaces cur_
    if (!advance(true)) return nullptr;
    Node* left = finish(nud(t));
    while (left && rbp < binding_power(id_)) {
      const Token op = cur_;
      const std::uint32_t op_id = id_;
      if (!advance()) return nullptr;
      left = finish(led(op, op_id, left));
    }
    --recursion_;
    return left;
  }

  Node* literal_node(const Token& t) {
    Node* n;
    switch (t.type) {
      case Tok::String: {
        n = prog_.make(NT::String, t.position);
        n->text = t.text;
        break;
      }
      case Tok::Number:
        n = prog_.make(NT::Number, t.position);
        n->literal = Value::number(t.num);
        return n;
      default:
        n = prog_.make(NT::Literal, t.position);
        n->literal = t.value == 0 ? Value::null() : Value::boolean(t.value == 1);
        return n;
    }
    return n;
  }

  Node* nud(const Token& t) {
    switch (t.type) {
      case Tok::End: {
        Node* n = prog_.make(NT::End, t.position);
        n->text = "(end)";
        return n;
      }
      case Tok::Name:
      case Tok::Variable: {
        Node* n = prog_.make(t.type == Tok::Name ? NT::Name : NT::Variable, t.position);
        n->text = t.text;
        return n;
      }
      case Tok::String:
      case Tok::Number:
      case Tok::Value:
        return literal_node(t);
      case Tok::Regex: {
        Node* n = prog_.make(NT::Regex, t.position);
        n->text = t.text;
        std::string flags(t.flags);
        flags += 'g';  // jsonata-js compiles every regex global
        auto re = regex::Regex::compile(utf::to_utf16(t.text), flags);
        if (!re.ok()) {
          // jsonata-js reports JavaScript's SyntaxError here, which has no JSONata code;
          // the regex module's code (REGEX_SYNTAX) stands in for it.
          err_.code = re.error().code;
          err_.position = t.position;
          err_.set_token(t.text);
          err_.has_message = true;
          err_.message = "Invalid regular expression: /" + std::string(t.text) + "/: " + re.error().message;
          failed_ = true;
          return nullptr;
        }
        prog_.regexes.push_back(std::make_unique<regex::Regex>(std::move(re).value()));
        n->regex = prog_.regexes.back().get();
        return n;
      }
      case Tok::Operator:
        break;
    }
    Node* n = nud_operator(t);
    if (n) n->text = t.text;
    return n;
  }

  Node* nud_operator(const Token& t) {
    const std::string_view op = t.text;
    if (op == "and" || op == "or" || op == "in") {
      Node* n = prog_.make(NT::Operator, t.position);
      n->text = op;
      return n;
    }
    if (op == "-") {
      Node* n = prog_.make(NT::Negate, t.position);
      n->expr = expression(70);
      return n->expr ? n : nullptr;
    }
    if (op == "*") return prog_.make(NT::Wildcard, t.position);
    if (op == "**") return prog_.make(NT::Descendant, t.position);
    if (op == "%") return prog_.make(NT::Parent, t.position);
    if (op == "(") return block(t);
    if (op == "[") return array(t);
    if (op == "{") return object(t, nullptr);
    if (op == "|") return transform(t);
    err_.code = "S0211";
    err_.position = t.position;
    token_value(t, err_);
    failed_ = true;
    return nullptr;
  }

  Node* block(const Token& t) {
    Node* n = prog_.make(NT::Block, t.position);
    while (id_ != ID(")")) {
      Node* e = expression(0);
      if (!e) return nullptr;
      n->list.push_back(prog_.pool, e);
      if (id_ != ID(";")) break;
      if (!expect(ID(";"), ";")) return nullptr;
    }
    if (!expect(ID(")"), ")", true)) return nullptr;
    return n;
  }

  Node* array(const Token& t) {
    Node* n = prog_.make(NT::ArrayCons, t.position);
    if (id_ != ID("]")) {
      for (;;) {
        Node* item = expression(0);
        if (!item) return nullptr;
        if (id_ == ID("..")) {
          Node* range = prog_.make(NT::Binary, cur_.position);
          range->op = Op::Range;
          range->lhs = item;
          if (!expect(ID(".."), "..")) return nullptr;
          range->rhs = expression(0);
          if (!range->rhs) return nullptr;
          item = finish(range);
          if (!item) return nullptr;
        }
        n->list.push_back(prog_.pool, item);
        if (id_ != ID(",")) break;
        if (!expect(ID(","), ",")) return nullptr;
      }
    }
    if (!expect(ID("]"), "]", true)) return nullptr;
    return n;
  }

  Node* object(const Token& t, Node* left) {
    Node* n = prog_.make(left ? NT::Binary : NT::ObjectCons, t.position);
    if (left) {
      n->op = Op::Group;
      n->lhs = left;
    }
    if (id_ != ID("}")) {
      for (;;) {
        Node* k = expression(0);
        if (!k || !expect(ID(":"), ":")) return nullptr;
        Node* v = expression(0);
        if (!v) return nullptr;
        n->pairs.push_back(prog_.pool, {k, v});
        if (id_ != ID(",")) break;
        if (!expect(ID(","), ",")) return nullptr;
      }
    }
    if (!expect(ID("}"), "}", true)) return nullptr;
    return n;
  }

  Node* transform(const Token& t) {
    Node* n = prog_.make(NT::Transform, t.position);
    n->pattern = expression(0);
    if (!n->pattern || !expect(ID("|"), "|")) return nullptr;
    n->update = expression(0);
    if (!n->update) return nullptr;
    if (id_ == ID(",")) {
      if (!expect(ID(","), ",")) return nullptr;
      n->del = expression(0);
      if (!n->del) return nullptr;
    }
    if (!expect(ID("|"), "|")) return nullptr;
    return n;
  }

  Node* led(const Token& t, std::uint32_t id, Node* left) {
    Node* n = led_operator(t, id, left);
    // A node made from an operator token has that operator as its value (error tokens).
    if (n && n != left && n->type != NT::Lambda) n->text = t.text;
    return n;
  }

  Node* led_operator(const Token& t, std::uint32_t id, Node* left) {
    // The plain binary operators first (most of them), by the token's id.
    if (const Op bin = binary_op(id); bin != Op::None) {
      Node* n = prog_.make(NT::Binary, t.position);
      n->op = bin;
      n->lhs = left;
      n->rhs = expression(binding_power(id));
      return n->rhs ? n : nullptr;
    }
    switch (id) {
      case ID("("): return call(t, left);
      case ID("["): return filter(t, left);
      case ID("{"): return object(t, left);
      case ID("^"): return order_by(t, left);
      default: break;
    }
    const std::string_view op = t.text;
    if (op == "?") {
      Node* n = prog_.make(NT::Condition, t.position);
      n->condition = left;
      n->then = expression(0);
      if (!n->then) return nullptr;
      if (id_ == ID(":")) {
        if (!expect(ID(":"), ":")) return nullptr;
        n->otherwise = expression(0);
        if (!n->otherwise) return nullptr;
      }
      return n;
    }
    if (op == "?:" || op == "??") {
      Node* n = prog_.make(NT::Condition, t.position);
      Node* copy = clone(left);
      if (op == "?:") {
        n->condition = copy;
      } else {
        Node* exists = prog_.make(NT::Function, 0);
        Node* proc = prog_.make(NT::Variable, 0);
        proc->text = "exists";
        exists->procedure = proc;
        exists->list.push_back(prog_.pool, copy);
        exists->depth = static_cast<std::uint16_t>(copy->depth + 1);
        n->condition = exists;
      }
      n->then = left;
      n->otherwise = expression(0);
      return n->otherwise ? n : nullptr;
    }
    if (op == ":=") {
      if (left->type != NT::Variable) {
        err_.code = "S0212";
        err_.position = left->position;
        node_token(left, err_);
        failed_ = true;
        return nullptr;
      }
      Node* n = prog_.make(NT::Binary, t.position);
      n->op = Op::Assign;
      n->lhs = left;
      n->rhs = expression(9);
      return n->rhs ? n : nullptr;
    }
    if (op == "@" || op == "#") {
      Node* n = prog_.make(NT::Binary, t.position);
      n->op = op == "@" ? Op::Focus : Op::Index;
      n->lhs = left;
      n->rhs = expression(80);
      if (!n->rhs) return nullptr;
      if (n->rhs->type != NT::Variable) {
        err_.code = "S0214";
        err_.position = n->rhs->position;
        err_.set_token(t.text);
        failed_ = true;
        return nullptr;
      }
      return n;
    }
    // Every token with a binding power is one of the above.
    err_.code = "S0201";
    err_.position = t.position;
    token_value(t, err_);
    failed_ = true;
    return nullptr;
  }

  Node* call(const Token& t, Node* left) {
    Node* n = prog_.make(NT::Function, t.position);
    n->procedure = left;
    if (id_ != ID(")")) {
      for (;;) {
        if (cur_.type == Tok::Operator && std::string_view(cur_.text) == "?") {
          n->type = NT::Partial;
          n->list.push_back(prog_.pool, prog_.make(NT::Placeholder, cur_.position));
          if (!expect(ID("?"), "?")) return nullptr;
        } else {
          Node* a = expression(0);
          if (!a) return nullptr;
          n->list.push_back(prog_.pool, a);
        }
        if (id_ != ID(",")) break;
        if (!expect(ID(","), ",")) return nullptr;
      }
    }
    if (!expect(ID(")"), ")", true)) return nullptr;
    if (left->type == NT::Name && (left->text == "function" || left->text == "\xCE\xBB")) {
      for (std::size_t i = 0; i < n->list.size(); ++i) {
        Node* a = n->list[i];
        if (a->type != NT::Variable) {
          err_.code = "S0208";
          err_.position = a->position;
          node_token(a, err_);
          err_.set_value(Value::number(static_cast<double>(i + 1)));
          failed_ = true;
          return nullptr;
        }
      }
      n->type = NT::Lambda;
      if (id_ == ID("<")) {
        std::uint32_t sig_pos = cur_.position;
        int depth = 1;
        std::string sig = "<";
        while (depth > 0 && id_ != ID("{") && id_ != ID("(end)")) {
          if (!advance()) return nullptr;
          if (id_ == ID(">")) --depth;
          else if (id_ == ID("<")) ++depth;
          EvalError tmp;
          token_value(cur_, tmp);
          sig += cur_.type == Tok::End ? std::string() : tmp.token;
        }
        if (!expect(ID(">"), ">")) return nullptr;
        auto s = std::make_unique<Signature>();
        SigParseError se;
        if (!parse_signature(sig, *s, se)) {
          err_.code = se.code;
          err_.position = sig_pos + static_cast<std::uint32_t>(se.offset);
          err_.has_value = true;
          err_.value_json.clear();
          write_json_string_(err_.value_json, se.value.c_str());
          failed_ = true;
          return nullptr;
        }
        prog_.signatures.push_back(std::move(s));
        n->signature = prog_.signatures.back().get();
      }
      if (!expect(ID("{"), "{")) return nullptr;
      n->body = expression(0);
      if (!n->body || !expect(ID("}"), "}")) return nullptr;
    }
    return n;
  }

  Node* filter(const Token& t, Node* left) {
    if (id_ == ID("]")) {
      Node* step = left;
      while (step && step->type == NT::Binary && step->op == Op::Filter) step = step->lhs;
      step->keep_array = true;
      if (!expect(ID("]"), "]")) return nullptr;
      return left;
    }
    Node* n = prog_.make(NT::Binary, t.position);
    n->op = Op::Filter;
    n->lhs = left;
    n->rhs = expression(0);
    if (!n->rhs || !expect(ID("]"), "]", true)) return nullptr;
    return n;
  }

  Node* order_by(const Token& t, Node* left) {
    if (!expect(ID("("), "(")) return nullptr;
    Node* n = prog_.make(NT::Binary, t.position);
    n->op = Op::OrderBy;
    n->lhs = left;
    for (;;) {
      SortTerm term;
      if (id_ == ID("<")) {
        if (!expect(ID("<"), "<")) return nullptr;
      } else if (id_ == ID(">")) {
        term.descending = true;
        if (!expect(ID(">"), ">")) return nullptr;
      }
      term.expr = expression(0);
      if (!term.expr) return nullptr;
      n->terms.push_back(prog_.pool, term);
      if (id_ != ID(",")) break;
      if (!expect(ID(","), ",")) return nullptr;
    }
    if (!expect(ID(")"), ")")) return nullptr;
    return n;
  }

  // Deep copy of a raw tree (jsonata-js clones the left side of ?: and ?? through JSON).
  Node* clone(const Node* src) {
    if (!src) return nullptr;
    Node* n = prog_.make(src->type, src->position);
    *n = *src;
    n->lhs = clone(src->lhs);
    n->rhs = clone(src->rhs);
    n->expr = clone(src->expr);
    // The lists were copied as views of the source's storage: the copy gets lists of its own.
    n->list = {};
    for (Node* c : src->list) n->list.push_back(prog_.pool, clone(c));
    n->pairs = {};
    for (const auto& p : src->pairs) n->pairs.push_back(prog_.pool, {clone(p.first), clone(p.second)});
    n->terms = {};
    for (SortTerm term : src->terms) {
      term.expr = clone(term.expr);
      n->terms.push_back(prog_.pool, term);
    }
    n->condition = clone(src->condition);
    n->then = clone(src->then);
    n->otherwise = clone(src->otherwise);
    n->pattern = clone(src->pattern);
    n->update = clone(src->update);
    n->del = clone(src->del);
    n->procedure = clone(src->procedure);
    n->body = clone(src->body);
    return n;
  }

  Program& prog_;
  Lexer lex_;
  std::string_view src_;
  EvalError& err_;
  Token cur_;
  std::uint32_t id_ = 0;  // id_of(cur_)
  bool failed_ = false;
  int recursion_ = 0;
};

}  // namespace

Node* parse_raw(Program& prog, std::string_view source, EvalError& err) {
  Parser p(prog, source, err);
  return p.run();
}

bool compile_program(Program& prog, std::string_view source, EvalError& err) {
  // The program's own copy, in its arena: names and literals are views of it.
  const char* text = prog.pool.copy(source.data(), source.size());
  if (!text) std::abort();  // as the std::string copy this replaces, with exceptions off
  prog.source = std::string_view(text, source.size());
  Node* raw = parse_raw(prog, prog.source, err);
  if (!raw) {
    if (err.code.empty()) err.code = "S0201";
    return false;
  }
  prog.root = process_ast(prog, raw, err);
  return prog.root != nullptr;
}

}  // namespace tb::jsonata
