#pragma once
// The slice of JavaScript's Date the picture functions use, on the proleptic Gregorian
// calendar in UTC: Date.UTC (including its mapping of years 0-99 to 1900-1999, which the
// reference's week and day-of-year arithmetic inherits), the UTC getters, TimeClip, and the
// date/time component values of the reference's getDateTimeFragment.

#include "pictures/js_string.hpp"

namespace tb::jsonata::pictures::cal {

constexpr double kMsPerDay = 86400000.0;

/// ECMAScript MakeDay / MakeTime / MakeDate / TimeClip with V8's range limits.
double make_day(double year, double month, double date);
double make_time(double hours, double minutes, double seconds, double millis);
double make_date(double day, double time);
double time_clip(double time);

/// Date.UTC(year, month, date, hours, minutes, seconds, millis).
double date_utc(double year, double month, double date = 1, double hours = 0, double minutes = 0,
                double seconds = 0, double millis = 0);

/// The UTC getters of a time value (NaN fields for an invalid date). month is 0-based and
/// weekday 0 = Sunday, as in JavaScript.
struct Fields {
  double year, month, day, weekday, hours, minutes, seconds, millis;
};
Fields utc_fields(double time);

/// A component's value for formatting: a number, a text ("am", "pm", "ISO") or undefined.
struct ComponentValue {
  enum class Kind { Number, Text, Undefined } kind = Kind::Undefined;
  double number = 0;
  js::U16 text;
};

/// getDateTimeFragment(new Date(time), component) for the picture components
/// Y M D d F W w X x H h P m s f C E (others are undefined).
ComponentValue component_value(double time, char16_t component);

}  // namespace tb::jsonata::pictures::cal
