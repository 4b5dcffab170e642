// Message buffers: lib/buffer.ts resolves every buffer form mpi4py accepts to
// (view, count, datatype) — or (view, counts, displs, datatype) for the v-variants —
// and this side turns that into the pointer MPI needs, checking that the view
// really holds what MPI will read or write. Data moves straight between the
// view's memory and MPI: no copy.
#pragma once
#include <mpi.h>
#include <napi.h>

namespace mpi4js::buffer {

struct Msg {
  void* ptr;
  // Up to 2**53-1 (what JavaScript holds exactly): hand it to MPI through
  // largecount::Fit (largecount.h), never cast to int.
  MPI_Count count;
  MPI_Datatype type;
  bool in_place;
};

struct MsgV {
  void* ptr;
  const int* counts;
  const int* displs;
  MPI_Datatype type;
  bool in_place;
};

// The triple at info[i..i+2]. `blocks` is how many blocks of count items the view
// must hold (comm size for a Gather's receive side, 1 otherwise). `arg` names the
// argument in errors; the call's name is the function's data (set where it is
// registered), and a call named I… (Isend, Message.Irecv, …) is nonblocking: its
// buffer must not be resizable, and its ArrayBuffer is marked untransferable.
// `pin` does the same for a blocking call (a reduction with a user op runs
// JavaScript while MPI uses the buffer).
Msg Read(const Napi::CallbackInfo& info, size_t i, const char* arg = "buf", int blocks = 1, bool pin = false);

// The quadruple at info[i..i+3]; counts and displs are Int32Arrays of at least n items.
MsgV ReadV(const Napi::CallbackInfo& info, size_t i, const char* arg, int n);

// --- send modes and collectives (issue 12, WP3): a buffer alone, as bytes.
// The view at info[i] (typed array, DataView, ArrayBuffer, null or MPI.IN_PLACE)
// with no count or datatype: Alltoallw checks each rank's layout against
// `bytes` itself, Attach_buffer hands the bytes to MPI. `pin`: MPI keeps the
// memory after the call (as Pin does for nonblocking calls).
struct Raw {
  void* data;
  size_t bytes;
  bool none;
  bool in_place;
};
Raw ReadRaw(const Napi::CallbackInfo& info, size_t i, const char* arg, bool pin);

// Bytes of one element of a typed array kind; 0 for a kind this table does not
// know (a newer Node's Float16Array, say), which callers refuse.
size_t ElementSize(napi_typedarray_type t);

// Bytes a buffer needs to hold count items of a type with this true lower bound,
// extent and true extent, placed `offset` bytes after its first byte (a v-variant's
// displs[r]·extent): the end of the last byte touched, counted from the buffer's
// start. -1 when the items would reach before the start (a negative true lower
// bound, offset or extent), -2 when the arithmetic overflows int64 (or size_t).
// Pure: unit-tested through the addon's `buffer.requiredBytes`.
int64_t RequiredBytesFrom(int64_t offset, int64_t true_lb, int64_t extent, int64_t true_extent, int64_t count);

// RequiredBytesFrom with offset 0.
inline int64_t RequiredBytes(int64_t true_lb, int64_t extent, int64_t true_extent, int64_t count) {
  return RequiredBytesFrom(0, true_lb, extent, true_extent, count);
}

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::buffer
