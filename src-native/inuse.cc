// Memory in use (inuse.h): the holders' references resolved to the bytes they
// view, compared with the memory about to be freed.
#include "inuse.h"

#include <algorithm>

#include "addon.h"
#include "buffer.h"

namespace mpi4js::inuse {

namespace {

// The bytes a kept value views: a typed array, DataView or ArrayBuffer; none
// for anything else (a counts array is a typed array too: compared, harmless).
bool Bytes(napi_env env, napi_ref ref, Range* out) {
  napi_value v = nullptr;
  if (!ref || napi_get_reference_value(env, ref, &v) != napi_ok || !v) return false;
  void* data = nullptr;
  size_t bytes = 0;
  bool is = false;
  if (napi_is_typedarray(env, v, &is) == napi_ok && is) {
    napi_typedarray_type type = static_cast<napi_typedarray_type>(-1);  // (a kind newer than this Node-API: unwritten)
    size_t length = 0;
    if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok) return false;
    // A kind the table does not know still counts from its first byte.
    size_t size = std::max<size_t>(buffer::ElementSize(type), 1);
    if (__builtin_mul_overflow(length, size, &bytes)) bytes = length;
  } else if (napi_is_dataview(env, v, &is) == napi_ok && is) {
    if (napi_get_dataview_info(env, v, &bytes, &data, nullptr, nullptr) != napi_ok) return false;
  } else if (napi_is_arraybuffer(env, v, &is) == napi_ok && is) {
    if (napi_get_arraybuffer_info(env, v, &data, &bytes) != napi_ok) return false;
  } else {
    return false;
  }
  if (!data) return false;
  *out = {reinterpret_cast<uintptr_t>(data), bytes};
  return true;
}

// Whether the bytes ref views overlap one of ranges (an empty view at a range's start counts:
// MPI may still hold its address).
bool Overlaps(napi_env env, napi_ref ref, const std::vector<Range>& ranges) {
  Range r;
  if (!Bytes(env, ref, &r)) return false;
  for (const Range& x : ranges) {
    uintptr_t end = x.begin + x.bytes;
    uintptr_t rend = r.begin + std::max<size_t>(r.bytes, 1);
    if (r.begin < end && x.begin < rend) return true;
  }
  return false;
}

}  // namespace

void Hold(napi_env env, const void* key, const char* what, napi_value v) {
  napi_ref ref = nullptr;
  if (napi_create_reference(env, v, 1, &ref) != napi_ok) return;
  Addon::Of(env).inuse.held.push_back({key, what, ref});
}

void Release(napi_env env, const void* key) {
  auto& held = Addon::Of(env).inuse.held;
  for (auto it = held.begin(); it != held.end();) {
    if (it->key == key) {
      napi_delete_reference(env, it->ref);
      it = held.erase(it);
    } else {
      ++it;
    }
  }
}

std::string User(napi_env env, const std::vector<Range>& ranges) {
  if (ranges.empty()) return "";
  Addon& addon = Addon::Of(env);
  // Requests: a pending one, or a persistent one (Start reuses its buffer), active or not.
  for (const request::Slot& s : addon.requests.slots) {
    if (!s.in_use || (s.done && !s.persistent)) continue;
    for (napi_ref ref : s.keep) {
      if (Overlaps(env, ref, ranges)) {
        std::string call = s.origin.call && *s.origin.call ? s.origin.call : "a nonblocking call";
        return std::string(s.persistent ? "a persistent request of " : "a pending request of ") + call +
               " (complete it, or free it once inactive, first)";
      }
    }
  }
  // Windows: memory given to Create or Attach, and origin/result buffers of operations not yet synchronized.
  for (const win::Window* w : addon.wins.slots.Items()) {
    if (!w) continue;
    for (const auto& m : w->memory) {
      if (Overlaps(env, m.second, ranges)) return "a window's memory (Win.Create or Win.Attach over it: free or detach that first)";
    }
    for (const auto& p : w->pending) {
      if (Overlaps(env, p.second, ranges)) {
        return "a one-sided operation not yet completed (Put, Get or an accumulate: synchronize first)";
      }
    }
  }
  if (!addon.attached.IsEmpty() && Overlaps(env, addon.attached, ranges)) {
    return "the buffer of buffered sends (MPI.Attach_buffer: MPI.Detach_buffer first)";
  }
  for (const Held& h : addon.inuse.held) {
    if (Overlaps(env, h.ref, ranges)) return std::string("a begun ") + h.what + " (end it first)";
  }
  return "";
}

}  // namespace mpi4js::inuse
