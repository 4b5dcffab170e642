// Counts beyond a C int in buffer calls.
//
// JavaScript counts go up to 2**53-1 (buffer::Msg.count is an MPI_Count); MPI's
// classic routines take an `int`. Two routes:
//
// - MPI-4 headers (MPICH 4; MPI4JS_LARGE_COUNT): the `_c` routines, which take an
//   MPI_Count. Fit passes the count through unchanged; MPI4JS_C(MPI_Send) names
//   MPI_Send_c.
// - otherwise (Open MPI 4.1): a count above Limit() travels as ONE item of a
//   derived type holding `count` items (BigMPI: a vector of q blocks of Limit()
//   items, then the r left over, joined by a struct, resized to count × extent).
//   Its type signature is count items of the original type, so it matches any
//   receive of those items in any form, and Status.Get_count/Get_elements see
//   items, not "1". Predefined reduction ops refuse derived types: reductions
//   run in rounds instead (Rounds), and the nonblocking ones refuse such counts
//   (RequireRoundless), as they cannot be split.
//
// Using it at a call site (the same text compiles on both routes):
//
//   buffer::Msg m = buffer::Read(info, 1);
//   largecount::Fit f(env, m);                      // or Fit(env, count, type)
//   Check(env, MPI4JS_C(MPI_Send)(m.ptr, f.count, f.type, dest, tag, comm), "MPI_Send");
//
// A Fit lives until the MPI call returns; for a nonblocking call that is enough
// (MPI lets a type be freed while an operation using it is pending). Fit a
// collective's per-rank count (what MPI takes), never the buffer's total.
// Reductions:
//
//   Check(env, largecount::Rounds(a.s.ptr, a.r.ptr, a.count, a.type, [&](const void* s, void* r, largecount::Int n) {
//     return MPI4JS_C(MPI_Allreduce)(s, r, n, a.type, a.op, a.comm);
//   }), "MPI_Allreduce");
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cstdint>

#include "buffer.h"
#include "implementation.h"

#if MPI4JS_LARGE_COUNT
#define MPI4JS_C(fn) fn##_c
#else
#define MPI4JS_C(fn) fn
#endif

namespace mpi4js::largecount {

// The count type the MPI4JS_C(...) routines take.
#if MPI4JS_LARGE_COUNT
using Int = MPI_Count;
#else
using Int = int;
#endif

// The largest count passed to a classic (int) routine as is: INT_MAX, or the
// value of MPI4JS_TEST_CHUNK (at least 1024) so that tests exercise the derived
// types and rounds with small buffers. Read once.
int64_t Limit();

// Always emulates above Limit(), whatever the headers: `count` items of `type`
// as (count, type) or (1, derived type), the derived type committed and freed
// with the Derived. bytes::Span is Derived(n, MPI_BYTE). A count whose derived
// type cannot be built (more than INT_MAX blocks, or a byte span beyond
// MPI_Aint on 32-bit ARM) is a RangeError naming `call`.
class Derived {
 public:
  Derived(Napi::Env env, MPI_Count count, MPI_Datatype type, const char* call = "mpi4js");
  ~Derived();
  Derived(const Derived&) = delete;
  Derived& operator=(const Derived&) = delete;
  int count = 0;
  MPI_Datatype type = MPI_DATATYPE_NULL;

 protected:
  Derived() = default;
  // Throws nothing (bytes::Span runs on helper threads too): MPI_SUCCESS, an MPI
  // error code, or one of these. On failure count is 0.
  static constexpr int kTooManyBlocks = -1, kBeyondAint = -2;
  int Build(MPI_Count n, MPI_Datatype t);

 private:
  bool owned_ = false;
};

#if MPI4JS_LARGE_COUNT
// The `_c` routines take the count as is.
struct Fit {
  Fit(Napi::Env, MPI_Count n, MPI_Datatype t, const char* = "mpi4js") : count(n), type(t) {}
  Fit(Napi::Env, const buffer::Msg& m, const char* = "mpi4js") : count(m.count), type(m.type) {}
  Int count;
  MPI_Datatype type;
};
#else
struct Fit : Derived {
  Fit(Napi::Env env, MPI_Count n, MPI_Datatype t, const char* call = "mpi4js") : Derived(env, n, t, call) {}
  Fit(Napi::Env env, const buffer::Msg& m, const char* call = "mpi4js") : Derived(env, m.count, m.type, call) {}
};
#endif

// A blocking reduction of `count` items of `type` in rounds of at most Limit()
// items (one round with `_c`): call(send, recv, n) with both pointers advanced
// by the items already done (MPI_IN_PLACE and null stay as they are). Every rank
// has the same count, so every rank makes the same rounds. Returns the first
// error code, else MPI_SUCCESS.
template <typename Call>
int Rounds(const void* send, void* recv, MPI_Count count, MPI_Datatype type, Call&& call) {
#if MPI4JS_LARGE_COUNT
  return call(send, recv, static_cast<Int>(count));
#else
  const int64_t limit = Limit();
  if (count <= limit) return call(send, recv, static_cast<Int>(count));
  MPI_Count lb = 0, extent = 0;
  int rc = MPI_Type_get_extent_x(type, &lb, &extent);
  if (rc != MPI_SUCCESS) return rc;
  auto at = [&](const void* p, MPI_Count done) -> const void* {
    if (p == nullptr || p == MPI_IN_PLACE) return p;
    return static_cast<const char*>(p) + done * extent;  // within the buffer: buffer::Read checked its bounds
  };
  for (MPI_Count done = 0; done < count; done += limit) {
    const int n = static_cast<int>(count - done < limit ? count - done : limit);
    rc = call(at(send, done), const_cast<void*>(at(recv, done)), n);
    if (rc != MPI_SUCCESS) return rc;
  }
  return MPI_SUCCESS;
#endif
}

// A nonblocking reduction cannot run in rounds: above Limit() without `_c` it
// is a RangeError, the same on every rank since every rank has the same count.
void RequireRoundless(Napi::Env env, MPI_Count count, const char* call);

// Whether this build passes counts to MPI as MPI_Count (`_c` routines).
constexpr bool kNative = MPI4JS_LARGE_COUNT;

// A count for a call that has no large-count route (yet): as is up to INT_MAX,
// else a RangeError naming the call, never a silent wrap.
int Int32(Napi::Env env, MPI_Count count, const char* call);

}  // namespace mpi4js::largecount
