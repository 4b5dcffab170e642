#include "largecount.h"

#include <climits>
#include <cstdlib>
#include <string>

#include "errors.h"

namespace mpi4js::largecount {

int64_t Limit() {
  static const int64_t limit = [] {
    const char* v = std::getenv("MPI4JS_TEST_CHUNK");
    long long n = v ? std::atoll(v) : 0;
    return n >= 1024 && n < INT_MAX ? static_cast<int64_t>(n) : static_cast<int64_t>(INT_MAX);
  }();
  return limit;
}

namespace {

[[noreturn]] void TooLarge(Napi::Env env, const char* call, MPI_Count count, const char* why) {
  throw Napi::RangeError::New(env, std::string(call) + ": a count of " + std::to_string(count) + " items " + why);
}

}  // namespace

int Derived::Build(MPI_Count n, MPI_Datatype t) {
  type = t;
  const int64_t limit = Limit();
  if (n <= limit) {
    count = static_cast<int>(n);
    return MPI_SUCCESS;
  }
  const MPI_Count blocks = n / limit, rest = n % limit;
  if (blocks > INT_MAX) return kTooManyBlocks;
  MPI_Count lb = 0, extent = 0;
  int rc = MPI_Type_get_extent_x(t, &lb, &extent);
  if (rc != MPI_SUCCESS) return rc;
  // Byte offsets are MPI_Aint: 32 bits on 32-bit ARM, where a span past 2 GiB cannot be described.
  MPI_Count rest_at = 0, span = 0;
  if (__builtin_mul_overflow(blocks * limit, extent, &rest_at) || __builtin_mul_overflow(n, extent, &span) ||
      static_cast<MPI_Aint>(rest_at) != rest_at || static_cast<MPI_Aint>(span) != span ||
      static_cast<MPI_Aint>(lb) != lb) {
    return kBeyondAint;
  }
  // vector(q, limit, limit) + contiguous(r) in a struct, resized to what contiguous(n) would be whatever
  // alignment padding the struct gets.
  MPI_Datatype parts[2] = {MPI_DATATYPE_NULL, MPI_DATATYPE_NULL}, joined = MPI_DATATYPE_NULL, made;
  rc = MPI_Type_vector(static_cast<int>(blocks), static_cast<int>(limit), static_cast<int>(limit), t, &parts[0]);
  if (rc == MPI_SUCCESS && rest) rc = MPI_Type_contiguous(static_cast<int>(rest), t, &parts[1]);
  int lengths[2] = {1, 1};
  MPI_Aint displs[2] = {0, static_cast<MPI_Aint>(rest_at)};
  if (rc == MPI_SUCCESS) rc = MPI_Type_create_struct(rest ? 2 : 1, lengths, displs, parts, &joined);
  if (rc == MPI_SUCCESS) rc = MPI_Type_create_resized(joined, static_cast<MPI_Aint>(lb), static_cast<MPI_Aint>(span), &made);
  if (rc == MPI_SUCCESS) {
    rc = MPI_Type_commit(&made);
    if (rc != MPI_SUCCESS) MPI_Type_free(&made);
  }
  for (MPI_Datatype* p : {&parts[0], &parts[1], &joined}) {
    if (*p != MPI_DATATYPE_NULL) MPI_Type_free(p);
  }
  if (rc != MPI_SUCCESS) return rc;
  type = made;
  owned_ = true;
  count = 1;
  return MPI_SUCCESS;
}

Derived::Derived(Napi::Env env, MPI_Count n, MPI_Datatype t, const char* call) {
  int rc = Build(n, t);
  if (rc == kTooManyBlocks) TooLarge(env, call, n, "needs more than 2**31-1 blocks of a derived datatype");
  if (rc == kBeyondAint) TooLarge(env, call, n, "spans more bytes than an MPI_Aint holds on this machine");
  errors::Check(env, rc, call);
}

Derived::~Derived() {
  if (owned_) MPI_Type_free(&type);
}

void RequireRoundless(Napi::Env env, MPI_Count count, const char* call) {
  if (!kNative && count > Limit()) {
    TooLarge(env, call, count,
             "needs MPI-4 large counts (this MPI library has no _c routines, and a nonblocking reduction cannot "
             "be split into rounds as the blocking one is)");
  }
}

int Int32(Napi::Env env, MPI_Count count, const char* call) {
  if (count > INT32_MAX) TooLarge(env, call, count, "is beyond 2**31-1, which this call takes only");
  return static_cast<int>(count);
}

}  // namespace mpi4js::largecount
