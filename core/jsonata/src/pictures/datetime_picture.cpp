#include "pictures/datetime_picture.hpp"

#include "pictures/js_number.hpp"
#include "pictures/picture_errors.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16;
using js::U16View;

const char16_t* default_presentation(U16View component) {
  if (component.size() != 1) return nullptr;
  switch (component[0]) {
    case u'Y': case u'M': case u'D': case u'd': case u'W': case u'w': case u'X': case u'x':
    case u'H': case u'h': case u'f':
      return u"1";
    case u'F': case u'P': case u'C': case u'E':
      return u"n";
    case u'm': case u's':
      return u"01";
    case u'Z': case u'z':
      return u"01:01";
    default:
      return nullptr;
  }
}

bool is_numeric_component(U16View component) {
  return component.size() == 1 && U16View(u"YMDdFWwXxHhmsf").find(component[0]) != U16View::npos;
}

std::optional<double> parse_width(const std::optional<U16>& text) {
  if (!text || *text == u"*") return std::nullopt;
  return js::parse_int(*text);
}

U16 strip_spaces(U16View marker) {
  U16 out;
  for (char16_t c : marker) if (!js::is_space(c)) out.push_back(c);
  return out;
}

Result<PicturePart> read_marker(U16View marker_text, std::vector<PicturePart>& parts) {
  const U16 marker = strip_spaces(marker_text);
  PicturePart def;
  def.component = U16(js::char_at(marker, 0));
  const std::ptrdiff_t comma = js::last_index_of(marker, u",");
  U16 modifier;
  if (comma != js::kNotFound) {
    const U16 width = js::substring(marker, comma + 1);
    const std::ptrdiff_t dash = js::index_of(width, u"-");
    std::optional<U16> min, max;
    if (dash == js::kNotFound) {
      min = width;
    } else {
      min = js::substring(width, 0, dash);
      max = js::substring(width, dash + 1);
    }
    def.width = WidthModifier{parse_width(min), parse_width(max)};
    modifier = js::substring(marker, 1, comma);
  } else {
    modifier = js::substring(marker, 1);
  }

  if (modifier.size() == 1) {
    def.presentation1 = modifier;
  } else if (modifier.size() > 1) {
    const char16_t last = modifier.back();
    if (last == u'a' || last == u't' || last == u'c' || last == u'o') {
      def.presentation2 = U16(1, last);
      def.presentation1 = modifier.substr(0, modifier.size() - 1);
    } else {
      def.presentation1 = modifier;
    }
  } else {
    const char16_t* fallback = default_presentation(def.component);
    if (fallback == nullptr) return picture_error("D3132", def.component);
    def.presentation1 = fallback;
  }

  if (def.presentation1[0] == u'n') {
    def.names = LetterCase::Lower;
  } else if (def.presentation1[0] == u'N') {
    def.names = def.presentation1.size() > 1 && def.presentation1[1] == u'n' ? LetterCase::Title : LetterCase::Upper;
  } else if (is_numeric_component(def.component)) {
    U16 pattern = def.presentation1;
    if (!def.presentation2.empty()) pattern += u";" + def.presentation2;
    auto format = analyse_integer_picture(pattern);
    if (!format) return std::move(format).error();
    IntegerFormat integer = std::move(format.value());
    if (def.width && def.width->min && integer.mandatory_digits < *def.width->min) {
      integer.mandatory_digits = *def.width->min;
    }
    if (def.component == u"Y") {
      // F&O 9.8.4.4: a year picture of two or more digits keeps that many low-order digits.
      def.year_digits = -1;
      if (def.width && def.width->max) {
        def.year_digits = *def.width->max;
        integer.mandatory_digits = def.year_digits;
      } else {
        const double w = integer.mandatory_digits + integer.optional_digits;
        if (w >= 2) def.year_digits = w;
      }
    }
    def.integer = std::move(integer);
    // Two numbers with nothing between them can only be parsed with a fixed width.
    if (!parts.empty() && parts.back().integer) {
      parts.back().integer->parse_width = parts.back().integer->mandatory_digits;
    }
  }
  if (def.component == u"Z" || def.component == u"z") {
    auto format = analyse_integer_picture(def.presentation1);
    if (!format) return std::move(format).error();
    def.integer = std::move(format.value());
  }
  return def;
}

}  // namespace

Result<std::vector<PicturePart>> analyse_datetime_picture(U16View picture) {
  std::vector<PicturePart> parts;
  auto add_literal = [&](std::ptrdiff_t start, std::ptrdiff_t end) {
    if (end > start) {
      PicturePart lit;
      lit.literal = true;
      lit.text = js::replace_all(js::substring(picture, start, end), u"]]", u"]");
      parts.push_back(std::move(lit));
    }
  };
  const auto len = static_cast<std::ptrdiff_t>(picture.size());
  std::ptrdiff_t start = 0;
  std::ptrdiff_t pos = 0;
  while (pos < len) {
    if (picture[static_cast<std::size_t>(pos)] == u'[') {
      if (js::char_at(picture, pos + 1) == u"[") {
        add_literal(start, pos);
        PicturePart lit;
        lit.literal = true;
        lit.text = u"[";
        parts.push_back(std::move(lit));
        pos += 2;
        start = pos;
        continue;
      }
      add_literal(start, pos);
      start = pos;
      pos = js::index_of(picture, u"]", start);
      if (pos == js::kNotFound) return picture_error("D3135");
      auto marker = read_marker(js::substring(picture, start + 1, pos), parts);
      if (!marker) return std::move(marker).error();
      parts.push_back(std::move(marker.value()));
      start = pos + 1;
    }
    ++pos;
  }
  add_literal(start, pos);
  return parts;
}

}  // namespace tb::jsonata::pictures
