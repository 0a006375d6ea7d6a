// The picture functions of the engine's built-ins ($formatNumber, $formatInteger,
// $parseInteger, $fromMillis, $toMillis, $now), for the engine modules that do not carry them
// (TB_JSONATA_PICTURES off): each call is written as one message (pictures_wire.hpp) and
// handed to the host, which runs it in the pictures module (ticketbridge-pictures.wasm, loaded
// separately by the façade, core.mjs) and hands the answer back. The engine calls these
// synchronously, and a WebAssembly import may call another instance's export synchronously, so
// the evaluator needs no change. When the host has not loaded the pictures module the call
// fails with PICTURES_NOT_LOADED, an error like any other: never a different answer.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <memory>

#include "pictures/pictures.hpp"
#include "pictures_wire.hpp"

// Hands the request to Module.tbPictures (core.mjs), which answers with the bytes of the reply
// or null when the pictures module is not loaded. Answers a malloc'ed copy of the reply and its
// length at `out_len`; 0 with -1 there when the module is not loaded, 0 with -2 when this
// module is out of memory.
EM_JS(char*, tb_pictures_call, (const char* request, int len, int* out_len), {
  var answer = Module['tbPictures'] ? Module['tbPictures'](HEAPU8.subarray(request, request + len)) : null;
  if (!answer) {
    HEAP32[out_len >> 2] = -1;
    return 0;
  }
  var at = _malloc(answer.length || 1);
  if (!at) {
    HEAP32[out_len >> 2] = -2;
    return 0;
  }
  HEAPU8.set(answer, at);
  HEAP32[out_len >> 2] = answer.length;
  return at;
});

namespace tb::jsonata::pictures {
namespace wire = tbwasm::pictures_wire;
namespace {

// The answer's bytes, or the error that stands for it.
Result<std::string> exchange(wire::Writer& request) {
  int len = 0;
  char* raw = tb_pictures_call(request.bytes().data(), static_cast<int>(request.bytes().size()), &len);
  if (!raw && len == -1) {
    return make_error("PICTURES_NOT_LOADED",
                      "this expression uses picture formatting ($formatNumber, $formatInteger, $parseInteger, "
                      "$fromMillis, $toMillis or $now), whose module is not loaded: await loadPictures() "
                      "(or init({ pictures: true })) before evaluating it");
  }
  if (!raw) return make_error("JSONATA_MEMORY_LIMIT", "out of memory for a picture function's answer");
  std::string answer(raw, static_cast<std::size_t>(len));
  std::free(raw);
  return answer;
}

Error malformed() {
  return make_error("PICTURES_MALFORMED", "the pictures module answered with a message this engine cannot read");
}

// Answers carrying a string (or an error).
Result<std::string> string_answer(wire::Writer& request) {
  auto answer = exchange(request);
  if (!answer) return std::move(answer).error();
  wire::Reader r(answer.value());
  const std::uint8_t kind = r.byte();
  if (kind == wire::kError) {
    Error e = wire::read_error(r);
    return r.bad ? malformed() : e;
  }
  std::string s(kind == wire::kString ? r.text() : std::string_view());
  if (r.bad || kind != wire::kString) return malformed();
  return s;
}

// Answers carrying a number or JSONata's undefined (or an error).
Result<std::optional<double>> number_answer(wire::Writer& request) {
  auto answer = exchange(request);
  if (!answer) return std::move(answer).error();
  wire::Reader r(answer.value());
  const std::uint8_t kind = r.byte();
  if (kind == wire::kError) {
    Error e = wire::read_error(r);
    return r.bad ? malformed() : e;
  }
  if (kind == wire::kUndefined) return std::optional<double>();
  const double d = r.number();
  if (r.bad || kind != wire::kNumber) return malformed();
  return std::optional<double>(d);
}

}  // namespace

// Here a picture is only what it takes to ask the pictures module again; that module keeps its
// last analysis, so formatting many values with one picture analyses it once there too.
struct NumberPicture {
  std::string picture;
  DecimalFormat format;
};

Result<std::shared_ptr<const NumberPicture>> analyse_number_picture(std::string_view picture, const DecimalFormat& format) {
  wire::Writer w;
  w.byte(wire::kAnalyseNumber);
  w.text(picture);
  wire::write_format(w, format);
  auto answer = exchange(w);
  if (!answer) return std::move(answer).error();
  wire::Reader r(answer.value());
  const std::uint8_t kind = r.byte();
  if (kind == wire::kError) {
    Error e = wire::read_error(r);
    return r.bad ? malformed() : e;
  }
  if (r.bad || kind != wire::kNothing) return malformed();
  return std::shared_ptr<const NumberPicture>(new NumberPicture{std::string(picture), format});
}

Result<std::string> format_number(double value, const NumberPicture& picture) {
  wire::Writer w;
  w.byte(wire::kFormatNumber);
  w.number(value);
  w.text(picture.picture);
  wire::write_format(w, picture.format);
  return string_answer(w);
}

Result<std::string> format_integer(double value, std::string_view picture) {
  wire::Writer w;
  w.byte(wire::kFormatInteger);
  w.number(value);
  w.text(picture);
  return string_answer(w);
}

Result<std::optional<double>> parse_integer(std::string_view text, std::string_view picture) {
  wire::Writer w;
  w.byte(wire::kParseInteger);
  w.text(text);
  w.text(picture);
  return number_answer(w);
}

Result<std::string> from_millis(double millis, std::optional<std::string_view> picture,
                                std::optional<std::string_view> timezone) {
  wire::Writer w;
  w.byte(wire::kFromMillis);
  w.number(millis);
  w.optional_text(picture);
  w.optional_text(timezone);
  return string_answer(w);
}

Result<std::optional<double>> to_millis(std::string_view timestamp, std::optional<std::string_view> picture,
                                        double now_millis) {
  wire::Writer w;
  w.byte(wire::kToMillis);
  w.text(timestamp);
  w.optional_text(picture);
  w.number(now_millis);
  return number_answer(w);
}

}  // namespace tb::jsonata::pictures
