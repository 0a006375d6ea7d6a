#include "jsonata/arena.hpp"

#include <cstdlib>

namespace tb::jsonata {

Arena::~Arena() {
  while (head_) {
    Block* next = head_->next;
    std::free(head_);
    head_ = next;
  }
}

void* Arena::grow(std::size_t n) {
  // Blocks double up to 1 MiB; a request larger than half a block gets a block of its own so
  // the remainder of the current block stays usable.
  std::size_t header = (sizeof(Block) + 7) & ~static_cast<std::size_t>(7);
  bool dedicated = head_ && n > next_size_ / 2;
  std::size_t size = dedicated || n > next_size_ ? n : next_size_;
  if (size > SIZE_MAX - header) return nullptr;
  auto* block = static_cast<Block*>(std::malloc(header + size));
  if (!block) return nullptr;
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
