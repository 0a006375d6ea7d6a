// Base64 and URL encoding built-ins, with the behaviour of Node's Buffer ('binary' strings)
// and of encodeURI / encodeURIComponent / decodeURI / decodeURIComponent.
#include <cstring>
#include <string>

#include "builtins.hpp"
#include "eval_internal.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Value fn_base64encode(Call& c, const Value* args, std::size_t n) {
  Value s = arg(args, n, 0);
  if (s.is_undefined()) return s;
  // A 'binary' string: each UTF-16 unit contributes its low byte.
  std::u16string u = utf::to_utf16(s.sv());
  std::string out;
  out.reserve((u.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < u.size(); i += 3) {
    std::uint32_t b0 = u[i] & 0xFF;
    std::uint32_t b1 = i + 1 < u.size() ? (u[i + 1] & 0xFF) : 0;
    std::uint32_t b2 = i + 2 < u.size() ? (u[i + 2] & 0xFF) : 0;
    std::uint32_t w = (b0 << 16) | (b1 << 8) | b2;
    out += kB64[(w >> 18) & 63];
    out += kB64[(w >> 12) & 63];
    out += i + 1 < u.size() ? kB64[(w >> 6) & 63] : '=';
    out += i + 2 < u.size() ? kB64[w & 63] : '=';
  }
  return c.ev.make_string(out);
}

int b64_value(char ch) {
  if (ch >= 'A' && ch <= 'Z') return ch - 'A';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
  if (ch >= '0' && ch <= '9') return ch - '0' + 52;
  if (ch == '+' || ch == '-') return 62;
  if (ch == '/' || ch == '_') return 63;
  return -1;
}

Value fn_base64decode(Call& c, const Value* args, std::size_t n) {
  Value s = arg(args, n, 0);
  if (s.is_undefined()) return s;
  // Buffer.from(s, 'base64'): skips characters outside the alphabet, stops at '='. Node looks
  // each UTF-16 unit up by its low byte only, so U+1D4B3 (D835 DCB3) contributes '5' and
  // U+0141 an 'A'; low bytes 0x80-0xFF are outside the alphabet.
  std::u16string units = utf::to_utf16(s.sv());
  std::uint32_t acc = 0;
  int bits = 0;
  std::string out;
  for (char16_t u : units) {
    char ch = static_cast<char>(u & 0xFF);
    if (ch == '=') break;
    int v = (u & 0xFF) < 0x80 ? b64_value(ch) : -1;
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      utf::append(out, (acc >> bits) & 0xFF);  // each byte becomes one Latin-1 character
    }
  }
  return c.ev.make_string(out);
}

Value url_error(Call& c, Value s, const char* fn) {
  EvalError& e = c.ev.fail("D3140");
  e.set_value(s);
  e.function_name = fn;
  return Value::error();
}

Value encode(Call& c, Value s, bool component) {
  static const char kHex[] = "0123456789ABCDEF";
  const char* keep = component ? "-_.!~*'()" : "-_.!~*'();/?:@&=+$,#";
  std::string out;
  std::string_view v = s.sv();
  std::size_t next_check = 1u << 16;  // the time limit is checked every 64 KiB of input
  for (std::size_t i = 0; i < v.size();) {
    if (i >= next_check) {
      if (!c.ev.check_limits()) return Value::error();
      next_check = i + (1u << 16);
    }
    auto ch = static_cast<unsigned char>(v[i]);
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
        (ch < 0x80 && ch && std::strchr(keep, ch))) {
      out += static_cast<char>(ch);
      ++i;
      continue;
    }
    std::size_t start = i;
    std::uint32_t cp = utf::next(v, i);
    if (cp >= 0xD800 && cp <= 0xDFFF) return url_error(c, s, component ? "encodeUrlComponent" : "encodeUrl");
    for (std::size_t k = start; k < i; ++k) {
      auto b = static_cast<unsigned char>(v[k]);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return c.ev.make_string(out);
}

int hexval(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f') return (ch | 0x20) - 'a' + 10;
  return -1;
}

Value decode(Call& c, Value s, bool component) {
  const char* fn = component ? "decodeUrlComponent" : "decodeUrl";
  std::string_view v = s.sv();
  std::string out;
  auto byte_at = [&](std::size_t i, int* b) {
    if (i + 2 >= v.size() || v[i] != '%') return false;
    int h = hexval(v[i + 1]), l = hexval(v[i + 2]);
    if (h < 0 || l < 0) return false;
    *b = h * 16 + l;
    return true;
  };
  for (std::size_t i = 0; i < v.size();) {
    if (v[i] != '%') {
      out += v[i++];
      continue;
    }
    int b;
    if (!byte_at(i, &b)) return url_error(c, s, fn);
    if (b < 0x80) {
      // decodeURI leaves escapes of reserved characters as they are.
      // (strchr would find the terminator for %00, which is no reserved character.)
      if (!component && b && std::strchr(";/?:@&=+$,#", b)) out.append(v.data() + i, 3);
      else out += static_cast<char>(b);
      i += 3;
      continue;
    }
    std::size_t len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (!len) return url_error(c, s, fn);
    char bytes[4];
    bytes[0] = static_cast<char>(b);
    std::size_t j = i + 3;
    for (std::size_t k = 1; k < len; ++k, j += 3) {
      int cb;
      if (!byte_at(j, &cb) || (cb & 0xC0) != 0x80) return url_error(c, s, fn);
      bytes[k] = static_cast<char>(cb);
    }
    if (!utf::valid_utf8(bytes, len)) return url_error(c, s, fn);
    out.append(bytes, len);
    i = j;
  }
  return c.ev.make_string(out);
}

Value fn_encode_url_component(Call& c, const Value* args, std::size_t n) {
  Value s = arg(args, n, 0);
  return s.is_undefined() ? s : encode(c, s, true);
}
Value fn_encode_url(Call& c, const Value* args, std::size_t n) {
  Value s = arg(args, n, 0);
  return s.is_undefined() ? s : encode(c, s, false);
}
Value fn_decode_url_component(Call& c, const Value* args, std::size_t n) {
  Value s = arg(args, n, 0);
  return s.is_undefined() ? s : decode(c, s, true);
}
Value fn_decode_url(Call& c, const Value* args, std::size_t n) {
  Value s = arg(args, n, 0);
  return s.is_undefined() ? s : decode(c, s, false);
}

const Builtin kEncoding[] = {
    {"base64encode", "<s-:s>", 1, 1, fn_base64encode},
    {"base64decode", "<s-:s>", 1, 1, fn_base64decode},
    {"encodeUrlComponent", "<s-:s>", 1, 1, fn_encode_url_component},
    {"encodeUrl", "<s-:s>", 1, 1, fn_encode_url},
    {"decodeUrlComponent", "<s-:s>", 1, 1, fn_decode_url_component},
    {"decodeUrl", "<s-:s>", 1, 1, fn_decode_url},
};

}  // namespace

const Builtin* encoding_builtins(std::size_t* n) {
  *n = sizeof kEncoding / sizeof kEncoding[0];
  return kEncoding;
}

}  // namespace tb::jsonata
