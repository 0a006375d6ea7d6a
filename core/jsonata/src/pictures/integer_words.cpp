// English number words for the w/W/Ww integer pictures, both ways, with the reference's
// phrasing ("one trillion and one", "three thousand, seven hundred and thirty-first") and its
// word table (which also accepts a few oddities such as "hundreieth").

#include <cmath>
#include <utility>

#include "pictures/integer_picture.hpp"
#include "pictures/picture_errors.hpp"
#include "ticketbridge/text/js_math.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16;
using js::U16View;

const char* const kFew[] = {"Zero",    "One",     "Two",       "Three",    "Four",     "Five",    "Six",
                            "Seven",   "Eight",   "Nine",      "Ten",      "Eleven",   "Twelve",  "Thirteen",
                            "Fourteen", "Fifteen", "Sixteen",  "Seventeen", "Eighteen", "Nineteen"};
const char* const kOrdinals[] = {"Zeroth",     "First",      "Second",      "Third",      "Fourth",
                                 "Fifth",      "Sixth",      "Seventh",     "Eighth",     "Ninth",
                                 "Tenth",      "Eleventh",   "Twelfth",     "Thirteenth", "Fourteenth",
                                 "Fifteenth",  "Sixteenth",  "Seventeenth", "Eighteenth", "Nineteenth"};
const char* const kDecades[] = {"Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"};
const char* const kMagnitudes[] = {"Thousand", "Million", "Billion", "Trillion"};

struct WordTable {
  std::vector<U16> words;  // insertion order, as the reference's object keys
  std::vector<double> values;

  void set(const U16& word, double value) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i] == word) {
        values[i] = value;
        return;
      }
    }
    words.push_back(word);
    values.push_back(value);
  }

  const double* find(U16View word) const {
    for (std::size_t i = 0; i < words.size(); ++i) if (words[i] == word) return &values[i];
    return nullptr;
  }
};

const WordTable& word_table() {
  static const WordTable table = [] {
    WordTable t;
    for (int i = 0; i < 20; ++i) t.set(js::ascii_lower(js::ascii(kFew[i])), i);
    for (int i = 0; i < 20; ++i) t.set(js::ascii_lower(js::ascii(kOrdinals[i])), i);
    for (int i = 0; i < 9; ++i) {
      const U16 word = js::ascii_lower(js::ascii(kDecades[i]));
      const double value = (i + 2) * 10;
      t.set(word, value);
      t.set(word.substr(0, word.size() - 1) + u"ieth", value);
    }
    t.set(u"hundredth", 100);
    for (int i = 0; i < 4; ++i) {
      const U16 word = js::ascii_lower(js::ascii(kMagnitudes[i]));
      const double value = text::js_pow(10.0, (i + 1) * 3);
      t.set(word, value);
      t.set(word + u"th", value);
    }
    return t;
  }();
  return table;
}

U16 lookup(double num, bool prev, bool ordinal) {
  U16 words;
  if (num <= 19) {
    const auto i = static_cast<std::size_t>(num);
    words = (prev ? U16(u" and ") : U16()) + js::ascii(ordinal ? kOrdinals[i] : kFew[i]);
  } else if (num < 100) {
    const double tens = std::floor(num / 10);
    const double remainder = std::fmod(num, 10);
    words = (prev ? U16(u" and ") : U16()) + js::ascii(kDecades[static_cast<std::size_t>(tens) - 2]);
    if (remainder > 0) {
      words += u"-" + lookup(remainder, false, ordinal);
    } else if (ordinal) {
      words = words.substr(0, words.size() - 1) + u"ieth";
    }
  } else if (num < 1000) {
    const double hundreds = std::floor(num / 100);
    const double remainder = std::fmod(num, 100);
    words = (prev ? U16(u", ") : U16()) + js::ascii(kFew[static_cast<std::size_t>(hundreds)]) + u" Hundred";
    if (remainder > 0) {
      words += lookup(remainder, true, ordinal);
    } else if (ordinal) {
      words += u"th";
    }
  } else {
    double mag = std::floor(std::log10(num) / 3);
    if (mag > 4) mag = 4;  // "trillion" is the largest word; bigger numbers repeat it
    const double factor = text::js_pow(10.0, mag * 3);
    const double mant = std::floor(num / factor);
    const double remainder = num - mant * factor;
    words = (prev ? U16(u", ") : U16()) + lookup(mant, false, false) + u" " +
            js::ascii(kMagnitudes[static_cast<std::size_t>(mag) - 1]);
    if (remainder > 0) {
      words += lookup(remainder, true, ordinal);
    } else if (ordinal) {
      words += u"th";
    }
  }
  return words;
}

// The reference splits on /,\s|\sand\s|[\s\\-]/ (first alternative that matches wins).
std::size_t separator_length(U16View s, std::size_t i) {
  if (s[i] == u',' && i + 1 < s.size() && js::is_space(s[i + 1])) return 2;
  if (js::is_space(s[i]) && i + 4 < s.size() && s.substr(i + 1, 3) == u"and" && js::is_space(s[i + 4])) return 5;
  if (js::is_space(s[i]) || s[i] == u'\\' || s[i] == u'-') return 1;
  return 0;
}

}  // namespace

Result<U16> number_to_words(double value, bool ordinal) {
  // The reference recurses forever on NaN (an invalid date) and overflows its stack.
  if (std::isnan(value) || std::isinf(value)) return runtime_error("Maximum call stack size exceeded");
  return lookup(value, false, ordinal);
}

double words_to_number(U16View text) {
  const WordTable& table = word_table();
  std::vector<double> segs{0};
  auto add = [&](U16View part) {
    const double* found = table.find(part);
    const double value = found ? *found : NAN;
    if (value < 100) {
      double top = segs.back();
      segs.pop_back();
      if (top >= 1000) {
        segs.push_back(top);
        top = 0;
      }
      segs.push_back(top + value);
    } else {
      const double top = segs.back();
      segs.pop_back();
      segs.push_back(top * value);
    }
  };
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t len = separator_length(text, i);
    if (len == 0) {
      ++i;
      continue;
    }
    add(text.substr(start, i - start));
    i += len;
    start = i;
  }
  add(text.substr(start));
  double sum = 0;
  for (const double s : segs) sum += s;
  return sum;
}

const std::vector<U16>& number_words() { return word_table().words; }

}  // namespace tb::jsonata::pictures
