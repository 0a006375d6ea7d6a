// The phone-number rules (docs/redaction.md, "Phone numbers"). A digit sequence counts as a
// phone number when it has a shape only phone numbers have (a '+' or "00" prefix, the North
// American 3-3-4 layout, or a national trunk '0' and the right length), or when a word just
// before it says so ("Tel.", "call me on", "Handy"). Shapes that belong to other numbers
// (dates, addresses, versions, amounts) and words that name other numbers ("order",
// "serial", "ticket") win over both.
#include "transcript_redaction/phone_shape.hpp"

#include <string>

#include "transcript_redaction/text_scan.hpp"

namespace tb::redaction::phone {
namespace {

constexpr std::string_view kPhoneWords[] = {
    "phone", "phones", "telephone", "tel", "tele", "mobile", "mob", "cell", "cellphone", "call", "dial",
    "ring", "fax", "whatsapp", "sms", "reach", "contact", "hotline", "telefon", "telefonnummer", "handy",
    "mobil", "mobilnummer", "rufnummer", "durchwahl", "tél", "téléphone", "portable", "appeler", "appelez",
    "teléfono", "telefono", "móvil", "movil", "celular", "telefone", "fone", "telemóvel", "cellulare", "telefoon", "mobiel",
    "bellen", "tlf", "puhelin"};

constexpr std::string_view kOtherNumberWords[] = {
    "order", "invoice", "serial", "sn", "asset", "tag", "ticket", "case", "incident", "inc", "req", "ritm",
    "ref", "reference", "po", "account", "acct", "id", "imei", "iban", "bic", "sku", "part", "pn", "model",
    "customer", "employee", "badge", "room", "tracking", "license", "licence", "version", "build", "kb",
    "error", "code", "port", "pid", "ip", "amount", "total", "price", "cost", "eur", "usd", "gbp", "chf",
    "balance", "vat", "tax", "zip", "postcode", "plz", "bestellung", "rechnung", "seriennummer", "commande",
    "facture", "pedido", "factura"};

char first_digit(std::string_view s, const Group& g) { return s[g.begin + (g.paren ? 1 : 0)]; }

// The n-th digit of the token (n < 3), or '\0'.
char nth_digit(std::string_view s, const Token& t, std::size_t n) {
  for (const Group& g : t.groups) {
    if (n < g.digits) return s[g.begin + (g.paren ? 1 : 0) + n];
    n -= g.digits;
  }
  return '\0';
}

bool nanp(std::string_view s, const Token& t, std::size_t k) {
  const auto& g = t.groups;
  std::size_t j = 0;
  if (k >= 3 && !g[0].paren && g[0].digits == 1 && first_digit(s, g[0]) == '1') j = 1;
  const std::size_t m = k - j;
  // Area codes and exchanges start with 2-9.
  if (m == 3) {
    return g[j].digits == 3 && first_digit(s, g[j]) >= '2' && g[j + 1].digits == 3 && !g[j + 1].paren &&
           first_digit(s, g[j + 1]) >= '2' && g[j + 2].digits == 4 && !g[j + 2].paren;
  }
  if (m == 2 && j == 0) {
    return g[0].digits == 3 && !g[0].paren && first_digit(s, g[0]) >= '2' && g[1].digits == 4 && g[1].sep == '-';
  }
  return false;
}

}  // namespace

std::size_t digit_count(const Token& t, std::size_t k) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < k; ++i) n += t.groups[i].digits;
  return n;
}

int cue_before(std::string_view s, std::size_t begin) {
  const std::size_t limit = begin > 48 ? begin - 48 : 0;
  std::size_t i = begin;
  int words = 0;
  while (i > limit && words < 6) {
    std::size_t len = 0;
    while (i > limit) {
      const char32_t cp = decode_before(s, i, &len);
      if (cp == '\n') return 0;
      if (is_word_cp(cp)) break;
      i -= len;
    }
    const std::size_t e = i;
    while (i > limit) {
      const char32_t cp = decode_before(s, i, &len);
      if (!is_word_cp(cp)) break;
      i -= len;
    }
    if (e == i) break;
    const std::string w = ascii_lower(s, i, e);
    if (w.find_first_not_of("0123456789") == std::string::npos) continue;  // other numbers in between
    if (in_list(kPhoneWords, w)) return 1;
    if (in_list(kOtherNumberWords, w)) return -1;
    ++words;
  }
  return 0;
}

bool is_other_number(std::string_view s, const Token& t) {
  const auto& g = t.groups;
  const std::size_t k = g.size();
  bool dotted = false, parens = false;
  for (std::size_t i = 0; i < k; ++i) {
    dotted = dotted || g[i].sep == '.';
    parens = parens || g[i].paren;
  }
  if (parens) return false;
  // A date, alone or followed by a time ("2024-01-15 10:30"); "06.12.34.56.78" is not one.
  if (k >= 3 && g[1].sep == g[2].sep && (g[1].sep == '-' || g[1].sep == '.' || g[1].sep == '/') &&
      (k == 3 || g[3].sep == ' ')) {
    const bool ymd = g[0].digits == 4 && g[1].digits <= 2 && g[2].digits <= 2;
    const bool dmy = g[0].digits <= 2 && g[1].digits <= 2 && (g[2].digits == 4 || g[2].digits == 2);
    if (ymd || dmy) return true;
  }
  if (k == 6) {
    bool mac = true;
    for (std::size_t i = 0; i < k; ++i) mac = mac && g[i].digits == 2 && (i == 0 || g[i].sep == g[1].sep);
    if (mac) return true;
  }
  if (dotted && !t.plus) {
    if (k == 2) return true;  // 123.4567: a decimal number
    bool short_groups = true, quad4 = k == 3;
    for (std::size_t i = 0; i < k; ++i) {
      if (g[i].digits == 1 || g[i].digits >= 5) return true;  // 10.0.19045.3693, 14.4.1
      short_groups = short_groups && g[i].digits <= 3;
      quad4 = quad4 && g[i].digits == 4;
    }
    if (k == 4 && short_groups) return true;  // IPv4
    if (quad4) return true;                   // 0011.2233.4455: a MAC address
  }
  return false;
}

bool has_phone_shape(std::string_view s, const Token& t, std::size_t k) {
  const std::size_t d = digit_count(t, k);
  std::size_t slashes = 0;
  bool dots = false;
  for (std::size_t i = 1; i < k; ++i) {
    slashes += t.groups[i].sep == '/';
    dots = dots || t.groups[i].sep == '.';
  }
  if (t.plus) return d >= 8 && d <= 15 && slashes == 0;
  const char d0 = nth_digit(s, t, 0), d1 = nth_digit(s, t, 1), d2 = nth_digit(s, t, 2);
  if (d0 == '0' && d1 == '0') {
    // 00 + country code: the international prefix dialled from most of the world.
    return d2 != '0' && !dots && slashes == 0 && d >= 10 && d <= 17;
  }
  if (slashes == 0 && nanp(s, t, k)) return true;
  if (d0 == '0' && slashes <= 1) {
    if (k == 1) return d >= 10 && d <= 11;
    return d >= 9 && d <= 12;
  }
  return false;
}

bool is_grouped_amount(std::string_view s, const Token& t, std::size_t k) {
  if (t.plus || k < 2) return false;
  const auto& g = t.groups;
  if (g[0].paren || g[0].digits > 3 || first_digit(s, g[0]) == '0') return false;
  for (std::size_t i = 1; i < k; ++i) {
    if (g[i].paren || g[i].digits != 3 || (g[i].sep != ' ' && g[i].sep != '.')) return false;
  }
  return true;
}

}  // namespace tb::redaction::phone
