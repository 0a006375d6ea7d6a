// The arena's per-thread cache of released blocks (arena.cpp): a large evaluation's blocks are
// reused by the next one instead of being unmapped and faulted in again, within bounds, and
// they are given back once the thread has gone on to other work for a while.
#include <boost/test/unit_test.hpp>

#include <string>

#include "arena.hpp"
#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;
using tb::jsonata::Arena;
using tb::jsonata::arena_cached_bytes;

namespace {

constexpr std::size_t kMiB = 1u << 20;

// An arena that takes one block of `bytes` from the system, then is destroyed.
void* use_block(std::size_t bytes) {
  Arena a;
  return a.alloc(bytes);
}

// Small arenas that still use the heap: the "other work" after which cached blocks go back.
void small_work(int arenas) {
  for (int i = 0; i < arenas; ++i) {
    Arena a;
    a.alloc(100);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(arena_reuse)

BOOST_AUTO_TEST_CASE(a_large_block_is_reused_by_the_next_arena) {
  small_work(200);  // start from an empty cache
  const std::size_t before = arena_cached_bytes();
  void* first = use_block(8 * kMiB);
  BOOST_TEST(arena_cached_bytes() >= before + 8 * kMiB);
  void* second = use_block(8 * kMiB);
  BOOST_TEST(first == second);  // the same memory, already mapped
  // A much smaller request does not use up the block the large one will want again.
  void* small = use_block(kMiB);
  BOOST_TEST(small != first);
}

BOOST_AUTO_TEST_CASE(a_reused_larger_block_counts_only_what_was_asked_for) {
  small_work(200);
  std::size_t fresh = 0;
  {
    Arena a;
    BOOST_REQUIRE(a.alloc(3 * kMiB) != nullptr);
    fresh = a.reserved();
  }
  small_work(200);
  use_block(10 * kMiB);  // cached: within four times the next request
  Arena a;
  BOOST_REQUIRE(a.alloc(3 * kMiB) != nullptr);
  // The same as with a fresh block, so max_memory bites at the same point either way.
  BOOST_TEST(a.reserved() == fresh);
}

BOOST_AUTO_TEST_CASE(the_cache_is_bounded_and_given_back_when_idle) {
  for (int i = 0; i < 40; ++i) {
    Arena a;
    BOOST_REQUIRE(a.alloc(5 * kMiB) != nullptr);
    BOOST_REQUIRE(a.alloc(6 * kMiB) != nullptr);
  }
  BOOST_TEST(arena_cached_bytes() <= 64 * kMiB + 64 * 1024);
  // Blocks too large for the cache are freed at once.
  const std::size_t before = arena_cached_bytes();
  use_block(100 * kMiB);
  BOOST_TEST(arena_cached_bytes() <= before);
  // After enough small work, only the small spare block remains.
  small_work(100);
  BOOST_TEST(arena_cached_bytes() <= 64 * 1024);
}

BOOST_AUTO_TEST_CASE(evaluations_over_reused_blocks_answer_the_same_and_keep_the_memory_limit) {
  auto e = jsn::Expression::compile("$count([1..400000].{\"n\": $string($)})");
  BOOST_REQUIRE(e.ok());
  for (int i = 0; i < 3; ++i) {
    auto r = e.value().evaluate_json("");
    BOOST_REQUIRE(r.ok());
    BOOST_CHECK_EQUAL(r.value().json, "400000");
  }
  // A reused block counts against max_memory as a fresh one does.
  jsn::Limits tight;
  tight.max_memory = 4 * kMiB;
  auto r = e.value().evaluate_json("", "", tight);
  BOOST_REQUIRE(!r.ok());
  BOOST_CHECK_EQUAL(r.error().code, "JSONATA_MEMORY_LIMIT");
}

BOOST_AUTO_TEST_SUITE_END()
