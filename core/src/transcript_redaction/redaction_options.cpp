// The redaction settings as JSON (the `escalation.redaction` object) and the small value
// types around them. Member names match RedactionOptions one to one.
#include <initializer_list>

#include "ticketbridge/json_text.hpp"
#include "ticketbridge/transcript_redaction.hpp"

namespace tb {

using nlohmann::json;

const std::string& RedactionPlaceholders::of(RedactionKind kind) const {
  switch (kind) {
    case RedactionKind::Email: return email;
    case RedactionKind::Phone: return phone;
    case RedactionKind::Card: return card;
    case RedactionKind::Secret: return secret;
    case RedactionKind::Term: break;
  }
  return term;
}

std::size_t& RedactionCounts::of(RedactionKind kind) {
  switch (kind) {
    case RedactionKind::Email: return email;
    case RedactionKind::Phone: return phone;
    case RedactionKind::Card: return card;
    case RedactionKind::Secret: return secret;
    case RedactionKind::Term: break;
  }
  return term;
}

RedactionCounts& RedactionCounts::operator+=(const RedactionCounts& o) {
  email += o.email;
  phone += o.phone;
  card += o.card;
  secret += o.secret;
  term += o.term;
  return *this;
}

namespace {

struct OptionsReader {
  std::string prefix;
  std::vector<Error>& errors;

  void fail(const char* what, std::string message, std::string path) {
    errors.push_back(make_error(prefix + "_" + what, std::move(message), std::move(path)));
  }
};

bool has_control(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void read_terms(OptionsReader& r, const json& v, const std::string& path, RedactionOptions& o) {
  if (!v.is_array()) return r.fail("INVALID_TYPE", "'terms' must be an array of strings", path);
  if (v.size() > kMaxRedactionTerms) {
    return r.fail("INVALID_VALUE", "'terms' may hold at most " + std::to_string(kMaxRedactionTerms) + " entries", path);
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string where = json_path_join(path, i);
    if (!v[i].is_string()) {
      r.fail("INVALID_TYPE", "each term must be a string", where);
      continue;
    }
    const std::string& t = v[i].get_ref<const std::string&>();
    if (!is_valid_utf8(t) || has_control(t)) {
      r.fail("INVALID_VALUE", "a term must be valid UTF-8 text without control characters", where);
    } else if (t.size() > kMaxRedactionTermBytes) {
      r.fail("INVALID_VALUE", "a term may be at most " + std::to_string(kMaxRedactionTermBytes) + " bytes", where);
    } else if (t.find_first_not_of(' ') == std::string::npos || code_points(t) < 2) {
      // One character would mask that letter everywhere.
      r.fail("INVALID_VALUE", "a term needs at least two characters besides spaces", where);
    } else {
      o.terms.push_back(t);
    }
  }
}

void read_placeholders(OptionsReader& r, const json& v, const std::string& path, RedactionPlaceholders& p) {
  if (!v.is_object()) return r.fail("INVALID_TYPE", "'placeholders' must be an object", path);
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string where = json_path_join(path, it.key());
    std::string* field = it.key() == "email"    ? &p.email
                         : it.key() == "phone"  ? &p.phone
                         : it.key() == "card"   ? &p.card
                         : it.key() == "secret" ? &p.secret
                         : it.key() == "term"   ? &p.term
                                                : nullptr;
    if (!field) {
      r.fail("UNKNOWN_FIELD", "unknown placeholder '" + it.key() + "' (email, phone, card, secret, term)", where);
    } else if (!it->is_string()) {
      r.fail("INVALID_TYPE", "a placeholder must be a string", where);
    } else {
      const std::string& s = it->get_ref<const std::string&>();
      if (s.empty() || s.size() > kMaxPlaceholderBytes || !is_valid_utf8(s) || has_control(s)) {
        r.fail("INVALID_VALUE",
               "a placeholder must be 1 to " + std::to_string(kMaxPlaceholderBytes) + " bytes of text without control characters",
               where);
      } else {
        *field = s;
      }
    }
  }
}

}  // namespace

Result<RedactionOptions> redaction_options_from_json(const json& v, std::string_view code_prefix,
                                                     std::string_view base_path, std::vector<Error>* problems) {
  std::vector<Error> errors;
  OptionsReader r{std::string(code_prefix), errors};
  RedactionOptions o;
  const std::string base(base_path);
  if (!v.is_object()) {
    r.fail("INVALID_TYPE", "the redaction settings must be an object", base);
  } else {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      const std::string where = json_path_join(base, key);
      bool* flag = key == "enabled"          ? &o.enabled
                   : key == "emails"         ? &o.emails
                   : key == "phones"         ? &o.phones
                   : key == "cards"          ? &o.cards
                   : key == "secrets"        ? &o.secrets
                   : key == "highEntropy"    ? &o.high_entropy
                   : key == "wholeWordTerms" ? &o.whole_word_terms
                                             : nullptr;
      if (flag) {
        if (it->is_boolean()) {
          *flag = it->get<bool>();
        } else {
          r.fail("INVALID_TYPE", "'" + key + "' must be true or false", where);
        }
      } else if (key == "highEntropyMinLength") {
        if (!it->is_number_integer()) {
          r.fail("INVALID_TYPE", "'highEntropyMinLength' must be an integer", where);
        } else if (it->get<std::int64_t>() < 16 || it->get<std::int64_t>() > 1024) {
          r.fail("INVALID_VALUE", "'highEntropyMinLength' must be between 16 and 1024", where);
        } else {
          o.high_entropy_min_length = static_cast<std::size_t>(it->get<std::int64_t>());
        }
      } else if (key == "terms") {
        read_terms(r, *it, where, o);
      } else if (key == "placeholders") {
        read_placeholders(r, *it, where, o.placeholders);
      } else {
        r.fail("UNKNOWN_FIELD", "unknown redaction setting '" + key + "'", where);
      }
    }
  }
  if (problems) *problems = errors;
  if (!errors.empty()) return errors.front();
  return o;
}

json redaction_options_to_json(const RedactionOptions& o) {
  const RedactionPlaceholders& p = o.placeholders;
  return {{"enabled", o.enabled},
          {"emails", o.emails},
          {"phones", o.phones},
          {"cards", o.cards},
          {"secrets", o.secrets},
          {"highEntropy", o.high_entropy},
          {"highEntropyMinLength", o.high_entropy_min_length},
          {"terms", o.terms},
          {"wholeWordTerms", o.whole_word_terms},
          {"placeholders", {{"email", p.email}, {"phone", p.phone}, {"card", p.card}, {"secret", p.secret}, {"term", p.term}}}};
}

json redaction_counts_to_json(const RedactionCounts& c) {
  return {{"email", c.email}, {"phone", c.phone}, {"card", c.card}, {"secret", c.secret}, {"term", c.term}};
}

json redaction_result_to_json(const RedactionResult& r) {
  return {{"text", r.text}, {"counts", redaction_counts_to_json(r.counts)}, {"invalidUtf8", r.invalid_utf8}};
}

std::string describe_redaction(const RedactionCounts& c) {
  std::string out;
  const std::pair<std::size_t, const char*> parts[] = {
      {c.email, "email"}, {c.phone, "phone number"}, {c.card, "card number"}, {c.secret, "secret"}, {c.term, "term"}};
  for (const auto& [n, noun] : parts) {
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  }
  return out;
}

}  // namespace tb
