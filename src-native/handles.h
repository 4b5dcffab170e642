// Tables from the small integer ids that JavaScript holds to MPI handles.
//
// MPI handle types are pointers in Open MPI and ints in MPICH; ids hide that, cost
// one bounds check per call, and never dangle: a freed handle's slot holds the
// null handle, which MPI itself rejects with a proper error class.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <vector>

namespace mpi4js {

template <typename Handle>
class HandleTable {
 public:
  HandleTable(const char* what, Handle null) : what_(what), null_(null) { items_.push_back(null); }

  int32_t Add(Handle h) {
    if (h == null_) return 0;
    if (!free_.empty()) {
      int32_t id = free_.back();
      free_.pop_back();
      items_[id] = h;
      return id;
    }
    items_.push_back(h);
    return static_cast<int32_t>(items_.size() - 1);
  }

  // A predefined handle at a fixed id (COMM_WORLD is 1, ...), so JS may hard-code none.
  void Reserve(int32_t id, Handle h) {
    if (items_.size() <= static_cast<size_t>(id)) items_.resize(id + 1, null_);
    items_[id] = h;
  }

  Handle& Get(Napi::Env env, const Napi::Value& v) {
    int32_t id = v.As<Napi::Number>().Int32Value();
    if (id < 0 || static_cast<size_t>(id) >= items_.size()) {
      throw Napi::TypeError::New(env, std::string("invalid ") + what_ + " handle");
    }
    return items_[id];
  }

  // Forget a handle MPI has freed; its id may be reused.
  void Remove(int32_t id) {
    if (id <= 0 || static_cast<size_t>(id) >= items_.size() || items_[id] == null_) return;
    items_[id] = null_;
    free_.push_back(id);
  }

 private:
  const char* what_;
  Handle null_;
  std::vector<Handle> items_;
  std::vector<int32_t> free_;
};

inline HandleTable<MPI_Comm> comms("communicator", MPI_COMM_NULL);
inline HandleTable<MPI_Group> groups("group", MPI_GROUP_NULL);
inline HandleTable<MPI_Op> ops("op", MPI_OP_NULL);
inline HandleTable<MPI_Message> messages("message", MPI_MESSAGE_NULL);

// Fixed ids of predefined handles, mirrored in lib/native.ts.
constexpr int32_t kCommWorld = 1;
constexpr int32_t kCommSelf = 2;
constexpr int32_t kGroupEmpty = 1;

inline int32_t IntArg(const Napi::CallbackInfo& info, size_t i) {
  return info[i].As<Napi::Number>().Int32Value();
}

}  // namespace mpi4js
