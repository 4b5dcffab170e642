#include "bytes.h"

#include <climits>
#include <cstdlib>

namespace mpi4js::bytes {

int64_t Limit() {
  static const int64_t limit = [] {
    const char* v = std::getenv("MPI4JS_TEST_CHUNK");
    long long n = v ? std::atoll(v) : 0;
    return n >= 1024 && n < INT_MAX ? static_cast<int64_t>(n) : static_cast<int64_t>(INT_MAX);
  }();
  return limit;
}

Span::Span(int64_t n) {
  const int64_t limit = Limit();
  if (n <= limit) {
    count = static_cast<int>(n);
    return;
  }
  // n / limit fits an int for any n below 2**41 (limit is at least 1024): far above a Buffer's 4 GiB in Node 20.
  const int64_t blocks = n / limit, rest = n % limit;
  MPI_Datatype block;
  MPI_Type_contiguous(static_cast<int>(limit), MPI_BYTE, &block);
  int lengths[2] = {static_cast<int>(blocks), static_cast<int>(rest)};
  MPI_Aint displs[2] = {0, static_cast<MPI_Aint>(blocks * limit)};
  MPI_Datatype types[2] = {block, MPI_BYTE};
  MPI_Type_create_struct(rest ? 2 : 1, lengths, displs, types, &type);
  MPI_Type_commit(&type);
  MPI_Type_free(&block);
  count = 1;
}

Span::~Span() {
  if (type != MPI_BYTE) MPI_Type_free(&type);
}

int64_t Of(const MPI_Status& st) {
  MPI_Count n = 0;
  MPI_Get_elements_x(&st, MPI_BYTE, &n);
  return static_cast<int64_t>(n);
}

}  // namespace mpi4js::bytes
