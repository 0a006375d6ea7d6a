#pragma once
// Bump allocator: a parsed document and each evaluation own one. Everything the evaluator
// builds (sequences, strings, objects, frames) lives here and is released at once when the
// evaluation ends, so the hot path never calls free() and values are copied as plain bits.
// Only trivially destructible types may be placed here.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>

namespace tb::jsonata {

class Arena {
 public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  /// 8-byte aligned storage; nullptr only when the system is out of memory.
  void* alloc(std::size_t n) {
    n = (n + 7) & ~static_cast<std::size_t>(7);
    if (static_cast<std::size_t>(end_ - cur_) < n) return grow(n);
    void* p = cur_;
    cur_ += n;
    return p;
  }

  template <class T>
  T* alloc_array(std::size_t n) {
    static_assert(std::is_trivially_destructible<T>::value, "arena objects are never destroyed");
    if (n > (SIZE_MAX >> 1) / sizeof(T)) return nullptr;
    return static_cast<T*>(alloc(n * sizeof(T)));
  }

  template <class T, class... A>
  T* make(A&&... a) {
    static_assert(std::is_trivially_destructible<T>::value, "arena objects are never destroyed");
    void* p = alloc(sizeof(T));
    return p ? new (p) T{static_cast<A&&>(a)...} : nullptr;
  }

  /// Copies n bytes into the arena.
  char* copy(const char* s, std::size_t n) {
    char* p = static_cast<char*>(alloc(n ? n : 1));
    if (p && n) std::memcpy(p, s, n);
    return p;
  }

  /// Makes the next block the system is asked for at least `n` bytes (one allocation for a
  /// document whose size is known up front).
  void reserve(std::size_t n) {
    if (n > next_size_) next_size_ = n;
  }

  /// Starts in caller-provided storage (a stack buffer): small evaluations then never call
  /// malloc. The buffer must outlive the arena.
  void use_buffer(char* buf, std::size_t n) {
    cur_ = buf;
    end_ = buf + n;
  }

  /// Bytes obtained from the system so far.
  std::size_t reserved() const { return reserved_; }

 private:
  struct Block {
    Block* next;
    std::size_t size;
  };
  void* grow(std::size_t n);

  char* cur_ = nullptr;
  char* end_ = nullptr;
  Block* head_ = nullptr;
  std::size_t reserved_ = 0;
  std::size_t next_size_ = 4096;
};

/// Bytes of released blocks this thread keeps for later arenas (arena.cpp bounds them).
std::size_t arena_cached_bytes();

}  // namespace tb::jsonata
