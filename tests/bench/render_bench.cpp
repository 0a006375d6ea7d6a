// The request renderer natively, on the paths the WASM calls take (wasm/src/config_exports.cpp):
// Config.render() (the parameters read from JSON text, the request built, both forms written with
// every secret masked, the reply written) and, with --payload, Config.renderPayload() (the wire
// body alone). Run under callgrind it counts the instructions of one render (the client requests
// bracket the timed loop); the WASM figures are tests/bench/templates.mjs.
//
//   render-bench <config.json> <params.json> [reps] [--print | --payload | --print-payload | --dom]
// --print writes one answer to stdout instead of timing (to compare two builds byte for byte);
// --dom times render() over parameters read into a DOM first, as it went before.
// The benchmark's parameters (a 20-message conversation), and the count per render:
//   node --input-type=module -e "import { escalationParams } from './tests/bench/templates.mjs';
//     process.stdout.write(JSON.stringify(escalationParams()))" > build/bench/render-params.json
//   valgrind --tool=callgrind build/native/bin/render-bench examples/servicenow/config.json \
//     build/bench/render-params.json 100 [--payload]     (the dump's total / 100)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_ZERO_STATS
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS
#endif

#include "ticketbridge/call_preview.hpp"
#include "ticketbridge/config.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/reply.hpp"
#include "ticketbridge/secret_masking.hpp"

namespace {

std::string slurp(const char* path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// What ConfigBinding::render does, with no access token (as the benchmark's call).
std::string render_reply(const tb::Config& config, const tb::SecretMasker& masker, const std::string& params_text) {
  auto req = tb::build_call_request_from_text(config, "createIncident", params_text, "");
  if (!req) return tb::reply_error(req.error());
  return tb::request_pair_reply(req.value(), masker);
}

// The same over the parameters read into a DOM first, the way render() went before it read the
// text directly (--dom: what the text path saves).
std::string render_reply_dom(const tb::Config& config, const tb::SecretMasker& masker, const std::string& params_text) {
  auto params = tb::call_params_from_text(params_text);
  if (!params) return tb::reply_error(params.error());
  auto req = tb::build_call_request(config, "createIncident", params.value(), "");
  if (!req) return tb::reply_error(req.error());
  return tb::reply_json_text(tb::request_pair_text(req.value(), masker));
}

// What ConfigBinding::render_payload does (its answer is the body itself).
std::string render_payload(const tb::Config& config, const tb::SecretMasker&, const std::string& params_text) {
  auto body = tb::render_call_payload(config, "createIncident", params_text);
  if (!body) return tb::reply_error(body.error());
  return body.value() ? std::move(*body.value()) : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: render-bench <config.json> <params.json> [reps] [--print]\n");
    return 2;
  }
  auto loaded = tb::load_config(slurp(argv[1]));
  if (!loaded) {
    std::fprintf(stderr, "the configuration did not load: %s\n", loaded.error().message.c_str());
    return 1;
  }
  const tb::Config& config = *loaded.value();
  const tb::SecretMasker masker(config.secrets);
  const std::string params = slurp(argv[2]);
  const int reps = argc > 3 ? std::atoi(argv[3]) : 1000;
  const std::string mode = argc > 4 ? argv[4] : "";
  const auto run = mode == "--payload" || mode == "--print-payload" ? render_payload
                   : mode == "--dom"                                 ? render_reply_dom
                                                                     : render_reply;
  const std::string first = run(config, masker, params);
  if (mode == "--print" || mode == "--print-payload") {
    std::fwrite(first.data(), 1, first.size(), stdout);
    return 0;
  }
  std::size_t bytes = 0;
  CALLGRIND_ZERO_STATS;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) bytes += run(config, masker, params).size();
  const auto t1 = std::chrono::steady_clock::now();
  CALLGRIND_DUMP_STATS;
  std::printf("%.2f us per render (wall), reply %zu bytes\n",
              std::chrono::duration<double, std::micro>(t1 - t0).count() / reps, bytes / (reps ? reps : 1));
}
