// The picture functions of the engine's built-ins ($formatNumber, $formatInteger,
// $parseInteger, $fromMillis, $toMillis, $now), for the engine modules that do not carry them
// (TB_JSONATA_PICTURES off): each call is written as one message (pictures_wire.hpp) and
// handed to the host, which runs it in the pictures module (ticketbridge-pictures.wasm, loaded
// separately by the façade, core.mjs) and hands the answer back. The engine calls these
// synchronously, and a WebAssembly import may call another instance's export synchronously, so
// the evaluator needs no change. When the host has not loaded the pictures module the call
// fails with PICTURES_NOT_LOADED, an error like any other: never a different answer.
#include <emscripten/emscripten.h>

#include <memory>

#include "pictures/pictures.hpp"
#include "pictures_wire.hpp"

// Hands the request to Module.tbPictures (pictures.mjs), which runs it in the pictures module
// and writes the reply at `out` when it fits in `cap` bytes. Answers the reply's length (when
// larger than `cap`, tb_pictures_copy then copies it, as it is kept until then), or -1 when
// the pictures module is not loaded. Into a buffer this side keeps, not a fresh allocation:
// $formatNumber over many values makes this call once per value.
EM_JS(int, tb_pictures_call, (const char* request, int len, char* out, int cap), {
  return Module['tbPictures'] ? Module['tbPictures'](HEAPU8, request, len, out, cap) : -1;
});
EM_JS(void, tb_pictures_copy, (char* out), { Module['tbPicturesCopy'](HEAPU8, out); });

namespace tb::jsonata::pictures {
namespace wire = tbwasm::pictures_wire;
namespace {

// The request and answer buffers, reused by every call (the engine is single-threaded).
std::string request_buffer;
std::string answer_buffer;

// The answer's bytes (valid until the next call), or the error that stands for it.
Result<std::string_view> exchange(wire::Writer& request) {
  std::string& answer = answer_buffer;
  if (answer.size() < 256) answer.resize(256);
  const int len = tb_pictures_call(request.bytes().data(), static_cast<int>(request.bytes().size()), answer.data(),
                                   static_cast<int>(answer.size()));
  if (len < 0) {
    return make_error("PICTURES_NOT_LOADED",
                      "this expression uses picture formatting ($formatNumber, $formatInteger, $parseInteger, "
                      "$fromMillis, $toMillis or $now), whose module is not loaded: await loadPictures() "
                      "(or init({ pictures: true })) before evaluating it");
  }
  if (static_cast<std::size_t>(len) > answer.size()) {
    answer.resize(static_cast<std::size_t>(len));
    tb_pictures_copy(answer.data());
  }
  return std::string_view(answer.data(), static_cast<std::size_t>(len));
}

Error malformed() {
  return make_error("PICTURES_MALFORMED", "the pictures module answered with a message this engine cannot read");
}

// Sends the request and reads the answer's first byte, its kind, leaving `r` on the rest; an
// error answer (read whole), a module not loaded or a malformed answer is the error instead.
Result<std::uint8_t> ask(wire::Writer& request, wire::Reader& r) {
  auto answer = exchange(request);
  if (!answer) return std::move(answer).error();
  r = wire::Reader(answer.value());
  const std::uint8_t kind = r.byte();
  if (kind != wire::kError) return kind;
  Error e = wire::read_error(r);
  return r.bad ? malformed() : e;
}

// Answers carrying a string (or an error).
Result<std::string> string_answer(wire::Writer& request) {
  wire::Reader r{std::string_view()};
  auto kind = ask(request, r);
  if (!kind) return std::move(kind).error();
  std::string s(kind.value() == wire::kString ? r.text() : std::string_view());
  if (r.bad || kind.value() != wire::kString) return malformed();
  return s;
}

// Answers carrying a number or JSONata's undefined (or an error).
Result<std::optional<double>> number_answer(wire::Writer& request) {
  wire::Reader r{std::string_view()};
  auto kind = ask(request, r);
  if (!kind) return std::move(kind).error();
  if (kind.value() == wire::kUndefined) return std::optional<double>();
  const double d = r.number();
  if (r.bad || kind.value() != wire::kNumber) return malformed();
  return std::optional<double>(d);
}

}  // namespace

// Here a picture is only what it takes to ask the pictures module again; that module keeps its
// last analysis, so formatting many values with one picture analyses it once there too.
struct NumberPicture {
  std::string picture;
  DecimalFormat format;
  bool default_format;  // decided once here, not for every value formatted
};

Result<std::shared_ptr<const NumberPicture>> analyse_number_picture(std::string_view picture, const DecimalFormat& format) {
  wire::Writer w(request_buffer);
  w.byte(wire::kAnalyseNumber);
  w.text(picture);
  wire::write_format(w, format);
  wire::Reader r{std::string_view()};
  auto kind = ask(w, r);
  if (!kind) return std::move(kind).error();
  if (r.bad || kind.value() != wire::kNothing) return malformed();
  static const DecimalFormat kDefault;
  return std::shared_ptr<const NumberPicture>(new NumberPicture{std::string(picture), format, same_decimal_format(format, kDefault)});
}

Result<std::string> format_number(double value, const NumberPicture& picture) {
  wire::Writer w(request_buffer);
  w.byte(wire::kFormatNumber);
  w.number(value);
  w.text(picture.picture);
  if (picture.default_format) w.byte(0);
  else wire::write_format(w, picture.format);
  return string_answer(w);
}

Result<std::string> format_integer(double value, std::string_view picture) {
  wire::Writer w(request_buffer);
  w.byte(wire::kFormatInteger);
  w.number(value);
  w.text(picture);
  return string_answer(w);
}

Result<std::optional<double>> parse_integer(std::string_view text, std::string_view picture) {
  wire::Writer w(request_buffer);
  w.byte(wire::kParseInteger);
  w.text(text);
  w.text(picture);
  return number_answer(w);
}

Result<std::string> from_millis(double millis, std::optional<std::string_view> picture,
                                std::optional<std::string_view> timezone) {
  wire::Writer w(request_buffer);
  w.byte(wire::kFromMillis);
  w.number(millis);
  w.optional_text(picture);
  w.optional_text(timezone);
  return string_answer(w);
}

Result<std::optional<double>> to_millis(std::string_view timestamp, std::optional<std::string_view> picture,
                                        double now_millis) {
  wire::Writer w(request_buffer);
  w.byte(wire::kToMillis);
  w.text(timestamp);
  w.optional_text(picture);
  w.number(now_millis);
  return number_answer(w);
}

}  // namespace tb::jsonata::pictures
