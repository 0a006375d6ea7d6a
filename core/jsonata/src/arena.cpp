#include "arena.hpp"

#include <cstdlib>

namespace tb::jsonata {
namespace {

// Released blocks are kept per thread for the next arenas.
// - One small block (up to kSpareMax): parsing a response and evaluating over it each took a
//   malloc/free pair of a few KiB per call, a tenth of parsing a ServiceNow record.
// - A few large ones: a multi-MiB evaluation (a 2 MB body, a long range) otherwise gives its
//   blocks back to the C library, which unmaps them, and the next call faults every page in
//   again (with the copying that fills them, most of the time of such a call).
// Bounds: at most kPoolBytes in kPoolSlots large blocks per thread, and a large block no arena
// has taken during the last kIdleArenas arenas that used the heap is freed, so a thread that
// goes back to small work returns the memory after a few dozen calls.
constexpr std::size_t kSpareMax = 64u << 10;
constexpr std::size_t kPoolBytes = 64u << 20;
constexpr int kPoolSlots = 16;
constexpr std::uint32_t kIdleArenas = 64;

struct Cached {
  void* block;
  std::size_t size;  // usable bytes after the header
  std::uint32_t released;  // `clock` when it came back
};

struct Spare {
  void* block = nullptr;
  std::size_t size = 0;  // usable bytes after the header
  Cached pool[kPoolSlots] = {};
  int count = 0;
  std::size_t bytes = 0;
  std::uint32_t clock = 0;  // arenas with heap blocks destroyed so far
  bool gone = false;        // the thread is exiting: arenas freed after this free their blocks

  // Takes the smallest pooled block of at least `size` bytes that is not more than four times
  // larger (a small request must not use up the block a large one will ask for again).
  void* take(std::size_t& size) {
    int best = -1;
    for (int i = 0; i < count; ++i)
      if (pool[i].size >= size && pool[i].size / 4 <= size && (best < 0 || pool[i].size < pool[best].size)) best = i;
    if (best < 0) return nullptr;
    void* b = pool[best].block;
    size = pool[best].size;
    drop(best);
    return b;
  }

  void drop(int i) {
    bytes -= pool[i].size;
    pool[i] = pool[--count];
  }

  // Keeps a large block; the oldest ones make room when the bounds are reached.
  void keep(void* block, std::size_t size) {
    if (gone || size > kPoolBytes) {
      std::free(block);
      return;
    }
    while (count == kPoolSlots || bytes + size > kPoolBytes) {
      int oldest = 0;
      for (int i = 1; i < count; ++i)
        if (clock - pool[i].released > clock - pool[oldest].released) oldest = i;
      std::free(pool[oldest].block);
      drop(oldest);
    }
    pool[count++] = Cached{block, size, clock};
    bytes += size;
  }

  void free_idle() {
    for (int i = count - 1; i >= 0; --i)
      if (clock - pool[i].released > kIdleArenas) {
        std::free(pool[i].block);
        drop(i);
      }
  }

  ~Spare() {
    std::free(block);
    block = nullptr;
    size = 0;
    while (count) {
      std::free(pool[count - 1].block);
      drop(count - 1);
    }
    gone = true;
  }
};

Spare& spare() {
  static thread_local Spare s;
  return s;
}

}  // namespace

Arena::~Arena() {
  if (!head_) return;
  Spare& s = spare();
  ++s.clock;
  while (head_) {
    Block* next = head_->next;
    if (head_->size > kSpareMax) {
      s.keep(head_, head_->size);
    } else if (!s.gone && head_->size > s.size) {
      std::free(s.block);
      s.block = head_;
      s.size = head_->size;
    } else {
      std::free(head_);
    }
    head_ = next;
  }
  if (s.count) s.free_idle();
}

std::size_t arena_cached_bytes() {
  const Spare& s = spare();
  return s.size + s.bytes;
}

void* Arena::grow(std::size_t n) {
  // Blocks double up to 1 MiB; a request larger than half a block gets a block of its own so
  // the remainder of the current block stays usable.
  std::size_t header = (sizeof(Block) + 7) & ~static_cast<std::size_t>(7);
  bool dedicated = head_ && n > next_size_ / 2;
  std::size_t size = dedicated || n > next_size_ ? n : next_size_;
  if (size > SIZE_MAX - header - (2u << 20)) return nullptr;
  // A large block (a big range, a long string) is rounded up to whole MiB with room to spare,
  // so that the same request in the next evaluation finds it in the pool (in WebAssembly a
  // fresh block grows the heap and pays for new pages: [1..5e6] took two seconds twice in a
  // fresh module, then 30 ms).
  if (size >= (1u << 20)) size = (size + (64u << 10) + (1u << 20) - 1) & ~static_cast<std::size_t>((1u << 20) - 1);
  // A pooled large block may be up to four times larger than asked for; only what was asked
  // for is used and counted against the memory limit, so reuse never makes an evaluation fail
  // sooner than a fresh block. The small spare block is used and counted whole (at most
  // kSpareMax): that is what lets a parse that once needed two blocks fit in one the next
  // time (serving only the request cost a malloc/free pair per ServiceNow parse, +5 %).
  std::size_t wanted = size;
  Block* block = nullptr;
  Spare& s = spare();
  if (size > kSpareMax) {
    block = static_cast<Block*>(s.take(size));
  } else if (s.block && s.size >= size) {
    block = static_cast<Block*>(s.block);
    size = wanted = s.size;
    s.block = nullptr;
    s.size = 0;
  }
  if (!block) {
    block = static_cast<Block*>(std::malloc(header + size));
    if (!block) return nullptr;
  }
  block->size = size;
  reserved_ += header + wanted;
  char* data = reinterpret_cast<char*>(block) + header;
  if (dedicated && head_) {
    // Keep bumping in the current block: link the dedicated one behind it.
    block->next = head_->next;
    head_->next = block;
    return data;
  }
  block->next = head_;
  head_ = block;
  cur_ = data + n;
  end_ = data + wanted;
  if (next_size_ < (1u << 20)) next_size_ = next_size_ * 2 < (1u << 20) ? next_size_ * 2 : (1u << 20);
  return data;
}

}  // namespace tb::jsonata
