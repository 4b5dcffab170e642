// Memory in use: the one place that answers "does anything MPI may still read
// or write lie inside this memory?", which Win.Free asks before MPI frees a
// window's own memory (Allocate, Allocate_shared) — a view of it (tomemory(),
// Shared_query) may be the buffer of a pending request, another window's
// memory, the buffered-send buffer, or a begun split collective's buffer.
//
// It reads the holders where they already keep their references (the request
// table, the window table, the attached bsend buffer); what no table keeps
// (a split collective between begin and end) is held here, by a key.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace mpi4js::inuse {

// Bytes [begin, begin + bytes) of this process's memory.
struct Range {
  uintptr_t begin;
  size_t bytes;
};

struct Held {
  const void* key;
  const char* what;  // the call that holds it, a literal
  napi_ref ref;
};

// What is held here rather than in some other table (owned by the Addon).
struct Table {
  std::vector<Held> held;
};

// Holds v (a view MPI keeps the address of) under key until Release(key).
void Hold(napi_env env, const void* key, const char* what, napi_value v);
void Release(napi_env env, const void* key);

// Who holds memory that overlaps one of ranges ("a pending Irecv", …), or ""
// when nothing does.
std::string User(napi_env env, const std::vector<Range>& ranges);

}  // namespace mpi4js::inuse
