// The processed tree as JSON in jsonata-js 2.x's ast() shape, for tools that read an
// expression's paths and functions. The post-parse pass already builds the reference's tree
// (same steps, stages, slots, flags), so this is a walk that names things as jsonata-js does.
// Keys that jsonata-js leaves undefined are left out; a node made by the parser rather than
// read from the source (a path, a parent, the $exists call behind `??`) has position 0,
// which no token has (positions are offsets just past a token), and gets none.
// A regex's value is {"pattern", "flags"}: JSON has no RegExp, the host makes one from it.
#include "ast_json.hpp"

#include <cmath>

#include "json_writer.hpp"
#include "numbers.hpp"
#include "parser.hpp"

namespace tb::jsonata {
namespace {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void node(const Node* n) {
    out_ += "{\"type\":";
    write_json_string(out_, js_type_name(n));
    if (n->position != 0) number("position", n->position);
    switch (n->type) {
      case NT::Path:
        key("steps");
        list(n->list);
        flag("keepSingletonArray", n->keep_singleton_array);
        break;
      case NT::Binary:
        text("value", op_token(n->op));
        operands(n);
        break;
      case NT::Bind:
        text("value", ":=");
        operands(n);
        break;
      case NT::Apply:
        text("value", "~>");
        operands(n);
        break;
      case NT::Negate:
        text("value", "-");
        key("expression");
        node(n->expr);
        break;
      case NT::ArrayCons:
        text("value", "[");
        key("expressions");
        list(n->list);
        break;
      case NT::ObjectCons:
        text("value", "{");
        key("lhs");
        pairs(n->pairs);
        break;
      case NT::Function:
      case NT::Partial:
        text("value", "(");
        key("arguments");
        list(n->list);
        key("procedure");
        node(n->procedure);
        break;
      case NT::Lambda:
        key("arguments");
        list(n->list);
        if (n->signature) {
          out_ += ",\"signature\":{\"definition\":";
          write_json_string(out_, n->signature->definition);
          out_ += '}';
        }
        flag("thunk", n->thunk);
        key("body");
        node(n->body);
        break;
      case NT::Condition:
        key("condition");
        node(n->condition);
        key("then");
        node(n->then);
        if (n->otherwise) {
          key("else");
          node(n->otherwise);
        }
        break;
      case NT::Transform:
        key("pattern");
        node(n->pattern);
        key("update");
        node(n->update);
        if (n->del) {
          key("delete");
          node(n->del);
        }
        break;
      case NT::Block:
        key("expressions");
        list(n->list);
        break;
      case NT::Sort:
        key("terms");
        out_ += '[';
        for (std::size_t i = 0; i < n->terms.size(); ++i) {
          if (i) out_ += ',';
          out_ += n->terms[i].descending ? "{\"descending\":true,\"expression\":" : "{\"descending\":false,\"expression\":";
          node(n->terms[i].expr);
          out_ += '}';
        }
        out_ += ']';
        break;
      case NT::Parent:
        key("slot");
        slot(n->slot);
        break;
      case NT::Number:
        key("value");
        // -0 survives as JSON text "-0" (JSON.parse reads it back as -0, as jsonata-js holds it).
        if (n->literal.num == 0 && std::signbit(n->literal.num)) out_ += "-0";
        else num::append(out_, n->literal.num);
        break;
      case NT::Literal:
        text_raw("value", n->literal.kind == Kind::Null ? "null" : n->literal.b ? "true" : "false");
        break;
      case NT::Regex:
        out_ += ",\"value\":{\"pattern\":";
        write_json_string(out_, n->text);
        out_ += ",\"flags\":\"";
        // In RegExp.prototype.flags order, as jsonata-js's RegExp reports them.
        for (const char* f = "dgimsuvy"; *f; ++f)
          if (n->regex && n->regex->flags().find(*f) != std::string::npos) out_ += *f;
        out_ += "\"}";
        break;
      case NT::Placeholder:
        text("value", "?");
        break;
      default:  // name, string, variable, wildcard, descendant
        text("value", n->text);
        break;
    }
    step_fields(n);
    out_ += '}';
  }

 private:
  // What a step, or any node a predicate, group or parent operator reached, carries.
  void step_fields(const Node* n) {
    if (!n->stages.empty()) stages("stages", n->stages);
    if (!n->predicate.empty()) stages("predicate", n->predicate);
    if (n->group) {
      out_ += ",\"group\":{\"lhs\":";
      pairs(n->group->pairs);
      number("position", n->group->position);
      out_ += '}';
    }
    if (!n->focus.empty()) text("focus", n->focus);
    if (!n->index_var.empty()) text("index", n->index_var);
    flag("tuple", n->tuple);
    flag("keepArray", n->keep_array);
    flag("consarray", n->cons_array);
    if (n->ancestor) {
      key("ancestor");
      slot(n->ancestor);
    }
    if (n->seeking) {
      key("seekingParent");
      out_ += '[';
      for (std::size_t i = 0; i < n->seeking->size(); ++i) {
        if (i) out_ += ',';
        slot((*n->seeking)[i]);
      }
      out_ += ']';
    }
  }

  void stages(const char* name, const NodeList<Stage>& list) {
    key(name);
    out_ += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Stage& s = list[i];
      if (i) out_ += ',';
      if (s.is_index) {
        out_ += "{\"type\":\"index\",\"value\":";
        write_json_string(out_, s.var);
      } else {
        out_ += "{\"type\":\"filter\",\"expr\":";
        node(s.expr);
      }
      number("position", s.position);
      out_ += '}';
    }
    out_ += ']';
  }

  void slot(const Slot* s) {
    out_ += "{\"label\":";
    write_json_string(out_, s->label);
    number("level", s->level);
    number("index", s->index);
    out_ += '}';
  }

  void operands(const Node* n) {
    key("lhs");
    node(n->lhs);
    key("rhs");
    node(n->rhs);
  }

  void list(const NodeList<Node*>& items) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += ',';
      node(items[i]);
    }
    out_ += ']';
  }

  void pairs(const NodePairs& items) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      out_ += i ? ",[" : "[";
      node(items[i].first);
      out_ += ',';
      node(items[i].second);
      out_ += ']';
    }
    out_ += ']';
  }

  void key(const char* name) {
    out_ += ",\"";
    out_ += name;
    out_ += "\":";
  }
  void text(const char* name, std::string_view value) {
    key(name);
    write_json_string(out_, value);
  }
  void text_raw(const char* name, const char* json) {
    key(name);
    out_ += json;
  }
  void number(const char* name, double value) {
    key(name);
    num::append(out_, value);
  }
  void flag(const char* name, bool on) {
    if (on) text_raw(name, "true");
  }

  std::string& out_;
};

}  // namespace

std::string ast_json(const Node* root) {
  std::string out;
  if (!root) return "null";
  Writer(out).node(root);
  return out;
}

}  // namespace tb::jsonata
