// Evaluates JSONata with the installed engine alone: compile once, evaluate over a document,
// and read an error as a value (code and position), never an exception.
#include <cstdio>

#include <ticketbridge/jsonata.hpp>
#include <ticketbridge/version.hpp>

int main() {
  namespace jsonata = tb::jsonata;

  auto total = jsonata::Expression::compile("$sum(order.items.(price * quantity))");
  if (!total) {
    std::fprintf(stderr, "compile failed: %s\n", total.error().message.c_str());
    return 1;
  }
  auto out = total.value().evaluate_json(
      R"({"order": {"items": [{"price": 2.5, "quantity": 4}, {"price": 10, "quantity": 1}]}})");
  if (!out || !out.value().defined) {
    std::fprintf(stderr, "evaluation failed\n");
    return 1;
  }
  std::printf("total: %s\n", out.value().json.c_str());

  auto broken = jsonata::Expression::compile("order.items[");
  if (broken) return 1;
  std::printf("error: %s at %lld\n", broken.error().code.c_str(), static_cast<long long>(broken.error().position));

  std::printf("ticketbridge %s\n", TICKETBRIDGE_VERSION);
  return 0;
}
