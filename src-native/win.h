// Windows of one-sided communication (win.cc): what the addon keeps for each
// MPI_Win besides its handle, so that no memory MPI reads or writes can go
// away under it.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "handles.h"
#include "inuse.h"

namespace mpi4js::win {

struct Window {
  MPI_Win win = MPI_WIN_NULL;
  // A Dup of the creating communicator, alive as long as the window: what the
  // watchdog names (and probes) while a synchronization waits, whatever
  // becomes of the caller's communicator.
  MPI_Comm comm = MPI_COMM_NULL;
  int flavor = 0;
  // Inside MPI_Win_free: an attribute's delete callback runs JavaScript, which
  // must not reach the window (a second Free would free it twice).
  bool freeing = false;
  // Each rank's window bytes and displacement unit, gathered at creation, so an
  // access past a target's window is refused here (not for dynamic windows,
  // whose targets are addresses).
  std::vector<int64_t> sizes;
  std::vector<int64_t> units;
  // Strong references: the memory given to Create and Attach (with its base
  // address), held until Free or Detach whatever the caller drops.
  std::vector<std::pair<void*, napi_ref>> memory;
  // Origin and result buffers of operations not yet completed by a
  // synchronization, with their target rank: MPI uses them until then.
  std::vector<std::pair<int, napi_ref>> pending;
  // Weak references to the ArrayBuffers made over MPI's own memory (Allocate,
  // Allocate_shared, Shared_query): detached at Free, so no JavaScript can
  // reach the freed memory.
  std::vector<napi_ref> views;
  // The memory those views covered (MPI's, freed with the window): Free refuses
  // while anything MPI may still use lies in it (inuse.h).
  std::vector<inuse::Range> regions;
};

// The windows of one environment (owned by its Addon): ids with generations, as handles.h.
struct Table {
  Table() { slots.Add(nullptr); }  // id 0: MPI.WIN_NULL
  Slots<Window*> slots{nullptr};
};

// The window a JS id names, for every reader of one (win.cc, attributes.cc,
// errhandler.cc): a freed window's id (stale) or WIN_NULL's is MPI's ERR_WIN
// naming call; any other id a TypeError.
Window& Named(Napi::Env env, const Napi::Value& v, const char* call);

}  // namespace mpi4js::win
