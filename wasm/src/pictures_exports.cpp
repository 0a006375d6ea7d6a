// The pictures module (ticketbridge-pictures.wasm): the engine's picture strings alone, for
// the engine modules that leave them out (remote_pictures.cpp sends their calls here through
// the façade). Two plain exports and no Emscripten glue: the façade instantiates it itself
// (core.mjs), writes a request into the buffer `tbp_buffer` gives and calls `tbp_call`, which
// answers with the address of a {pointer, length} record of the reply (pictures_wire.hpp),
// kept until the next call.
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "pictures/pictures.hpp"
#include "pictures_wire.hpp"

namespace {
namespace wire = tbwasm::pictures_wire;
namespace pictures = tb::jsonata::pictures;

std::string reply;
std::uint32_t record[2];

// The request buffer: reused, grown when a request is larger.
char* buffer = nullptr;
std::size_t buffer_size = 0;

// The last $formatNumber picture analysed: an evaluation formatting many values with one
// picture asks with the same picture and options each time.
struct LastPicture {
  std::string picture;
  bool default_format = true;
  pictures::DecimalFormat format;
  std::shared_ptr<const pictures::NumberPicture> analysed;
};
LastPicture last;

using Analysis = tb::jsonata::Result<std::shared_ptr<const pictures::NumberPicture>>;

Analysis analyse(std::string_view picture, pictures::DecimalFormat format, bool default_format) {
  auto fresh = pictures::analyse_number_picture(picture, format);
  if (fresh) last = LastPicture{std::string(picture), default_format, std::move(format), fresh.value()};
  return fresh;
}

// The picture's analysis, its options read from `r`: the last one again when the picture and
// the options are the same. The default options (most calls) are one byte, compared as such
// without building a format: this is on $formatNumber's path for every value.
Analysis analysed(std::string_view picture, wire::Reader& r) {
  if (r.byte() == 0) {
    if (last.analysed && last.default_format && last.picture == picture) return last.analysed;
    return analyse(picture, pictures::DecimalFormat(), true);
  }
  auto format = wire::read_format_fields(r);
  if (last.analysed && !last.default_format && last.picture == picture && pictures::same_decimal_format(last.format, format)) {
    return last.analysed;
  }
  return analyse(picture, std::move(format), false);
}

void answer(wire::Writer& w, const tb::jsonata::Result<std::string>& r) {
  if (!r) return wire::write_error(w, r.error());
  w.byte(wire::kString);
  w.text(r.value());
}

void answer(wire::Writer& w, const tb::jsonata::Result<std::optional<double>>& r) {
  if (!r) return wire::write_error(w, r.error());
  if (!r.value()) return w.byte(wire::kUndefined);
  w.byte(wire::kNumber);
  w.number(*r.value());
}

void run(wire::Reader& r, wire::Writer& w) {
  switch (r.byte()) {
    case wire::kFromMillis: {
      const double millis = r.number();
      const auto picture = r.optional_text();
      const auto timezone = r.optional_text();
      if (!r.bad) answer(w, pictures::from_millis(millis, picture, timezone));
      return;
    }
    case wire::kToMillis: {
      const auto text = r.text();
      const auto picture = r.optional_text();
      const double now = r.number();
      if (!r.bad) answer(w, pictures::to_millis(text, picture, now));
      return;
    }
    case wire::kFormatInteger: {
      const double value = r.number();
      const auto picture = r.text();
      if (!r.bad) answer(w, pictures::format_integer(value, picture));
      return;
    }
    case wire::kParseInteger: {
      const auto text = r.text();
      const auto picture = r.text();
      if (!r.bad) answer(w, pictures::parse_integer(text, picture));
      return;
    }
    case wire::kAnalyseNumber: {
      const auto picture = r.text();
      auto a = analysed(picture, r);
      if (r.bad) return;
      if (!a) return wire::write_error(w, a.error());
      return w.byte(wire::kNothing);
    }
    case wire::kFormatNumber: {
      const double value = r.number();
      const auto picture = r.text();
      auto a = analysed(picture, r);
      if (r.bad) return;
      if (!a) return wire::write_error(w, a.error());
      return answer(w, pictures::format_number(value, *a.value()));
    }
    default:
      r.bad = true;
  }
}

}  // namespace

extern "C" {

/// Room for a request of `size` bytes; 0 when out of memory.
__attribute__((export_name("tbp_buffer"))) char* tbp_buffer(std::uint32_t size) {
  if (size > buffer_size) {
    std::free(buffer);
    buffer = static_cast<char*>(std::malloc(size));
    buffer_size = buffer ? size : 0;
  }
  return buffer;
}

/// Runs the request of `size` bytes at the buffer; answers the address of {pointer, length}.
__attribute__((export_name("tbp_call"))) std::uint32_t* tbp_call(std::uint32_t size) {
  wire::Reader r(std::string_view(buffer, buffer ? size : 0));
  wire::Writer w(reply);
  run(r, w);
  if (r.bad) {
    w.clear();
    wire::write_error(w, tb::jsonata::make_error("PICTURES_MALFORMED", "the pictures module was sent a message it cannot read"));
  }
  record[0] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(reply.data()));
  record[1] = static_cast<std::uint32_t>(reply.size());
  return record;
}

}
