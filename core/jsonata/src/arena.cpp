#include "arena.hpp"

#include <cstdlib>

namespace tb::jsonata {
namespace {

// One released block kept per thread for the next arena: parsing a response and evaluating
// over it each took a malloc/free pair of a few KiB per call, a tenth of parsing a ServiceNow
// record. Only blocks up to kSpareMax are kept, so a thread holds at most that much.
constexpr std::size_t kSpareMax = 64u << 10;

struct Spare {
  void* block = nullptr;
  std::size_t size = 0;  // usable bytes after the header
  bool gone = false;     // the thread is exiting: arenas freed after this free their blocks
  ~Spare() {
    std::free(block);
    block = nullptr;
    size = 0;
    gone = true;
  }
};

Spare& spare() {
  static thread_local Spare s;
  return s;
}

}  // namespace

Arena::~Arena() {
  while (head_) {
    Block* next = head_->next;
    Spare& s = spare();
    if (!s.gone && head_->size <= kSpareMax && head_->size > s.size) {
      std::free(s.block);
      s.block = head_;
      s.size = head_->size;
    } else {
      std::free(head_);
    }
    head_ = next;
  }
}

void* Arena::grow(std::size_t n) {
  // Blocks double up to 1 MiB; a request larger than half a block gets a block of its own so
  // the remainder of the current block stays usable.
  std::size_t header = (sizeof(Block) + 7) & ~static_cast<std::size_t>(7);
  bool dedicated = head_ && n > next_size_ / 2;
  std::size_t size = dedicated || n > next_size_ ? n : next_size_;
  if (size > SIZE_MAX - header - (2u << 20)) return nullptr;
  // A large block (a big range, a long string) is rounded up to whole MiB with room to spare.
  // When it is freed, the allocator serves the next evaluation's small requests from it first;
  // without the spare room the same large request would no longer fit there and would take
  // fresh memory instead, which in WebAssembly grows the heap and pays for new pages again
  // ([1..5e6] took two seconds twice in a fresh module, then 30 ms).
  if (size >= (1u << 20)) size = (size + (64u << 10) + (1u << 20) - 1) & ~static_cast<std::size_t>((1u << 20) - 1);
  Block* block;
  Spare& s = spare();
  if (s.block && s.size >= size) {
    block = static_cast<Block*>(s.block);
    size = s.size;
    s.block = nullptr;
    s.size = 0;
  } else {
    block = static_cast<Block*>(std::malloc(header + size));
    if (!block) return nullptr;
  }
  block->size = size;
  reserved_ += header + size;
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
  end_ = data + size;
  if (next_size_ < (1u << 20)) next_size_ = next_size_ * 2 < (1u << 20) ? next_size_ * 2 : (1u << 20);
  return data;
}

}  // namespace tb::jsonata
