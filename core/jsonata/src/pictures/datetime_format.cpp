// $fromMillis: formats a time value with a date/time picture (XPath F&O 3.1 9.8.4) the way
// jsonata-js 2.2.2 does. Notable reference behaviours kept here:
// - the timezone is read with parseInt as ±hhmm and split with floor and %, so "-0530" is
//   six hours west plus thirty minutes back (-06:30);
// - without a picture the format is [Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t],
//   which keeps four digits of the year (10000 -> "0000") rather than toISOString's ±YYYYYY;
// - an invalid date (|millis| > 8.64e15) formats its fields as "NaN".

#include <cmath>

#include "pictures/calendar.hpp"
#include "pictures/datetime_picture.hpp"
#include "pictures/js_number.hpp"
#include "pictures/js_pow.hpp"
#include "pictures/picture_errors.hpp"
#include "pictures/pictures.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16;
using js::U16View;

constexpr const char16_t* kIsoPicture = u"[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

const char* const kDays[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

struct Offset {
  double hours = 0;
  double minutes = 0;
};

bool is_one_of(U16View component, const char16_t* set) {
  return component.size() == 1 && U16View(set).find(component[0]) != U16View::npos;
}

// Month and day names; nullopt where the reference indexes past its table (undefined).
std::optional<U16> name_of(U16View component, double value) {
  if (component == u"M" || component == u"x") {
    if (value >= 1 && value <= 12 && value == std::floor(value)) return js::ascii(kMonths[static_cast<int>(value) - 1]);
  } else if (value >= 0 && value <= 7 && value == std::floor(value)) {
    return js::ascii(kDays[static_cast<int>(value)]);
  }
  return std::nullopt;
}

Result<U16> format_name(const PicturePart& part, double value) {
  if (!(part.component == u"M" || part.component == u"x" || part.component == u"F")) {
    return picture_error("D3133", part.component);
  }
  std::optional<U16> name = name_of(part.component, value);
  if (*part.names == LetterCase::Upper) {
    if (!name) return runtime_error("Cannot read properties of undefined (reading 'toUpperCase')");
    name = js::ascii_upper(*name);
  } else if (*part.names == LetterCase::Lower) {
    if (!name) return runtime_error("Cannot read properties of undefined (reading 'toLowerCase')");
    name = js::ascii_lower(*name);
  }
  if (part.width) {
    if (!name) return runtime_error("Cannot read properties of undefined (reading 'length')");
    const std::optional<double>& max = part.width->max;
    if (max && static_cast<double>(name->size()) > *max) {
      name = js::substring(*name, 0, static_cast<std::ptrdiff_t>(*max));
    }
  }
  return name ? *name : U16(u"undefined");
}

Result<U16> format_timezone(const PicturePart& part, const Offset& tz) {
  const IntegerFormat& format = *part.integer;
  const double offset = tz.hours * 100 + tz.minutes;
  U16 out;
  if (format.regular) {
    auto s = format_integer_value(offset, format);
    if (!s) return s;
    out = std::move(s.value());
  } else {
    const double digits = format.mandatory_digits;
    if (digits == 1 || digits == 2) {
      auto s = format_integer_value(tz.hours, format);
      if (!s) return s;
      out = std::move(s.value());
      if (tz.minutes != 0) {
        auto two = analyse_integer_picture(u"00");
        auto minutes = format_integer_value(std::floor(tz.minutes), two.value());
        if (!minutes) return minutes;
        out += u":" + minutes.value();
      }
    } else if (digits == 3 || digits == 4) {
      auto s = format_integer_value(offset, format);
      if (!s) return s;
      out = std::move(s.value());
    } else {
      return timezone_digits_error(digits);
    }
  }
  if (offset >= 0) out = u"+" + out;
  if (part.component == u"z") out = u"GMT" + out;
  if (offset == 0 && part.presentation2 == u"t") out.assign(1, u'Z');
  return out;
}

Result<U16> format_component(double time, const PicturePart& part, const Offset& tz) {
  const cal::ComponentValue value = cal::component_value(time, part.component.empty() ? 0 : part.component[0]);
  if (is_one_of(part.component, u"YMDdFWwXxHhms")) {
    double number = value.number;
    if (part.component == u"Y" && part.year_digits != -1) number = std::fmod(number, js::pow10(part.year_digits));
    if (part.names) return format_name(part, number);
    return format_integer_value(number, *part.integer);
  }
  if (part.component == u"f") {
    if (!part.integer) return runtime_error("Cannot read properties of undefined (reading 'primary')");
    return format_integer_value(value.number, *part.integer);
  }
  if (part.component == u"Z" || part.component == u"z") return format_timezone(part, tz);
  if (part.component == u"P") {
    return part.names == LetterCase::Upper ? js::ascii_upper(value.text) : value.text;
  }
  if (value.kind == cal::ComponentValue::Kind::Text) return value.text;
  return U16(u"undefined");  // an unknown component given with a presentation modifier
}

}  // namespace

Result<std::string> from_millis(double millis, std::optional<std::string_view> picture,
                                std::optional<std::string_view> timezone) {
  Offset tz;
  if (timezone) {
    const double offset = js::parse_int(js::from_utf8(*timezone));
    tz.hours = std::floor(offset / 100);
    tz.minutes = std::fmod(offset, 100);
  }
  auto parts = analyse_datetime_picture(picture ? js::from_utf8(*picture) : U16(kIsoPicture));
  if (!parts) return std::move(parts).error();
  const double offset_millis = (60 * tz.hours + tz.minutes) * 60 * 1000;
  const double time = cal::time_clip(millis + offset_millis);
  U16 result;
  for (const PicturePart& part : parts.value()) {
    if (part.literal) {
      result += part.text;
      continue;
    }
    auto text = format_component(time, part, tz);
    if (!text) return std::move(text).error();
    result += text.value();
  }
  return js::to_utf8(result);
}

Result<std::string> format_datetime(double millis, std::string_view picture, std::string_view timezone) {
  return from_millis(millis, picture.empty() ? std::nullopt : std::optional<std::string_view>(picture),
                     timezone.empty() ? std::nullopt : std::optional<std::string_view>(timezone));
}

}  // namespace tb::jsonata::pictures
