#pragma once
// Which parts of its input an expression can reach. An expression such as
// `{"ticketId": result.sys_id, "ticketNumber": result.number}` reads two members of a
// response that has eighty; when it is evaluated over JSON text (evaluate_json), the reader
// builds only what the projection names and checks the rest without building it. Checked
// means the same errors at the same offsets as a full parse: a projection changes the cost,
// never an answer.
//
// The plan is conservative. Wherever a value of the input may be seen as a whole (returned,
// compared, passed to a function, bound to a variable, iterated by `*` or `**`) that value is
// kept whole; anything the planner does not understand (parent `%`, focus `@`, index `#`,
// transforms, `$eval`, a context argument that may be substituted) keeps the whole input.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tb::jsonata {

struct Program;

/// The members of an object to build. Arrays are transparent: a projection applies to every
/// element of an array in its place, as path steps do.
///
/// `keys`: the object's keys are read too (`$keys(result)`), not the values of members other
/// than `fields`: every member is built, those not named with a null in place of its value.
/// The planner assumes `$keys` is the built-in; bindings and host functions may shadow it, so
/// evaluations with either read the input whole (see reads_keys()).
struct Projection {
  struct Field {
    std::string_view name;  // a view of the name in the program's source (or the caller's text)
    std::uint32_t hash = 0;
    const Projection* sub = nullptr;  // null: build this member's value whole
  };
  std::vector<Field> fields;
  std::uint64_t lengths = 0;  // bit min(length, 63) set for each field: most keys miss on it
  bool keys = false;

  void add(Field f) {
    lengths |= std::uint64_t{1} << (f.name.size() < 63 ? f.name.size() : 63);
    fields.push_back(std::move(f));
  }

  /// The field named `key`, or null when the member is not needed. Projections name a few
  /// members, so comparing lengths first is cheaper than hashing every key of the input; then
  /// the first byte (under `keys`, every key is looked up, and "number" has the length of
  /// "166665").
  const Field* find(const char* key, std::size_t len) const {
    if (!(lengths >> (len < 63 ? len : 63) & 1)) return nullptr;
    for (const Field& f : fields)
      if (f.name.size() == len &&
          (len == 0 || (f.name[0] == key[0] && std::char_traits<char>::compare(f.name.data(), key, len) == 0)))
        return &f;
    return nullptr;
  }
};

/// Marks values that are read but never built (members the projection leaves out, and
/// everything inside them): the reader still checks their syntax. Compared by address.
extern const Projection kSkipAll;
inline const Projection* skip_projection() { return &kSkipAll; }

/// The projection of `prog`'s input, owned by `prog`; null when the whole input may be read.
/// Called once per program (its projections are made in one vector reserved to their number).
const Projection* plan_projection(Program& prog);

/// Whether `p` has a `keys` level anywhere: then it holds only while `$keys` is the built-in.
bool reads_keys(const Projection* p);

/// A projection as JSON: null (everything) or {"name": true | {...}} (Expression::input_plan_json);
/// a `keys` level is its fields object in a one-item array, [{...}].
std::string plan_json(const Projection* p);

/// A projection as text, for tests and debugging: `*` (everything),
/// `{result:{number:*,sys_id:*}}`, `{}` (an object, none of its members), `keys{number:*}`
/// (every key, and the value of `number`).
std::string describe(const Projection* p);

}  // namespace tb::jsonata
