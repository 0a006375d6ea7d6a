#pragma once
// Pattern text -> Ast, following ECMA-262 RegExp syntax for non-unicode mode including the
// Annex B web-compatibility grammar, and V8's choices and error texts where the two differ.
// Groups are tracked on an explicit stack, so nesting depth costs heap, not native stack.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "regex/ast.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb::jsonata::regex {

/// V8 refuses patterns with more capture groups than this ("Too many captures").
inline constexpr std::int32_t kMaxCaptures = 32767;

/// Parses `pattern`; `flags` only appears in error messages.
Result<Ast> parse_pattern(std::u16string_view pattern, std::string_view flags);

class Parser {
 public:
  Parser(std::u16string_view pattern, std::string_view flags);
  Result<Ast> run();

 private:
  enum class GroupKind : std::uint8_t { kRoot, kCapture, kPlain, kLook };
  struct Frame {
    GroupKind kind;
    LookKind look;
    std::int32_t capture;     // group number for kCapture
    std::size_t term_base;    // terms_ index where the current alternative starts
    std::size_t alt_base;     // alts_ index where this group's finished alternatives start
    std::size_t open_pos;     // pattern offset of the '('
    std::int32_t caps_before; // capture_count_ when the group opened
  };
  // What the last term was, for deciding whether a quantifier may follow.
  enum class LastTerm : std::uint8_t { kNone, kAtom, kLookbehind };

  // Structure (parser.cpp)
  bool open_group();
  bool close_group();
  void finish_alternative();
  bool parse_quantifier();
  bool parse_interval(std::int32_t& min, std::int32_t& max);
  bool resolve_named_references();
  void prescan();

  // Escapes, classes, group names (parser_escapes.cpp)
  bool parse_atom_escape();
  bool parse_character_escape(bool in_class, char16_t& out);
  char16_t parse_octal();
  bool parse_hex(std::size_t digits, std::uint32_t& out);
  bool parse_class();
  bool parse_class_atom(char16_t& unit, CharSet& set, bool& is_set);
  bool parse_group_name(std::u16string& name);
  bool read_name_code_point(std::uint32_t& cp);

  // Tree building
  std::int32_t add_node(const Node& node);
  std::int32_t add_char(char16_t unit);
  std::int32_t add_list(NodeKind kind, const std::vector<std::int32_t>& from, std::size_t base);
  void push_atom(std::int32_t node, LastTerm kind, std::int32_t caps_before);

  bool fail(std::size_t position, const char* what);

  std::u16string_view src_;
  std::string_view flags_;
  std::size_t pos_ = 0;
  Ast ast_;
  std::vector<Frame> frames_;
  std::vector<std::int32_t> terms_;
  std::vector<std::int32_t> alts_;
  LastTerm last_ = LastTerm::kNone;
  std::int32_t last_caps_before_ = 0;
  std::int32_t capture_count_ = 0;      // groups opened so far
  std::int32_t total_captures_ = 0;     // groups in the whole pattern (prescan)
  bool has_named_groups_ = false;       // prescan: "(?<" not followed by = or !
  struct NamedRef {
    std::int32_t node;
    std::size_t position;
    std::u16string name;
  };
  std::vector<NamedRef> named_refs_;
  std::map<std::u16string, std::int32_t> closed_names_;  // V8 checks duplicates on close
  Error error_;
  bool failed_ = false;
};

}  // namespace tb::jsonata::regex
