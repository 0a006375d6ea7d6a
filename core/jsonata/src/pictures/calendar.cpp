#include "pictures/calendar.hpp"

#include <cmath>
#include <cstdint>

namespace tb::jsonata::pictures::cal {
namespace {

// Days from 1970-01-01 to the given civil date (month 1..12), by 400-year eras so that the
// integer divisions never see a negative year.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                // [0, 399]
  const int mp = m > 2 ? m - 3 : m + 9;                                 // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;                  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       // [0, 146096]
  return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

double to_integer(double v) { return std::isnan(v) ? 0 : std::trunc(v); }

// ISO 8601 weeks start on Monday and week 1 holds the first Thursday; F&O applies the same rule
// to the first week of a month.
double start_of_first_week(double year, double month) {
  const double first = date_utc(year, month);
  double weekday = utc_fields(first).weekday;
  if (weekday == 0) weekday = 7;
  return weekday > 4 ? first + (8 - weekday) * kMsPerDay : first - (weekday - 1) * kMsPerDay;
}

double delta_weeks(double start, double end) { return (end - start) / (kMsPerDay * 7) + 1; }

double week_in_year(const Fields& f) {
  const double start = start_of_first_week(f.year, 0);
  const double today = date_utc(f.year, f.month, f.day);
  double week = delta_weeks(start, today);
  if (week > 52) {
    if (today >= start_of_first_week(f.year + 1, 0)) week = 1;
  } else if (week < 1) {
    week = delta_weeks(start_of_first_week(f.year - 1, 0), today);
  }
  return std::floor(week);
}

void next_month(double& year, double& month) {
  if (month == 11) { year += 1; month = 0; } else { month += 1; }
}

void previous_month(double& year, double& month) {
  if (month == 0) { year -= 1; month = 11; } else { month -= 1; }
}

double week_in_month(const Fields& f) {
  const double start = start_of_first_week(f.year, f.month);
  const double today = date_utc(f.year, f.month, f.day);
  double week = delta_weeks(start, today);
  if (week > 4) {
    double y = f.year, m = f.month;
    next_month(y, m);
    if (today >= start_of_first_week(y, m)) week = 1;
  } else if (week < 1) {
    double y = f.year, m = f.month;
    previous_month(y, m);
    week = delta_weeks(start_of_first_week(y, m), today);
  }
  return std::floor(week);
}

double week_numbering_year(double time, const Fields& f) {
  if (time < start_of_first_week(f.year, 0)) return f.year - 1;
  if (time >= start_of_first_week(f.year + 1, 0)) return f.year + 1;
  return f.year;
}

double week_numbering_month(double time, const Fields& f) {
  double next_y = f.year, next_m = f.month;
  next_month(next_y, next_m);
  if (time < start_of_first_week(f.year, f.month)) {
    double y = f.year, m = f.month;
    previous_month(y, m);
    return m + 1;
  }
  if (time >= start_of_first_week(next_y, next_m)) return next_m + 1;
  return f.month + 1;
}

ComponentValue number(double v) {
  ComponentValue c;
  c.kind = ComponentValue::Kind::Number;
  c.number = v;
  return c;
}

ComponentValue text(const char16_t* t) {
  ComponentValue c;
  c.kind = ComponentValue::Kind::Text;
  c.text = t;
  return c;
}

}  // namespace

double make_day(double year, double month, double date) {
  if (!(year >= -1000000 && year <= 1000000 && month >= -10000000 && month <= 10000000 && std::isfinite(date))) {
    return NAN;
  }
  auto y = static_cast<std::int64_t>(year);
  auto m = static_cast<std::int64_t>(month);
  y += m / 12;
  m %= 12;
  if (m < 0) {
    m += 12;
    y -= 1;
  }
  return static_cast<double>(days_from_civil(y, static_cast<int>(m) + 1, 1)) + to_integer(date) - 1;
}

double make_time(double hours, double minutes, double seconds, double millis) {
  if (!std::isfinite(hours) || !std::isfinite(minutes) || !std::isfinite(seconds) || !std::isfinite(millis)) return NAN;
  return std::trunc(hours) * 3600000.0 + std::trunc(minutes) * 60000.0 + std::trunc(seconds) * 1000.0 + std::trunc(millis);
}

double make_date(double day, double time) {
  if (!std::isfinite(day) || !std::isfinite(time)) return NAN;
  return day * kMsPerDay + time;
}

double time_clip(double time) {
  if (!std::isfinite(time) || std::fabs(time) > 8.64e15) return NAN;
  return std::trunc(time) + 0.0;
}

double date_utc(double year, double month, double date, double hours, double minutes, double seconds, double millis) {
  if (!std::isnan(year)) {
    const double y = std::trunc(year);
    if (y >= 0 && y <= 99) year = 1900 + y;
  }
  return time_clip(make_date(make_day(year, month, date), make_time(hours, minutes, seconds, millis)));
}

Fields utc_fields(double time) {
  if (std::isnan(time)) return {NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
  const double day = std::floor(time / kMsPerDay);
  const double in_day = time - day * kMsPerDay;
  std::int64_t y = 0;
  int m = 0, d = 0;
  const auto days = static_cast<std::int64_t>(day);
  civil_from_days(days, y, m, d);
  Fields f;
  f.year = static_cast<double>(y);
  f.month = m - 1;
  f.day = d;
  f.weekday = static_cast<double>(((days + 4) % 7 + 7) % 7);
  f.hours = std::floor(in_day / 3600000.0);
  f.minutes = std::fmod(std::floor(in_day / 60000.0), 60);
  f.seconds = std::fmod(std::floor(in_day / 1000.0), 60);
  f.millis = std::fmod(in_day, 1000);
  return f;
}

ComponentValue component_value(double time, char16_t component) {
  const Fields f = utc_fields(time);
  switch (component) {
    case u'Y': return number(f.year);
    case u'M': return number(f.month + 1);
    case u'D': return number(f.day);
    case u'd': {
      const double today = date_utc(f.year, f.month, f.day);
      return number((today - date_utc(f.year, 0)) / kMsPerDay + 1);
    }
    case u'F': return number(f.weekday == 0 ? 7 : f.weekday);
    case u'W': return number(week_in_year(f));
    case u'w': return number(week_in_month(f));
    case u'X': return number(week_numbering_year(time, f));
    case u'x': return number(week_numbering_month(time, f));
    case u'H': return number(f.hours);
    case u'h': {
      double h = std::fmod(f.hours, 12);
      if (h == 0) h = 12;
      return number(h);
    }
    case u'P': return text(f.hours >= 12 ? u"pm" : u"am");
    case u'm': return number(f.minutes);
    case u's': return number(f.seconds);
    case u'f': return number(f.millis);
    case u'C':
    case u'E': return text(u"ISO");
    default: return {};
  }
}

}  // namespace tb::jsonata::pictures::cal
