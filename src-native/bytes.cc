#include "bytes.h"

namespace mpi4js::bytes {

// Bytes always fit the derived type: n / Limit() blocks fit an int for any n
// below 2**41, far above a Buffer's 4 GiB in Node 20, and a Buffer's length fits
// MPI_Aint. Were MPI to fail to build the type, count 0 makes the call fail
// (truncation) rather than send less.
Span::Span(int64_t n) { Build(n, MPI_BYTE); }

int64_t Of(const MPI_Status& st) {
  MPI_Count n = 0;
  MPI_Get_elements_x(&st, MPI_BYTE, &n);
  return static_cast<int64_t>(n);
}

}  // namespace mpi4js::bytes
