// The public read-only view of a parsed Document (ticketbridge/jsonata.hpp): the engine's own
// values seen through a pointer, so a host reads the engine's JSON without a second parser.
#include "ticketbridge/jsonata.hpp"

#include "json_writer.hpp"
#include "numbers.hpp"
#include "value.hpp"

namespace tb::jsonata {

namespace {

const Value* as_value(const void* p) { return static_cast<const Value*>(p); }

}  // namespace

JsonView::Type JsonView::type() const {
  const Value* v = as_value(value_);
  if (!v) return Type::Undefined;
  switch (v->kind) {
    case Kind::Null: return Type::Null;
    case Kind::Bool: return Type::Boolean;
    case Kind::Number: return Type::Number;
    case Kind::String: return Type::String;
    case Kind::Array: return Type::Array;
    case Kind::Object: return Type::Object;
    default: return Type::Undefined;  // a Document holds no functions or errors
  }
}

bool JsonView::boolean() const { return type() == Type::Boolean && as_value(value_)->b; }

double JsonView::number() const { return type() == Type::Number ? as_value(value_)->num : 0; }

std::string_view JsonView::string() const {
  return type() == Type::String ? as_value(value_)->sv() : std::string_view();
}

std::size_t JsonView::size() const {
  switch (type()) {
    case Type::Array: return as_value(value_)->arr->size;
    case Type::Object: return as_value(value_)->obj->size;
    default: return 0;
  }
}

JsonView JsonView::item(std::size_t i) const {
  if (type() != Type::Array || i >= size()) return JsonView();
  return JsonView(&as_value(value_)->arr->items[i]);
}

std::string_view JsonView::key(std::size_t i) const {
  if (type() != Type::Object || i >= size()) return std::string_view();
  return as_value(value_)->obj->entries[i].k();
}

JsonView JsonView::value(std::size_t i) const {
  if (type() != Type::Object || i >= size()) return JsonView();
  return JsonView(&as_value(value_)->obj->entries[i].value);
}

JsonView JsonView::find(std::string_view name) const {
  if (type() != Type::Object) return JsonView();
  return JsonView(get(as_value(value_)->obj, name));
}

std::string JsonView::json() const {
  std::string out;
  if (defined()) write_json(out, *as_value(value_), WriteOptions());
  return out;
}

std::string quote_json(std::string_view text) {
  std::string out;
  write_json_string(out, text);
  return out;
}

void append_quoted_json(std::string& out, std::string_view text) { write_json_string(out, text); }

std::string number_text(double value) {
  std::string out;
  num::append(out, value);
  return out;
}

}  // namespace tb::jsonata
