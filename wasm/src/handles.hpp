#pragma once
// The objects the façade holds by handle: an object's address in the module's heap, a number
// on the JavaScript side (wasm/js/native-core.mjs, native-jsonata.mjs). Every _new and _delete
// export goes through these, and the product core's method exports find their object with
// object_at, so a handle means one thing everywhere.

#include <cstdint>
#include <new>
#include <utility>

namespace tbwasm {

/// A new T as a handle; 0 when the module is out of memory (the façade throws its memory error).
template <class T, class... Args>
std::uintptr_t new_handle(Args&&... args) {
  return reinterpret_cast<std::uintptr_t>(new (std::nothrow) T(std::forward<Args>(args)...));
}

/// The object a handle names.
template <class T>
T& object_at(std::uintptr_t handle) {
  return *reinterpret_cast<T*>(handle);
}

/// Frees the object a handle names (nothing for 0).
template <class T>
void delete_handle(std::uintptr_t handle) {
  delete reinterpret_cast<T*>(handle);
}

}  // namespace tbwasm
