// Links the installed product core: numbers printed as JavaScript prints them (what templates
// put in a request) and a JSON document read with the core's size and nesting limits.
#include <cstdio>

#include <ticketbridge/js_number.hpp>
#include <ticketbridge/json_text.hpp>

int main() {
  std::printf("0.1 + 0.2 = %s\n", tb::format_js_number(0.1 + 0.2).c_str());
  auto doc = tb::parse_json(R"({"ticket": "INC0010001"})", "EXAMPLE", 1024);
  if (!doc) {
    std::fprintf(stderr, "%s\n", doc.error().message.c_str());
    return 1;
  }
  std::printf("ticket: %s\n", doc.value()["ticket"].get<std::string>().c_str());
  return 0;
}
