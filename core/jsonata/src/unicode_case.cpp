#include "unicode_case.hpp"

#include "utf.hpp"

namespace tb::jsonata::unicode {
namespace {

// Runs are sorted by first code point: binary search for the last run starting at or before cp.
bool map_simple(const CaseRun* runs, std::size_t n, std::uint32_t cp, std::uint32_t* out) {
  std::size_t lo = 0, hi = n;
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (runs[mid].first <= cp) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return false;
  const CaseRun& r = runs[lo - 1];
  std::uint32_t off = cp - r.first;
  if (off % r.stride != 0 || off / r.stride >= r.count) return false;
  *out = static_cast<std::uint32_t>(static_cast<std::int64_t>(cp) + r.delta);
  return true;
}

const char* map_multi(const CaseMulti* m, std::size_t n, std::uint32_t cp) {
  for (std::size_t i = 0; i < n; ++i)
    if (m[i].cp == cp) return m[i].utf8;
  return nullptr;
}

bool in_ranges(const CodeRange* r, std::size_t n, std::uint32_t cp) {
  std::size_t lo = 0, hi = n;
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (r[mid].last < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && r[lo].first <= cp;
}

bool cased(std::uint32_t cp) { return in_ranges(kTables.cased, kTables.ncased, cp); }
bool ignorable(std::uint32_t cp) { return in_ranges(kTables.ignorable, kTables.nignorable, cp); }

// Final_Sigma: a cased letter (then case-ignorables) before, and no cased letter after
// (skipping case-ignorables).
bool final_sigma(std::string_view s, std::size_t at, std::size_t after) {
  bool before = false;
  std::size_t i = at;
  while (i > 0) {
    std::size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
    std::size_t k = j;
    std::uint32_t cp = utf::next(s, k);
    i = j;
    if (ignorable(cp)) continue;
    before = cased(cp);
    break;
  }
  if (!before) return false;
  for (std::size_t k = after; k < s.size();) {
    std::uint32_t cp = utf::next(s, k);
    if (ignorable(cp)) continue;
    return !cased(cp);
  }
  return true;
}

void convert(std::string_view s, std::string& out, bool upper) {
  out.reserve(out.size() + s.size());
  const CaseRun* runs = upper ? kTables.upper : kTables.lower;
  std::size_t nruns = upper ? kTables.nupper : kTables.nlower;
  const CaseMulti* multi = upper ? kTables.upper_multi : kTables.lower_multi;
  std::size_t nmulti = upper ? kTables.nupper_multi : kTables.nlower_multi;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (upper && c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 32);
      else if (!upper && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t start = i;
    std::uint32_t cp = utf::next(s, i);
    if (!upper && cp == 0x3A3) {
      utf::append(out, final_sigma(s, start, i) ? 0x3C2 : 0x3C3);
      continue;
    }
    if (const char* m = map_multi(multi, nmulti, cp)) {
      out += m;
      continue;
    }
    std::uint32_t mapped;
    utf::append(out, map_simple(runs, nruns, cp, &mapped) ? mapped : cp);
  }
}

}  // namespace

bool to_upper(std::string_view s, std::string& out) {
  convert(s, out, true);
  return true;
}
bool to_lower(std::string_view s, std::string& out) {
  convert(s, out, false);
  return true;
}

}  // namespace tb::jsonata::unicode
