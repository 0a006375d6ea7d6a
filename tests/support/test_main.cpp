// The one Boost.Test entry point every native suite links (tests/CMakeLists.txt). Defining
// BOOST_TEST_MODULE here, and nowhere else, leaves the suites themselves with identical
// compile flags, which lets them share one precompiled header of the heavy third-party
// headers. The master suite takes the program's name, so reports still say which suite ran.
#define BOOST_TEST_MODULE ticketbridge
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

namespace {

struct NamedForTheProgram {
  NamedForTheProgram() {
    auto& master = boost::unit_test::framework::master_test_suite();
    if (master.argc < 1 || !master.argv[0]) return;
    const std::string_view program = master.argv[0];
    const std::size_t slash = program.rfind('/');
    master.p_name.value = std::string(program.substr(slash == std::string_view::npos ? 0 : slash + 1));
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(NamedForTheProgram);
