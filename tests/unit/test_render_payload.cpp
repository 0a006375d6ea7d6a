// Parameters given as JSON text (what a host sends): build_call_request_from_text() must give
// the request build_call_request() gives for the same text read into a DOM, byte for byte and
// error for error, and render_call_payload() exactly that request's body. The scanner that reads
// the text without a DOM and the per-render JSON check it lets go are what these pin down.
#include <boost/test/unit_test.hpp>

#include <random>

#include "test_support.hpp"
#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/jsonata.hpp"

using namespace tb;
using namespace tbtest;

namespace {

// The way the façade rendered before: the text read into a DOM, then the request built from it.
Result<HttpRequest> through_dom(const Config& cfg, std::string_view call, std::string_view text) {
  auto params = call_params_from_text(text);
  if (!params) return std::move(params).error();
  return build_call_request(cfg, call, params.value());
}

std::string describe(const Error& e) {
  return e.code + " | " + e.message + " | " + e.path + " | " + std::to_string(e.position);
}

// Both text paths against the DOM path for one call and one parameter text.
void check_same(const Config& cfg, const std::string& call, std::string_view text) {
  BOOST_TEST_CONTEXT("params " << std::string(text.substr(0, 120))) {
    const auto expected = through_dom(cfg, call, text);
    const auto request = build_call_request_from_text(cfg, call, text);
    const auto payload = render_call_payload(cfg, call, text);
    BOOST_REQUIRE_EQUAL(request.ok(), expected.ok());
    BOOST_REQUIRE_EQUAL(payload.ok(), expected.ok());
    if (!expected) {
      BOOST_CHECK_EQUAL(describe(request.error()), describe(expected.error()));
      BOOST_CHECK_EQUAL(describe(payload.error()), describe(expected.error()));
      return;
    }
    const SecretMasker masker(cfg.secrets);
    BOOST_CHECK_EQUAL(request_pair_text(request.value(), masker), request_pair_text(expected.value(), masker));
    BOOST_CHECK_EQUAL(request_pair_reply(request.value(), masker),
                      "{\"ok\":true,\"value\":" + request_pair_text(expected.value(), masker) + "}");
    BOOST_CHECK_EQUAL(payload.value().has_value(), !expected.value().body.empty());
    if (payload.value()) BOOST_CHECK_EQUAL(*payload.value(), expected.value().body);
  }
}

// A call with a placeholder in every kind of slot (shared with fuzz_render_params).
json every_slot_config() { return read_json(fixture_path("render/every-slot.json"))["config"]; }

}  // namespace

BOOST_AUTO_TEST_CASE(every_render_fixture_gives_the_same_request_and_payload_from_text) {
  for_each_render_case([](const json& c, const tb::Config& cfg) {
    check_same(cfg, c["call"].get<std::string>(), dump_json(c["params"]));
  });
}

BOOST_AUTO_TEST_CASE(the_payload_is_the_wire_body_and_null_without_one) {
  auto cfg = load(read_json(source_path("examples/servicenow/config.json")));
  BOOST_REQUIRE(cfg);
  const std::string params = R"({"caller_id":"c1","short_description":"VPN \"down\"\n","correlation_id":"tb-1"})";
  auto payload = render_call_payload(*cfg, "createIncident", params);
  BOOST_REQUIRE(payload.ok() && payload.value());
  const json body = parsed(*payload.value());
  BOOST_CHECK_EQUAL(body["short_description"], "VPN \"down\"\n");
  BOOST_CHECK_EQUAL(body["category"], "inquiry");  // the default
  auto lookup = render_call_payload(*cfg, "findIncidentByKey", R"({"correlation_id":"tb-1"})");
  BOOST_REQUIRE(lookup.ok());
  BOOST_CHECK(!lookup.value().has_value());
  auto unknown = render_call_payload(*cfg, "nope", "{}");
  BOOST_REQUIRE(!unknown.ok());
  BOOST_CHECK_EQUAL(unknown.error().code, "CONFIG_UNKNOWN_API_CALL");
}

BOOST_AUTO_TEST_CASE(texts_off_the_scanners_path_read_as_the_dom_reads_them) {
  auto example = load(read_json(source_path("examples/servicenow/config.json")));
  auto slots = load(every_slot_config());
  BOOST_REQUIRE(example && slots);
  const std::string deep70 = std::string(70, '[') + std::string(70, ']');
  const std::string deep300 = std::string(300, '[') + std::string(300, ']');
  const std::vector<std::string> texts = {
      "", "{}", " \t\r\n{ } \n", "[]", "5", "null", "\"x\"", " ", "{", "{\"id\":1,}", "{} x", "\xEF\xBB\xBF{}",
      R"({"id":"a","id":"b"})", R"({"id":"a","id":null})", R"({"i\u0064":"x"})", R"({"id":"x","text":"a\/b"})",
      R"({"id":"x","text":"\u00e9\u001B\u001b\u007f\u007F\u2028\u2029\ud83d\ude00"})",
      "{\"id\":\"x\",\"text\":\"raw \x7f and \xE2\x80\xA8 and \xC3\xA9 and \xF0\x9F\x98\x80\"}",
      R"({"id":"x","text":"\ud800"})", R"({"id":"x","text":"\udc00x"})", R"({"id":"x","text":"\ud800\u0041"})",
      "{\"id\":\"x\",\"text\":\"\xC3\"}", "{\"id\":\"x\",\"text\":\"\xC0\xAF\"}", "{\"id\":\"x\",\"text\":\"\xED\xA0\x80\"}",
      "{\"id\":\"x\",\"text\":\"tab\there\"}", R"({"id":"x","text":"\x"})", R"({"id":"x","text":"\u12"})",
      R"({"id":1.0,"n":1e3,"text":-0})", R"({"id":"x","n":1e400})", R"({"id":"x","n":1e-400})",
      R"({"id":"x","n":12345678901234567890})", R"({"id":"x","n":0.1,"text":2.5e-7})", R"({"id":"x","n":01})",
      R"({"id":"x","n":1.})", R"({"id":"x","n":-})", R"({"id":"x","n":1e})", R"({"id":"x","unused":1e999})",
      R"({"id":"x","obj":{"a":["p","q"]}})", R"({"id":"x","obj":{"a":[1]}})", R"({"id":"x","obj":"flat"})",
      R"({"id":"","text":"empty id"})", R"({"id":null})", R"({"text":"no id"})", R"({"id":true,"text":false})",
      R"({"id":"line\nbreak"})", "{\"id\":\"\xC5\x81ukasz\"}", R"({"id":"x","html":"<a href='x'>&\r\n</a>"})",
      "{\"id\":\"x\",\"obj\":" + deep70 + "}", "{\"id\":\"x\",\"obj\":" + deep300 + "}",
      "{\"id\":\"x\",\"unused\":" + deep70 + "}",
  };
  for (const std::string& text : texts) {
    check_same(*example, "createIncident", text);
    check_same(*slots, "call", text);
  }
}

// The values in random strings of the characters escaping treats apart, written as
// JSON.stringify writes them (DEL and U+2028 as they are) and with every character escaped.
BOOST_AUTO_TEST_CASE(random_strings_copied_or_escaped_give_the_same_payload) {
  auto example = load(read_json(source_path("examples/servicenow/config.json")));
  BOOST_REQUIRE(example);
  const std::vector<std::string> pieces = {"a", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", std::string(1, '\0'),
                                           "\x01", "\x1f", "\x7f", "\xC3\xA9", "\xE2\x80\xA8", "\xE2\x80\xA9",
                                           "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "{{x}}", "abcdefghijklmnop"};
  std::mt19937 rng(17);
  for (int round = 0; round < 400; ++round) {
    std::string value;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) value += pieces[rng() % pieces.size()];
    json params = {{"caller_id", "c"}, {"short_description", value}, {"description", value + value},
                   {"correlation_id", "tb-1"}};
    check_same(*example, "createIncident", dump_json(params));
    std::string escaped_all = "{\"caller_id\":\"c\",\"correlation_id\":\"tb-1\",\"short_description\":\"";
    for (const char32_t cp : [&] {
           std::u32string out;
           for (std::size_t i = 0; i < value.size();) {
             const auto c = static_cast<unsigned char>(value[i]);
             const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
             char32_t v = len == 1 ? c : c & (0x3F >> (len - 1));
             for (int j = 1; j < len; ++j) v = (v << 6) | (static_cast<unsigned char>(value[i + j]) & 0x3F);
             out += v;
             i += static_cast<std::size_t>(len);
           }
           return out;
         }()) {
      char buf[16];
      if (cp < 0x10000) {
        std::snprintf(buf, sizeof buf, rng() % 2 ? "\\u%04x" : "\\u%04X", static_cast<unsigned>(cp));
      } else {
        const unsigned v = static_cast<unsigned>(cp) - 0x10000;
        std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
      }
      escaped_all += buf;
    }
    check_same(*example, "createIncident", escaped_all + "\"}");
  }
}

// Without an array or object in a value slot, rendering cannot add nesting, so the payload is as
// deep as the template the load accepted: at every depth around the limit, a template that
// loads renders, from text, to a payload the JSON check would accept. With an array in a value
// slot the check still runs and reports what it always did.
BOOST_AUTO_TEST_CASE(the_json_check_is_kept_where_a_value_can_deepen_the_payload) {
  int loaded = 0, refused = 0;
  for (int depth = 250; depth <= 260; ++depth) {
    const std::string tpl = std::string(static_cast<std::size_t>(depth - 1), '[') + "{\"s\":\"{{x}}\",\"v\":{{x}}}" +
                            std::string(static_cast<std::size_t>(depth - 1), ']');
    json doc = every_slot_config();
    doc["apiCalls"]["call"]["payload"] = tpl;
    doc["apiCalls"]["call"]["resource"] = "items";
    doc["apiCalls"]["call"].erase("headers");
    doc["apiCalls"]["call"]["parameters"] = json::array({{{"name", "x"}}});
    auto cfg = load_config_document(doc);
    if (!cfg) {
      BOOST_CHECK_EQUAL(cfg.error().code, "CONFIG_INVALID_PAYLOAD");
      ++refused;
      continue;
    }
    ++loaded;
    BOOST_TEST_CONTEXT("template depth " << depth) {
      for (const std::string text : {R"({"x":"a\"b"})", R"({"x":12})", R"({"x":null})", "{}"}) {
        auto payload = render_call_payload(*cfg.value(), "call", text);
        BOOST_REQUIRE_MESSAGE(payload.ok(), (payload.ok() ? std::string() : describe(payload.error())));
        BOOST_CHECK(jsonata::Document::parse(*payload.value()).ok());
        check_same(*cfg.value(), "call", text);
      }
      const std::string deep = std::string(8, '[') + std::string(8, ']');
      auto deeper = render_call_payload(*cfg.value(), "call", "{\"x\":" + deep + "}");
      if (depth + 8 > kMaxJsonNesting) {
        BOOST_REQUIRE(!deeper.ok());
        BOOST_CHECK_EQUAL(deeper.error().code, "TEMPLATE_INVALID_JSON");
      }
      check_same(*cfg.value(), "call", "{\"x\":" + deep + "}");
    }
  }
  BOOST_CHECK(loaded > 0 && refused > 0);  // the depths tried straddle the limit
}
