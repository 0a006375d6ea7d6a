// $uppercase / $lowercase in the WebAssembly modules: the host's toUpperCase() / toLowerCase().
// JSONata defines them as JavaScript's, and jsonata-js calls exactly these, so the host is the
// reference the engine's own tables (core/jsonata/src/unicode_case_data.cpp, generated from
// one Node version) copy: every browser and Node has them, and leaving the tables out of the
// .wasm saves about 7 KiB gzip of every page (docs/benchmarks.md, the size account). Native
// builds keep the tables (TB_JSONATA_CASE_TABLES). ASCII text, most of what an ITSM answers
// with, is mapped here without crossing into JavaScript.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>
#include <string_view>

// The engine's strings are WTF-8: a lone surrogate (kept as JavaScript keeps it) is its
// three-byte form. TextDecoder would turn those into U+FFFD, so the text is decoded and
// encoded here. Answers a malloc'ed copy of the mapped text and its length at `out_len`;
// 0 when the module is out of memory.
EM_JS(char*, tb_host_case, (const char* s, int len, int upper, int* out_len), {
  var h = HEAPU8;
  var units = [];
  var text = "";
  for (var i = s, end = s + len; i < end;) {
    var c = h[i++];
    if (c >= 0xF0) {
      c = ((c & 7) << 18) | ((h[i] & 63) << 12) | ((h[i + 1] & 63) << 6) | (h[i + 2] & 63);
      i += 3;
      c -= 0x10000;
      units.push(0xD800 + (c >> 10), 0xDC00 + (c & 1023));
    } else if (c >= 0xE0) {
      units.push(((c & 15) << 12) | ((h[i] & 63) << 6) | (h[i + 1] & 63));
      i += 2;
    } else if (c >= 0xC0) {
      units.push(((c & 31) << 6) | (h[i++] & 63));
    } else {
      units.push(c);
    }
    if (units.length >= 4096) {
      text += String.fromCharCode.apply(null, units);
      units.length = 0;
    }
  }
  text += String.fromCharCode.apply(null, units);
  var mapped = upper ? text.toUpperCase() : text.toLowerCase();
  var at = _malloc(mapped.length * 3 + 1);
  if (!at) return 0;
  h = HEAPU8;
  var w = at;
  for (var k = 0; k < mapped.length; k++) {
    var u = mapped.charCodeAt(k);
    if (u >= 0xD800 && u <= 0xDBFF && k + 1 < mapped.length) {
      var lo = mapped.charCodeAt(k + 1);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        var cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        h[w++] = 0xF0 | (cp >> 18);
        h[w++] = 0x80 | ((cp >> 12) & 63);
        h[w++] = 0x80 | ((cp >> 6) & 63);
        h[w++] = 0x80 | (cp & 63);
        k++;
        continue;
      }
    }
    if (u < 0x80) {
      h[w++] = u;
    } else if (u < 0x800) {
      h[w++] = 0xC0 | (u >> 6);
      h[w++] = 0x80 | (u & 63);
    } else {
      h[w++] = 0xE0 | (u >> 12);
      h[w++] = 0x80 | ((u >> 6) & 63);
      h[w++] = 0x80 | (u & 63);
    }
  }
  HEAP32[out_len >> 2] = w - at;
  return at;
});

// The engine's seam (core/jsonata/src/unicode_case.hpp, which nothing outside the engine
// includes): declared again here; a signature that drifted would fail the link.
namespace tb::jsonata::unicode {
bool to_upper(std::string_view s, std::string& out);
bool to_lower(std::string_view s, std::string& out);
namespace {

bool ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool convert(std::string_view s, std::string& out, bool upper) {
  if (ascii(s)) {
    out.reserve(out.size() + s.size());
    for (char c : s) {
      if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      else if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      out += c;
    }
    return true;
  }
  int len = 0;
  char* mapped = tb_host_case(s.data(), static_cast<int>(s.size()), upper ? 1 : 0, &len);
  if (!mapped) return false;  // the built-in reports the module out of memory
  out.append(mapped, static_cast<std::size_t>(len));
  std::free(mapped);
  return true;
}

}  // namespace

bool to_upper(std::string_view s, std::string& out) { return convert(s, out, true); }
bool to_lower(std::string_view s, std::string& out) { return convert(s, out, false); }

}  // namespace tb::jsonata::unicode
