// Tables from the small integer ids that JavaScript holds to MPI handles.
//
// MPI handle types are pointers in Open MPI and ints in MPICH; ids hide that and
// cost one bounds check per call. An id carries its slot's generation, bumped
// each time the slot is freed, so a stale id (a freed handle kept in a second
// object) is refused instead of reaching whatever reused the slot.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

#include "errors.h"
#include "integers.h"

namespace mpi4js {

// id = slot | generation << kSlotBits: a positive int32, so it fits the Int32Arrays
// of request ids. Generations wrap after kGenerations frees of one slot.
constexpr int kSlotBits = 20;
constexpr int32_t kMaxSlots = 1 << kSlotBits;
constexpr int32_t kGenerations = 1 << (31 - kSlotBits);

inline int32_t SlotOf(int32_t id) { return id & (kMaxSlots - 1); }
inline int32_t GenerationOf(int32_t id) { return id >> kSlotBits; }
inline int32_t MakeId(int32_t slot, int32_t generation) { return slot | (generation << kSlotBits); }

// Slots of T with generations and a free list. Slot 0 and the reserved slots
// (predefined handles) have generation 0, so their ids are their slot numbers.
template <typename T>
class Slots {
 public:
  explicit Slots(T null) : null_(null) {}

  int32_t Add(const T& item) {
    int32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
      items_[slot] = item;
    } else {
      if (items_.size() >= static_cast<size_t>(kMaxSlots)) return -1;
      items_.push_back(item);
      gens_.push_back(0);
      slot = static_cast<int32_t>(items_.size() - 1);
    }
    return MakeId(slot, gens_[slot]);
  }

  void Reserve(int32_t slot, const T& item) {
    if (items_.size() <= static_cast<size_t>(slot)) {
      items_.resize(slot + 1, null_);
      gens_.resize(slot + 1, 0);
    }
    items_[slot] = item;
  }

  // Whether id names a slot as it is now (not freed since the id was made).
  bool Live(int32_t id) const {
    if (id < 0) return false;
    size_t slot = static_cast<size_t>(SlotOf(id));
    return slot < items_.size() && gens_[slot] == GenerationOf(id);
  }

  T* Find(int32_t id) { return Live(id) ? &items_[SlotOf(id)] : nullptr; }

  // Whether id names a slot that exists (live or freed since): a stale id, not garbage.
  bool Known(int32_t id) const { return id >= 0 && static_cast<size_t>(SlotOf(id)) < items_.size(); }

  // Slots in use, the reserved and null ones included (tests of leaks).
  size_t Count() const { return items_.size() - free_.size(); }

  // The id of the first live slot holding item (a linear scan), or -1: for
  // MPI's callbacks, which name a handle, not an id (attributes.cc, errhandler.cc).
  int32_t Find(const T& item) const {
    for (size_t slot = 0; slot < items_.size(); slot++) {
      if (items_[slot] == item) return MakeId(static_cast<int32_t>(slot), gens_[slot]);
    }
    return -1;
  }

  // The id of the first live slot whose item satisfies pred (a linear scan), or
  // -1: for handles kept inside a struct (windows, errhandler.cc).
  template <typename Pred>
  int32_t FindIf(Pred pred) const {
    for (size_t slot = 0; slot < items_.size(); slot++) {
      if (pred(items_[slot])) return MakeId(static_cast<int32_t>(slot), gens_[slot]);
    }
    return -1;
  }

  // Frees id's slot for reuse under a new generation; a stale id does nothing.
  void Remove(int32_t id) {
    if (id <= 0 || !Live(id)) return;
    int32_t slot = SlotOf(id);
    items_[slot] = null_;
    gens_[slot] = (gens_[slot] + 1) % kGenerations;
    free_.push_back(slot);
  }

  // Every slot's item, a freed one as the null item (inuse.cc scans the windows).
  const std::vector<T>& Items() const { return items_; }

 private:
  T null_;
  std::vector<T> items_;
  std::vector<int32_t> gens_;
  std::vector<int32_t> free_;
};

// The id a JS value holds: an integer (else a TypeError naming what).
inline int32_t IdValue(Napi::Env env, const Napi::Value& v, const char* what) {
  double d = 0;  // napi_get_value_double fails, throwing nothing, on anything but a number
  if (napi_get_value_double(env, v, &d) != napi_ok || !(d >= -1 && d <= INT32_MAX) || d != static_cast<double>(static_cast<int32_t>(d))) {
    throw Napi::TypeError::New(env, std::string("invalid ") + what + " handle");
  }
  return static_cast<int32_t>(d);
}

template <typename Handle>
class HandleTable {
 public:
  // stale_class: the MPI error class for a stale id, as MPI gives for a null handle.
  HandleTable(const char* what, Handle null, int stale_class) : what_(what), null_(null), stale_(stale_class), slots_(null) {
    slots_.Add(null);
  }

  int32_t Add(Handle h) {
    if (h == null_) return 0;
    return slots_.Add(h);
  }

  // A predefined handle at a fixed id (COMM_WORLD is 1, ...), so JS may hard-code none.
  void Reserve(int32_t id, Handle h) { slots_.Reserve(id, h); }

  // The handle an id names; a freed handle's id (stale) is MPI.Exception of the
  // class MPI gives for the null handle, naming the call that got it.
  Handle& Get(Napi::Env env, const Napi::Value& v, const char* call = nullptr) {
    int32_t id = IdValue(env, v, what_);
    Handle* h = slots_.Find(id);
    if (!h) {
      if (slots_.Known(id)) {
        errors::Throw(env, stale_, call ? call : (std::string("a freed ") + what_ + " handle").c_str());
      }
      throw Napi::TypeError::New(env, std::string("invalid ") + what_ + " handle");
    }
    return *h;
  }

  bool Live(int32_t id) { return slots_.Live(id); }

  // The id of a handle (0 for the null handle), or -1 when no slot holds it.
  int32_t IdOf(Handle h) const { return h == null_ ? 0 : slots_.Find(h); }

  size_t Count() const { return slots_.Count(); }

  // Forget a handle MPI has freed; its slot may be reused under a new generation.
  void Remove(int32_t id) { slots_.Remove(id); }

 private:
  const char* what_;
  Handle null_;
  int stale_;
  Slots<Handle> slots_;
};

// Fixed ids of predefined handles, mirrored in lib/native.ts.
constexpr int32_t kCommWorld = 1;
constexpr int32_t kCommSelf = 2;
constexpr int32_t kGroupEmpty = 1;
constexpr int32_t kInfoEnv = 1;

// info[i] as a C int, exactly (integers.h): never wrapped modulo 2**32.
inline int IntArg(const Napi::CallbackInfo& info, size_t i, const char* call, const char* what) {
  return ReadInt(info.Env(), info[i], call, what);
}

}  // namespace mpi4js
