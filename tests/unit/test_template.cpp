// Template rendering: each placeholder is encoded for where it stands, and no value can
// change the structure of what is rendered.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"
#include "ticketbridge/template.hpp"

using namespace tb;
using json = nlohmann::json;

namespace {

Template parse(const std::string& src, TemplateKind kind) {
  auto t = Template::parse(src, kind);
  BOOST_REQUIRE_MESSAGE(t.ok(), src);
  return t.value();
}

std::string render_with(const Template& t, const json& values) {
  auto r = render(t, [&](const Placeholder& p) { return lookup_path(values, p.segments); });
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  return r.value();
}

std::vector<std::string> adversarial_values() {
  std::vector<std::string> v = {
      R"(", "x": ")", "}}", "{{other}}", "{{", R"(\)", R"(\\\")", "\\u0000", "line1\nline2\r\n",
      "tab\there", std::string("nul\0byte", 8), "\x01\x1f\x7f", "\u2028\u2029", "emoji \U0001F600 \U0001F9D1\u200D\U0001F4BB",
      "quote \" and 'single'", "</script><script>alert(1)</script>", "\"}, \"admin\": true, \"x\": {\"", "]]}}}", "",
      "caf\u00e9 \u65e5\u672c\u8a9e \u0645\u0631\u062d\u0628\u0627"};
  v.push_back(std::string(64 * 1024, 'a') + "\"\\\n" + std::string(100, '"'));
  return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(slots)

BOOST_AUTO_TEST_CASE(json_placeholders_know_if_they_stand_in_a_string_or_alone) {
  Template t = parse(R"({"a": "x {{p}} y", "b": {{q}}, "c\"{{r}}": [{{s}}], "d": "\\{{u}}"})", TemplateKind::Json);
  BOOST_REQUIRE_EQUAL(t.placeholders().size(), 5u);
  BOOST_CHECK(t.placeholders()[0].slot == Slot::JsonString);
  BOOST_CHECK(t.placeholders()[1].slot == Slot::JsonValue);
  BOOST_CHECK(t.placeholders()[2].slot == Slot::JsonString);  // escaped quote keeps us in the key string
  BOOST_CHECK(t.placeholders()[3].slot == Slot::JsonValue);
  BOOST_CHECK(t.placeholders()[4].slot == Slot::JsonString);  // "\\" ends with an escaped backslash, not a quote
}

BOOST_AUTO_TEST_CASE(resource_placeholders_are_path_or_query) {
  Template t = parse("api/now/table/{{table}}/{{id}}?sysparm_query=correlation_id={{key}}", TemplateKind::Resource);
  BOOST_CHECK(t.placeholders()[0].slot == Slot::UrlPath);
  BOOST_CHECK(t.placeholders()[1].slot == Slot::UrlPath);
  BOOST_CHECK(t.placeholders()[2].slot == Slot::UrlQuery);
}

BOOST_AUTO_TEST_CASE(dotted_paths_and_whitespace) {
  Template t = parse("{{ employee.name }} / {{messages.1.text}}", TemplateKind::Text);
  BOOST_CHECK_EQUAL(t.placeholders()[0].path, "employee.name");
  BOOST_CHECK_EQUAL(t.placeholders()[0].segments.size(), 2u);
  json ctx = {{"employee", {{"name", "Ada"}}}, {"messages", json::array({{{"text", "a"}}, {{"text", "b"}}})}};
  BOOST_CHECK_EQUAL(render_with(t, ctx), "Ada / b");
}

BOOST_AUTO_TEST_CASE(a_placeholder_cannot_be_escaped_by_a_backslash) {
  // An odd run of backslashes before {{x}} would make the value's first character an
  // escape sequence ("\\9..." is not JSON): rejected at parse time.
  auto t = Template::parse(R"({"a": "55\\\{{x}}\\"})", TemplateKind::Json);
  BOOST_REQUIRE(!t.ok());
  BOOST_CHECK_EQUAL(t.error().code, "TEMPLATE_SYNTAX");
  BOOST_CHECK_EQUAL(t.error().position, 12);
  BOOST_CHECK(Template::parse(R"({"a": "55\\{{x}}"})", TemplateKind::Json).ok());  // an even run is text
  // Nor inside a \uXXXX escape, whose remaining hex digits the value would supply.
  auto hex = Template::parse(R"({"a": "\u00{{x}}41"})", TemplateKind::Json);
  BOOST_REQUIRE(!hex.ok());
  BOOST_CHECK_EQUAL(hex.error().code, "TEMPLATE_SYNTAX");
  BOOST_CHECK(Template::parse(R"({"a": "\u0041{{x}}"})", TemplateKind::Json).ok());
}

BOOST_AUTO_TEST_CASE(syntax_errors_carry_position) {
  for (const auto& [src, pos] : std::vector<std::pair<std::string, int>>{
           {"abc {{unterminated", 4}, {"x {{}} y", 2}, {"{{a..b}}", 0}, {"ok {{a b}}", 3}, {"{{a}} {{\"q\"}}", 6}}) {
    auto t = Template::parse(src, TemplateKind::Json);
    BOOST_REQUIRE_MESSAGE(!t.ok(), src);
    BOOST_CHECK_EQUAL(t.error().code, "TEMPLATE_SYNTAX");
    BOOST_CHECK_EQUAL(t.error().position, pos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(encoding)

BOOST_AUTO_TEST_CASE(standalone_values_keep_their_json_type) {
  Template t = parse(R"({"s": {{s}}, "n": {{n}}, "f": {{f}}, "b": {{b}}, "z": {{z}}, "a": {{a}}, "o": {{o}}, "m": {{missing}}})",
                     TemplateKind::Json);
  json values = {{"s", "text"}, {"n", 42}, {"f", 0.1}, {"b", true}, {"z", nullptr},
                 {"a", json::array({1, "two", nullptr})}, {"o", {{"k", "v"}}}};
  json out = json::parse(render_with(t, values));
  BOOST_CHECK_EQUAL(out["s"], "text");
  BOOST_CHECK_EQUAL(out["n"], 42);
  BOOST_CHECK_EQUAL(out["f"], 0.1);
  BOOST_CHECK_EQUAL(out["b"], true);
  BOOST_CHECK(out["z"].is_null());
  BOOST_CHECK_EQUAL(out["a"], values["a"]);
  BOOST_CHECK_EQUAL(out["o"], values["o"]);
  BOOST_CHECK(out["m"].is_null());
}

BOOST_AUTO_TEST_CASE(values_inside_strings_use_their_text_form) {
  Template t = parse(R"({"t": "{{s}}|{{n}}|{{f}}|{{b}}|{{z}}|{{a}}|{{missing}}"})", TemplateKind::Json);
  json values = {{"s", "x"}, {"n", 7}, {"f", 1e21}, {"b", false}, {"z", nullptr}, {"a", json::array({1, "q\""})}};
  json out = json::parse(render_with(t, values));
  BOOST_CHECK_EQUAL(out["t"], "x|7|1e+21|false||[1,\"q\\\"\"]|");
}

BOOST_AUTO_TEST_CASE(url_values_are_percent_encoded) {
  Template t = parse("api/{{id}}?q=correlation_id={{key}}&x={{sp}}", TemplateKind::Resource);
  json values = {{"id", "a/b?c#d"}, {"key", "k=1^active=true"}, {"sp", "caf\u00e9 & more"}};
  BOOST_CHECK_EQUAL(render_with(t, values), "api/a%2Fb%3Fc%23d?q=correlation_id=k%3D1%5Eactive%3Dtrue&x=caf%C3%A9%20%26%20more");
}

BOOST_AUTO_TEST_CASE(header_values_reject_line_breaks) {
  Template t = parse("Bearer-ish {{v}}", TemplateKind::Header);
  BOOST_CHECK_EQUAL(render_with(t, {{"v", "fine value"}}), "Bearer-ish fine value");
  auto r = render(t, [](const Placeholder&) {
    static const json bad = "x\r\nX-Injected: 1";
    return &bad;
  });
  BOOST_REQUIRE(!r.ok());
  BOOST_CHECK_EQUAL(r.error().code, "TEMPLATE_INVALID_HEADER_VALUE");
}

BOOST_AUTO_TEST_CASE(adversarial_values_never_change_the_payload_structure) {
  Template t = parse(R"({"inside": "{{x}}", "alone": {{x}}, "mixed": "pre {{x}} post", "list": [{{x}}, "{{x}}"], "nested": {"k": "{{x}}"}})",
                     TemplateKind::Json);
  for (const std::string& v : adversarial_values()) {
    for (const json& value : {json(v), json::array({v, {{"k", v}}}), json{{v.empty() ? "e" : v, v}}}) {
      json values = {{"x", value}};
      const std::string body = render_with(t, values);
      auto parsed = parse_json(body, "T", 1u << 26);
      BOOST_REQUIRE_MESSAGE(parsed.ok(), "payload broke for value of size " << v.size());
      const json& out = parsed.value();
      BOOST_REQUIRE_EQUAL(out.size(), 5u);
      const std::string text = value_as_text(value);
      BOOST_CHECK(out["inside"] == text);
      BOOST_CHECK(out["alone"] == value);
      BOOST_CHECK(out["mixed"] == "pre " + text + " post");
      BOOST_CHECK(out["list"].size() == 2 && out["list"][0] == value && out["list"][1] == text);
      BOOST_CHECK(out["nested"].size() == 1 && out["nested"]["k"] == text);
    }
  }
}

BOOST_AUTO_TEST_CASE(line_separators_are_escaped_for_javascript_consumers) {
  Template t = parse(R"({"v": "{{x}}"})", TemplateKind::Json);
  const std::string body = render_with(t, {{"x", "a\u2028b\u2029c"}});
  BOOST_CHECK_EQUAL(body, R"({"v": "a\u2028b\u2029c"})");
}

// The rule for a value in a JSON string, one byte at a time, against the escaper (which copies
// runs of plain bytes at once) on random texts dense with what it escapes: at every
// alignment, with U+2028/U+2029 cut short, other non-ASCII and invalid bytes.
std::string escaped_byte_by_byte(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c == '\b') out += "\\b";
    else if (c == '\f') out += "\\f";
    else if (c < 0x20 || c == 0x7F) out += std::string("\\u00") + hex[c >> 4] + hex[c & 15];
    else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
             (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else out += static_cast<char>(c);
  }
  return out;
}

BOOST_AUTO_TEST_CASE(json_escaping_matches_the_byte_rule_on_random_texts) {
  const std::string pieces[] = {"a", "plain words ", "\"", "\\", "\n", "\r\n", "\t", std::string(1, '\0'), "\x01",
                                "\x1f", "\x7f", "\u2028", "\u2029", "\xE2", "\xE2\x80", "\u2014", "\xE2\x80\xA7",
                                "caf\u00e9", "\xff", "\U0001F600", "\b\f", "12345678"};
  std::uint64_t seed = 17;
  const auto next = [&] { return seed = seed * 6364136223846793005ULL + 1442695040888963407ULL, seed >> 33; };
  for (int round = 0; round < 3000; ++round) {
    std::string text(next() % 9, 'x');  // shifts the pieces across the eight-byte words
    for (auto n = next() % 24; n > 0; --n) text += pieces[next() % std::size(pieces)];
    std::string out = "prefix:";
    append_json_escaped(out, text);
    BOOST_REQUIRE_EQUAL(out, "prefix:" + escaped_byte_by_byte(text));
  }
}

BOOST_AUTO_TEST_CASE(a_value_of_escapes_only_grows_the_output_as_it_goes) {
  // Six bytes out for every byte in, more than the escaper first makes room for; a line
  // separator at the very end, its bytes across the last eight-byte word.
  const std::string text = "a" + std::string(5000, '\x01') + "\"\u2028";
  std::string out = "prefix:";
  append_json_escaped(out, text);
  BOOST_CHECK_EQUAL(out.size(), 7 + 1 + 6 * 5000 + 2 + 6);
  BOOST_CHECK_EQUAL(out, "prefix:" + escaped_byte_by_byte(text));
}

BOOST_AUTO_TEST_CASE(values_are_not_expanded_twice) {
  Template t = parse("{{a}} {{b}}", TemplateKind::Text);
  BOOST_CHECK_EQUAL(render_with(t, {{"a", "{{b}}"}, {"b", "B"}}), "{{b}} B");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(html_filter)

// "| html" (Zendesk html_body, Freshservice description, TOPdesk request): whatever the value,
// the payload stays JSON, the field holds no markup from the value, and the text reads back
// exactly once the entities and <br> are undone.
BOOST_AUTO_TEST_CASE(no_value_can_inject_markup_or_break_the_payload) {
  Template t = parse(R"({"html_body": "<p>{{v | html}}</p>", "alone": {{ v|html }}})", TemplateKind::Json);
  BOOST_REQUIRE_EQUAL(t.placeholders().size(), 2u);
  BOOST_CHECK(t.placeholders()[0].html);
  BOOST_CHECK_EQUAL(t.placeholders()[0].path, "v");
  for (const std::string& v : adversarial_values()) {
    auto doc = json::parse(render_with(t, {{"v", v}}), nullptr, false);
    BOOST_REQUIRE(!doc.is_discarded());
    const std::string html = doc["html_body"].get<std::string>();
    std::string inner = html.substr(3, html.size() - 7);
    BOOST_CHECK_EQUAL(doc["alone"].get<std::string>(), inner);
    for (std::size_t i = inner.find('<'); i != std::string::npos; i = inner.find('<', i + 1))
      BOOST_CHECK_EQUAL(inner.compare(i, 5, "<br>\n"), 0);
    std::string back;
    for (std::size_t i = 0; i < inner.size();) {
      const std::pair<const char*, char> entities[] = {{"<br>\n", '\n'}, {"&lt;", '<'}, {"&gt;", '>'},
                                                       {"&quot;", '"'},  {"&#39;", '\''}, {"&amp;", '&'}};
      bool matched = false;
      for (const auto& [e, c] : entities) {
        const std::size_t n = std::char_traits<char>::length(e);
        if (inner.compare(i, n, e) == 0) {
          back += c;
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) back += inner[i++];
    }
    std::string expected;  // CRLF and CR read back as LF: each is one line break
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '\r') {
        if (i + 1 < v.size() && v[i + 1] == '\n') ++i;
        expected += '\n';
      } else {
        expected += v[i];
      }
    }
    BOOST_CHECK(back == expected);
  }
}

BOOST_AUTO_TEST_CASE(html_is_the_only_filter_and_not_for_urls_or_headers) {
  for (const char* src : {"{{v | bold}}", "{{v |}}", "{{ | html}}", "{{v | html | html}}"}) {
    auto t = Template::parse(src, TemplateKind::Text);
    BOOST_REQUIRE_MESSAGE(!t.ok(), src);
    BOOST_CHECK_EQUAL(t.error().code, "TEMPLATE_SYNTAX");
  }
  BOOST_CHECK(!Template::parse("api/{{v | html}}", TemplateKind::Resource).ok());
  BOOST_CHECK(!Template::parse("x {{v | html}}", TemplateKind::Header).ok());
  BOOST_CHECK_EQUAL(render_with(parse("Hi {{v | html}}", TemplateKind::Text), {{"v", "<a & b>\n"}}), "Hi &lt;a &amp; b&gt;<br>\n");
}

BOOST_AUTO_TEST_SUITE_END()
