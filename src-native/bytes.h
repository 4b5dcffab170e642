// Messages of JavaScript values (the lowercase calls) of any size. MPI counts
// are C ints, so a message of more than INT_MAX bytes travels as one message of
// a derived datatype: a contiguous type of `Limit()` bytes, repeated, then the
// rest as bytes (BigMPI's method, which mpi4py's pkl5 uses). Its type signature
// is still n bytes, so it matches a receive of n MPI_BYTEs of any form, and the
// receiver sizes it with MPI_Get_elements_x (64-bit).
#pragma once
#include <mpi.h>

#include <cstdint>

#include "largecount.h"

namespace mpi4js::bytes {

// The largest count sent as plain MPI_BYTEs: largecount::Limit() (INT_MAX, or
// MPI4JS_TEST_CHUNK so that tests exercise the derived type with small messages).
inline int64_t Limit() { return largecount::Limit(); }

// How n bytes go to MPI: (MPI_BYTE, n) up to Limit(), else (a committed derived
// type, 1), freed with the Span (MPI lets a type be freed while a nonblocking
// call that uses it is pending). Always the classic int routines, so the same
// on every build.
struct Span : largecount::Derived {
  explicit Span(int64_t n);
};

// The bytes in a received or probed message, 64-bit (MPI_Get_count gives
// MPI_UNDEFINED above INT_MAX).
int64_t Of(const MPI_Status& st);

}  // namespace mpi4js::bytes
