// $toMillis without a picture: the reference checks the text against its ISO 8601 pattern
//   ^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$
// and hands it to Date.parse. The pattern admits strings that are not ES date-time strings
// ("2018-05:30", "2018.5", "2020-13", "+0530" offsets), which V8 then reads with its legacy
// date parser, so its results are what we reproduce: this file emulates V8's Date.parse
// (ES5 date-time prefix, then the legacy rules) over the only characters the pattern lets
// through: digits, '-', '+', ':', '.', 'T' and 'Z'. Date-times without an offset are local
// time in JavaScript; the core has no locale, so local time is UTC here.

#include <cmath>

#include "pictures/calendar.hpp"
#include "pictures/iso_parse.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16View;

bool digit(U16View s, std::size_t i) { return i < s.size() && s[i] >= u'0' && s[i] <= u'9'; }
bool in(U16View s, std::size_t i, char16_t lo, char16_t hi) { return i < s.size() && s[i] >= lo && s[i] <= hi; }
bool is(U16View s, std::size_t i, char16_t c) { return i < s.size() && s[i] == c; }

// The optional groups after the year, each tried with and then without (greedy backtracking).
bool match_from(U16View s, int group, std::size_t pos) {
  switch (group) {
    case 1:
      if (is(s, pos, u'-') && in(s, pos + 1, u'0', u'1') && digit(s, pos + 2) && match_from(s, 2, pos + 3)) return true;
      return match_from(s, 2, pos);
    case 2:
      if (is(s, pos, u'-') && in(s, pos + 1, u'0', u'3') && digit(s, pos + 2) && match_from(s, 3, pos + 3)) return true;
      return match_from(s, 3, pos);
    case 3:
      if (is(s, pos, u'T') && in(s, pos + 1, u'0', u'2') && digit(s, pos + 2) && is(s, pos + 3, u':') &&
          in(s, pos + 4, u'0', u'5') && digit(s, pos + 5) && is(s, pos + 6, u':') && in(s, pos + 7, u'0', u'5') &&
          digit(s, pos + 8) && match_from(s, 4, pos + 9)) {
        return true;
      }
      return match_from(s, 4, pos);
    case 4:
      if (is(s, pos, u'.') && digit(s, pos + 1)) {
        std::size_t end = pos + 1;
        while (digit(s, end)) ++end;
        for (std::size_t e = end; e > pos + 1; --e) if (match_from(s, 5, e)) return true;
      }
      return match_from(s, 5, pos);
    case 5: {
      if ((is(s, pos, u'+') || is(s, pos, u'-')) && in(s, pos + 1, u'0', u'2') && digit(s, pos + 2)) {
        std::size_t p = pos + 3;
        if (is(s, p, u':') && in(s, p + 1, u'0', u'5') && digit(s, p + 2) && p + 3 == s.size()) return true;
        if (in(s, p, u'0', u'5') && digit(s, p + 1) && p + 2 == s.size()) return true;
      }
      if (is(s, pos, u'Z') && pos + 1 == s.size()) return true;
      return pos == s.size();
    }
    default:
      return false;
  }
}

// ---- V8 Date.parse emulation ----

constexpr int kNone = 0x7FFFFFFF;

bool between(int x, int lo, int hi) {
  return static_cast<unsigned>(x) - static_cast<unsigned>(lo) <= static_cast<unsigned>(hi) - static_cast<unsigned>(lo);
}

struct Token {
  enum Kind { End, Invalid, Number, Symbol, TimeSeparator, TimeZoneName, OtherWord } kind = End;
  int value = 0;
  int length = 0;
  bool number_of(int len) const { return kind == Number && length == len; }
  bool symbol(char16_t c) const { return kind == Symbol && value == c; }
  bool sign() const { return kind == Symbol && (value == '+' || value == '-'); }
  bool zulu() const { return kind == TimeZoneName && length == 1 && value == 0; }
};

class Scanner {
 public:
  explicit Scanner(U16View s) : s_(s) { next_ = scan(); }
  Token peek() const { return next_; }
  Token next() {
    Token t = next_;
    next_ = scan();
    return t;
  }
  bool skip(char16_t c) {
    if (!next_.symbol(c)) return false;
    next_ = scan();
    return true;
  }

 private:
  Token scan() {
    Token t;
    if (pos_ >= s_.size()) return t;
    const char16_t c = s_[pos_];
    if (c >= u'0' && c <= u'9') {
      const std::size_t start = pos_;
      int n = 0;
      int count = 0;
      while (pos_ < s_.size() && s_[pos_] == u'0') ++pos_;  // leading zeros are not significant
      while (digit(s_, pos_)) {
        if (count < 9) n = n * 10 + (s_[pos_] - u'0');  // V8 keeps nine significant digits
        ++count;
        ++pos_;
      }
      t.kind = Token::Number;
      t.value = n;
      t.length = static_cast<int>(pos_ - start);
      return t;
    }
    if (c >= u'A') {
      const std::size_t start = pos_;
      while (pos_ < s_.size() && s_[pos_] >= u'A') ++pos_;
      t.length = static_cast<int>(pos_ - start);
      const char16_t first = static_cast<char16_t>(c | 0x20);
      if (t.length == 1 && first == u't') t.kind = Token::TimeSeparator;
      else if (t.length == 1 && first == u'z') t.kind = Token::TimeZoneName;
      else t.kind = Token::OtherWord;
      return t;
    }
    ++pos_;
    t.kind = Token::Symbol;
    t.value = c;
    t.length = 1;
    return t;
  }

  U16View s_;
  std::size_t pos_ = 0;
  Token next_;
};

struct TimeZone {
  int sign = kNone, hour = kNone, minute = kNone;
  void set(int hours) { sign = hours < 0 ? -1 : 1; hour = hours * sign; minute = 0; }
  bool expecting(int n) const { return hour != kNone && minute == kNone && between(n, 0, 59); }
  bool utc() const { return hour == 0 && minute == 0; }
  bool empty() const { return hour == kNone; }
};

struct Time {
  int comp[4] = {0, 0, 0, 0};
  int index = 0;
  int hour_offset = kNone;
  bool empty() const { return index == 0; }
  bool expecting(int n) const {
    return (index == 1 && between(n, 0, 59)) || (index == 2 && between(n, 0, 59)) || (index == 3 && between(n, 0, 999));
  }
  bool add(int n) { return index < 4 ? (comp[index++] = n, true) : false; }
  bool add_final(int n) {
    if (!add(n)) return false;
    while (index < 4) comp[index++] = 0;
    return true;
  }
};

struct Day {
  int comp[3] = {0, 0, 0};
  int index = 0;
  bool iso = false;
  bool empty() const { return index == 0; }
  bool add(int n) { return index < 3 ? (comp[index++] = n, true) : false; }
};

int read_milliseconds(const Token& t) {
  int number = t.value;
  int length = t.length;
  if (length == 1) {
    number *= 100;
  } else if (length == 2) {
    number *= 10;
  } else if (length > 3) {
    if (length > 9) length = 9;
    int factor = 1;
    do {
      factor *= 10;
      --length;
    } while (length > 3);
    number /= factor;
  }
  return number;
}

// The ES5 date-time prefix; returns the first token it did not use (End when it used all).
Token parse_es5(Scanner& sc, Day& day, Time& time, TimeZone& tz) {
  if (!sc.peek().number_of(4)) return sc.next();  // the pattern guarantees four digits first
  day.add(sc.next().value);
  if (sc.skip(u'-')) {
    if (!sc.peek().number_of(2) || !between(sc.peek().value, 1, 12)) return sc.next();
    day.add(sc.next().value);
    if (sc.skip(u'-')) {
      if (!sc.peek().number_of(2) || !between(sc.peek().value, 1, 31)) return sc.next();
      day.add(sc.next().value);
    }
  }
  if (sc.peek().kind != Token::TimeSeparator) {
    if (sc.peek().kind != Token::End) return sc.next();
  } else {
    sc.next();
    Token invalid;
    invalid.kind = Token::Invalid;
    if (!sc.peek().number_of(2) || !between(sc.peek().value, 0, 24)) return invalid;
    const bool hour_24 = sc.peek().value == 24;
    time.add(sc.next().value);
    if (!sc.skip(u':')) return invalid;
    if (!sc.peek().number_of(2) || !between(sc.peek().value, 0, 59) || (hour_24 && sc.peek().value > 0)) return invalid;
    time.add(sc.next().value);
    if (sc.skip(u':')) {
      if (!sc.peek().number_of(2) || !between(sc.peek().value, 0, 59) || (hour_24 && sc.peek().value > 0)) return invalid;
      time.add(sc.next().value);
      if (sc.skip(u'.')) {
        if (sc.peek().kind != Token::Number || (hour_24 && sc.peek().value > 0)) return invalid;
        time.add(read_milliseconds(sc.next()));
      }
    }
    if (sc.peek().zulu()) {
      sc.next();
      tz.set(0);
    } else if (sc.peek().sign()) {
      tz.sign = sc.next().value == '+' ? 1 : -1;
      if (sc.peek().number_of(4)) {
        const int hourmin = sc.next().value;
        const int hour = hourmin / 100;
        const int minute = hourmin % 100;
        if (!between(hour, 0, 23) || !between(minute, 0, 59)) return invalid;
        tz.hour = hour;
        tz.minute = minute;
      } else {
        if (!sc.peek().number_of(2) || !between(sc.peek().value, 0, 23)) return invalid;
        tz.hour = sc.next().value;
        if (!sc.skip(u':')) return invalid;
        if (!sc.peek().number_of(2) || !between(sc.peek().value, 0, 59)) return invalid;
        tz.minute = sc.next().value;
      }
    }
    if (sc.peek().kind != Token::End) return invalid;
  }
  if (tz.empty() && time.empty()) tz.set(0);
  day.iso = true;
  Token end;
  return end;
}

// The legacy rules for whatever the ES5 prefix left; false = not a date.
bool parse_legacy(Scanner& sc, Token token, Day& day, Time& time, TimeZone& tz) {
  bool has_read_number = !day.empty();
  for (; token.kind != Token::End; token = sc.next()) {
    if (token.kind == Token::Number) {
      has_read_number = true;
      const int n = token.value;
      if (sc.skip(u':')) {
        if (sc.skip(u':')) {
          if (!time.empty()) return false;
          time.add(n);
          time.add(0);
        } else {
          if (!time.add(n)) return false;
          if (sc.peek().symbol(u'.')) sc.next();
        }
      } else if (sc.skip(u'.') && time.expecting(n)) {
        time.add(n);
        if (sc.peek().kind != Token::Number) return false;
        const int ms = read_milliseconds(sc.next());
        if (ms < 0) return false;
        time.add_final(ms);
      } else if (tz.expecting(n)) {
        tz.minute = n;
      } else if (time.expecting(n)) {
        time.add_final(n);
        const Token peek = sc.peek();
        if (peek.kind != Token::End && !peek.zulu() && !peek.sign()) return false;
      } else {
        if (!day.add(n)) return false;
        sc.skip(u'-');
      }
    } else if (token.kind == Token::TimeSeparator || token.kind == Token::TimeZoneName || token.kind == Token::OtherWord) {
      if (token.kind == Token::TimeZoneName && has_read_number) {
        tz.set(token.value);
      } else {
        if (has_read_number) return false;
        if (sc.peek().kind == Token::Number) return false;
      }
    } else if (token.sign() && (tz.utc() || !time.empty())) {
      tz.sign = token.value == '+' ? 1 : -1;
      int n = 0;
      int length = 0;
      if (sc.peek().kind == Token::Number) {
        const Token num = sc.next();
        length = num.length;
        n = num.value;
      }
      has_read_number = true;
      if (sc.peek().symbol(u':')) {
        tz.hour = n;
        tz.minute = kNone;
      } else if (length == 1 || length == 2) {
        tz.hour = n;
        tz.minute = 0;
      } else if (length == 3 || length == 4) {
        tz.hour = n / 100;
        tz.minute = n % 100;
      } else {
        return false;
      }
    } else if (token.sign() && has_read_number) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool matches_iso8601(U16View text) {
  for (std::size_t i = 0; i < 4; ++i) if (!digit(text, i)) return false;
  return match_from(text, 1, 4);
}

double v8_date_parse(U16View text) {
  Scanner sc(text);
  Day day;
  Time time;
  TimeZone tz;
  const Token rest = parse_es5(sc, day, time, tz);
  if (rest.kind == Token::Invalid) return NAN;
  if (!parse_legacy(sc, rest, day, time, tz)) return NAN;

  // DayComposer::Write
  if (day.index < 1) return NAN;
  while (day.index < 3) day.comp[day.index++] = 1;
  int year = 0, month = 0, date = 0;
  if (day.iso || !between(day.comp[0], 1, 31)) {
    year = day.comp[0];
    month = day.comp[1];
    date = day.comp[2];
  } else {
    month = day.comp[0];
    date = day.comp[1];
    year = day.comp[2];
  }
  if (!day.iso) {
    if (between(year, 0, 49)) year += 2000;
    else if (between(year, 50, 99)) year += 1900;
  }
  if (!between(month, 1, 12) || !between(date, 1, 31)) return NAN;

  // TimeComposer::Write
  while (time.index < 4) time.comp[time.index++] = 0;
  int hour = time.comp[0];
  const int minute = time.comp[1], second = time.comp[2], millis = time.comp[3];
  if (time.hour_offset != kNone) {
    if (!between(hour, 0, 12)) return NAN;
    hour = hour % 12 + time.hour_offset;
  }
  if (!between(hour, 0, 23) || !between(minute, 0, 59) || !between(second, 0, 59) || !between(millis, 0, 999)) {
    if (hour != 24 || minute != 0 || second != 0 || millis != 0) return NAN;
  }

  // TimeZoneComposer::Write, then the builtin's range checks and TimeClip.
  double utc_offset_seconds = NAN;
  if (tz.sign != kNone) {
    const unsigned h = tz.hour == kNone ? 0u : static_cast<unsigned>(tz.hour);
    const unsigned m = tz.minute == kNone ? 0u : static_cast<unsigned>(tz.minute);
    const unsigned total = h * 3600u + m * 60u;
    if (total > 0x3FFFFFFFu) return NAN;
    utc_offset_seconds = tz.sign < 0 ? -static_cast<double>(total) : static_cast<double>(total);
  }
  double value = cal::make_date(cal::make_day(year, month - 1, date), cal::make_time(hour, minute, second, millis));
  constexpr double kMaxTime = 8.64e15;
  if (std::isnan(utc_offset_seconds)) {
    if (value < -(kMaxTime + 864e6) || value > kMaxTime + 864e6) return NAN;
  } else {
    value -= utc_offset_seconds * 1000.0;
    if (value < -kMaxTime || value > kMaxTime) return NAN;
  }
  return cal::time_clip(value);
}

}  // namespace tb::jsonata::pictures
