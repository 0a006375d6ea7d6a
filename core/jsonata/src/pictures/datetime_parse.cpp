// $toMillis: parsing a timestamp with or without a date/time picture, as jsonata-js 2.2.2
// does. With a picture, the captured components must form one of the date shapes {Y M D},
// {Y d}, {X x w F}, {X W F} (the last two are recognised but unsupported: D3136) and one of
// the time shapes {H m s f}, {P h m s f}; components before the first one given default to
// "now", those after the last one given to their minimum, and a gap is D3136. Like the
// reference, "given" means truthy, so a parsed 0 (minute 00) counts as missing in the shape
// test.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "pictures/calendar.hpp"
#include "pictures/datetime_match.hpp"
#include "pictures/datetime_picture.hpp"
#include "pictures/iso_parse.hpp"
#include "pictures/js_number.hpp"
#include "pictures/picture_errors.hpp"
#include "pictures/pictures.hpp"
#include "ticketbridge/text/decimal.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16;
using js::U16View;

const char* const kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

// A JavaScript value as far as the component logic looks at it.
struct Value {
  enum class Kind { Undefined, Number, Other } kind = Kind::Undefined;  // Other: truthy non-number
  double number = 0;
  bool truthy() const { return kind == Kind::Other || (kind == Kind::Number && number != 0 && !std::isnan(number)); }
  double to_number() const { return kind == Kind::Number ? number : NAN; }
};

Value number(double v) {
  Value out;
  out.kind = Value::Kind::Number;
  out.number = v;
  return out;
}

struct Components {
  static constexpr const char16_t* kNames = u"YXMxWwdDFPHhmsfZz";
  bool any = false;
  Value slot[18];  // the last one absorbs anything else (never asked for)
  Value& operator[](char16_t c) {
    const auto i = U16View(kNames).find(c);
    return slot[i == U16View::npos ? 17 : i];
  }
};

// The reference's per-part parsers, fed with what each capture group matched.
struct PartParser {
  const PicturePart* part;
  MatchElement element;
};

Result<MatchElement> element_for(const PicturePart& part) {
  MatchElement m;
  if (part.literal) {
    m.kind = MatchElement::Kind::Literal;
    m.literal = part.text;
    return m;
  }
  if (part.component == u"Z" || part.component == u"z") {
    m.kind = MatchElement::Kind::Timezone;
    m.gmt = part.component == u"z";
    if (part.integer->style == IntegerStyle::Decimal && part.integer->regular) {
      m.literal = part.integer->separators[0].character;
      if (m.literal == u".") {
        m.any_separator = true;
      }
    }
    return m;
  }
  if (part.component == u"f") {
    m.kind = MatchElement::Kind::Digits;
    return m;
  }
  if (part.integer) {
    switch (part.integer->style) {
      case IntegerStyle::Letters: m.kind = MatchElement::Kind::Letters; return m;
      case IntegerStyle::Roman: m.kind = MatchElement::Kind::Roman; return m;
      case IntegerStyle::Words: m.kind = MatchElement::Kind::Words; return m;
      case IntegerStyle::Decimal: {
        m.kind = MatchElement::Kind::Digits;
        const double w = part.integer->parse_width;
        if (w != 0 && !std::isnan(w)) m.width = w;
        m.ordinal_suffix = part.integer->ordinal;
        return m;
      }
      case IntegerStyle::Sequence: return picture_error("D3130", part.integer->token);
    }
  }
  if (part.component == u"M" || part.component == u"x" || part.component == u"F" || part.component == u"P") {
    m.kind = MatchElement::Kind::Letters;
    return m;
  }
  return picture_error("D3133", part.component);
}

double parse_timezone(const PicturePart& part, const MatchElement& m, U16 value) {
  if (part.component == u"z") value = js::substring(value, 3);
  double hours = 0, minutes = 0;
  if (!m.literal.empty()) {
    const std::ptrdiff_t at = js::index_of(value, m.literal);
    hours = js::parse_int(js::substring(value, 0, at));
    minutes = js::parse_int(js::substring(value, at + 1));
  } else if (static_cast<std::ptrdiff_t>(value.size()) - 1 <= 2) {
    hours = js::parse_int(value);
  } else {
    hours = js::parse_int(js::substring(value, 0, 3));
    minutes = js::parse_int(js::substring(value, 3));
  }
  return hours * 60 + minutes;
}

Value parse_name(const PicturePart& part, U16View value) {
  const std::optional<double>& max = part.width ? part.width->max : std::nullopt;
  const bool truncate = max && *max != 0 && !std::isnan(*max);
  auto matches = [&](const char* name) {
    U16 key = js::ascii(name);
    if (truncate) key = js::substring(key, 0, static_cast<std::ptrdiff_t>(std::min(std::max(*max, -1.0), 64.0)));
    return key == value;
  };
  Value found;
  if (part.component == u"M" || part.component == u"x") {
    for (int i = 0; i < 12; ++i) if (matches(kMonths[i])) found = number(i + 1);  // later names win
  } else if (part.component == u"F") {
    for (int i = 0; i < 7; ++i) if (matches(kDays[i])) found = number(i + 1);
  } else {
    if (value == u"am" || value == u"AM") return number(0);
    if (value == u"pm" || value == u"PM") return number(1);
    // The am/pm table is a plain object: Object.prototype's methods are found too.
    for (const char16_t* inherited : {u"constructor", u"hasOwnProperty", u"isPrototypeOf", u"propertyIsEnumerable",
                                      u"toLocaleString", u"toString", u"valueOf"}) {
      if (value == inherited) found.kind = Value::Kind::Other;
    }
  }
  return found;
}

Result<Value> parse_part(const PicturePart& part, const MatchElement& m, U16View value) {
  if (part.component == u"Z" || part.component == u"z") return number(parse_timezone(part, m, U16(value)));
  if (part.component == u"f") {
    const std::string digits = "0." + js::to_utf8(js::substring(value, 0, 3));
    return number(text::parse_double(digits) * 1000);
  }
  if (part.integer) {
    auto n = parse_integer_value(value, *part.integer);
    if (!n) return std::move(n).error();
    return number(n.value());
  }
  return parse_name(part, value);
}

Value now_component(double now, char16_t c) {
  const cal::ComponentValue v = cal::component_value(now, c);
  if (v.kind == cal::ComponentValue::Kind::Number) return number(v.number);
  Value other;
  other.kind = v.kind == cal::ComponentValue::Kind::Text ? Value::Kind::Other : Value::Kind::Undefined;
  return other;
}

int shape_mask(Components& c, const char16_t* order) {
  int mask = 0;
  for (const char16_t* p = order; *p; ++p) mask = (mask << 1) | (c[*p].truthy() ? 1 : 0);
  return mask;
}

bool is_shape(int type, int mask) { return (~type & mask) == 0 && (type & mask) != 0; }

Result<std::optional<double>> resolve(Components& c, double now) {
  const int date_mask = shape_mask(c, u"YXMxWwdD");
  const bool date_a = is_shape(161, date_mask);
  const bool date_b = !date_a && is_shape(130, date_mask);
  const bool date_c = is_shape(84, date_mask);
  const bool date_d = !date_c && is_shape(72, date_mask);
  const int time_mask = shape_mask(c, u"PHhmsf");
  const bool time_a = is_shape(23, time_mask);
  const bool time_b = !time_a && is_shape(47, time_mask);

  U16 order = date_b ? u"YD" : date_c ? u"XxwF" : date_d ? u"XWF" : u"YMD";
  order += time_b ? u"Phmsf" : u"Hmsf";
  bool start_specified = false;
  bool end_specified = false;
  for (const char16_t part : order) {
    Value& v = c[part];
    if (v.kind == Value::Kind::Undefined) {
      if (start_specified) {
        v = number(part == u'M' || part == u'D' || part == u'd' ? 1 : 0);
        end_specified = true;
      } else {
        v = now_component(now, part);
      }
    } else {
      start_specified = true;
      if (end_specified) return picture_error("D3136");
    }
  }

  double month = c[u'M'].kind == Value::Kind::Number && c[u'M'].number > 0 ? c[u'M'].number - 1 : 0;
  double day = c[u'D'].to_number();
  if (date_b) {
    const double first = cal::date_utc(c[u'Y'].to_number(), 0);
    const cal::Fields derived = cal::utc_fields(cal::time_clip(first + (c[u'd'].to_number() - 1) * cal::kMsPerDay));
    month = derived.month;
    day = derived.day;
  }
  if (date_c || date_d) return picture_error("D3136");
  double hour = c[u'H'].to_number();
  if (time_b) {
    const Value& h = c[u'h'];
    hour = h.kind == Value::Kind::Number && h.number == 12 ? 0 : h.to_number();
    if (c[u'P'].kind == Value::Kind::Number && c[u'P'].number == 1) hour += 12;
  }
  double millis = cal::date_utc(c[u'Y'].to_number(), month, day, hour, c[u'm'].to_number(), c[u's'].to_number(),
                                c[u'f'].to_number());
  const Value& zone = c[u'Z'].truthy() ? c[u'Z'] : c[u'z'];
  if (zone.truthy()) millis -= zone.to_number() * 60 * 1000;
  return std::optional<double>(millis);
}

Result<std::optional<double>> parse_with_picture(U16View text, U16View picture, double now) {
  auto parts = analyse_datetime_picture(picture);
  if (!parts) return std::move(parts).error();
  std::vector<MatchElement> elements;
  for (const PicturePart& part : parts.value()) {
    auto element = element_for(part);
    if (!element) return std::move(element).error();
    elements.push_back(std::move(element.value()));
  }
  for (const MatchElement& m : elements) {
    // The reference puts a timezone separator into its regex unescaped; these characters make
    // a syntax error or a different pattern there, which we do not imitate.
    if (m.kind == MatchElement::Kind::Timezone && m.literal.size() == 1 &&
        U16View(u"*+?^$\\()[|").find(m.literal[0]) != U16View::npos) {
      return runtime_error("Invalid regular expression: timezone separator " + js::to_utf8(m.literal));
    }
  }
  auto matched = match_timestamp(elements, text);
  if (!matched) return std::move(matched).error();
  if (!matched.value()) return std::optional<double>();
  const Captures& captures = *matched.value();

  Components components;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const PicturePart& part = parts.value()[i];
    if (part.literal) continue;
    const U16View value = text.substr(captures[i].first, captures[i].second - captures[i].first);
    auto parsed = parse_part(part, elements[i], value);
    if (!parsed) return std::move(parsed).error();
    components[part.component[0]] = parsed.value();
    components.any = true;
  }
  if (!components.any) return std::optional<double>();
  return resolve(components, now);
}

}  // namespace

Result<std::optional<double>> to_millis(std::string_view timestamp, std::optional<std::string_view> picture,
                                        double now_millis) {
  const U16 text = js::from_utf8(timestamp);
  // The reference's "now" is a Date, so an out-of-range time value is an invalid date.
  if (picture) return parse_with_picture(text, js::from_utf8(*picture), cal::time_clip(now_millis));
  if (!matches_iso8601(text)) return picture_error("D3110", text);
  return std::optional<double>(v8_date_parse(text));
}

Result<std::optional<double>> parse_datetime(std::string_view text, std::string_view picture) {
  return to_millis(text, picture.empty() ? std::nullopt : std::optional<std::string_view>(picture), 0);
}

}  // namespace tb::jsonata::pictures
