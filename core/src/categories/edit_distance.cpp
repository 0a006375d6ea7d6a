// Three rolling rows instead of a full matrix: names are short, but a host may propose a
// 10 kB string, and the resolver compares it against up to 1,000 pairs.
#include "categories/edit_distance.hpp"

#include <algorithm>
#include <vector>

#include "categories/text_normalise.hpp"

namespace tb::categories {

std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t cap) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) >= cap) return cap;
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min >= cap) return cap;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], cap);
}

OneEdit one_edit(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  const std::size_t n = a.size(), m = b.size();
  if (n - m > 1) return OneEdit::kNone;
  std::size_t i = 0;
  while (i < m && a[i] == b[i]) ++i;
  if (i == m) return n == m ? OneEdit::kEqual : OneEdit::kInsertion;
  if (n != m) return a.substr(i + 1) == b.substr(i) ? OneEdit::kInsertion : OneEdit::kNone;
  if (a.substr(i + 1) == b.substr(i + 1)) return OneEdit::kSubstitution;
  if (i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2)) {
    return OneEdit::kSwap;
  }
  return OneEdit::kNone;
}

std::u32string to_code_points(std::string_view s, std::size_t max_chars) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size() && out.size() < max_chars;) out += next_code_point(s, i);
  return out;
}

}  // namespace tb::categories
