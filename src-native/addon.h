// The addon's mutable state, owned by the Node environment that loads it: its
// instance data (napi_set_instance_data), deleted when that environment is torn
// down. Each call reaches it through its env: Addon::Of(info.Env()).
//
// What is one per process stays process-wide, each saying so where it is: MPI
// itself (environment.cc), the watchdog's thread (watchdog.cc), and the refusal
// of a second load (addon.cc).
#pragma once
#include <mpi.h>
#include <napi.h>

#include <unordered_map>

#include "datatype.h"
#include "handles.h"
#include "implementation.h"
#include "inuse.h"
#include "op.h"
#include "progress.h"
#include "request.h"
#include "win.h"

namespace mpi4js {

class Addon {
 public:
  Addon() = default;
  Addon(const Addon&) = delete;
  Addon& operator=(const Addon&) = delete;

  // The state of the environment that calls (set before any call can be made).
  static Addon& Of(napi_env env) {
    void* data = nullptr;
    napi_get_instance_data(env, &data);
    return *static_cast<Addon*>(data);
  }

  HandleTable<MPI_Comm> comms{"communicator", MPI_COMM_NULL, MPI_ERR_COMM};
  HandleTable<MPI_Group> groups{"group", MPI_GROUP_NULL, MPI_ERR_GROUP};
  HandleTable<MPI_Op> ops{"op", MPI_OP_NULL, MPI_ERR_OP};
  op::Table user_ops;  // the JavaScript functions of user ops (op.h)
  HandleTable<MPI_Message> messages{"message", MPI_MESSAGE_NULL, MPI_ERR_ARG};
  HandleTable<MPI_Info> infos{"info", MPI_INFO_NULL, MPI_ERR_INFO};  // info.cc
  datatype::Table datatypes{datatype::Info{}};
  request::Table requests;
  progress::Engine progress;
  // MPI.Exception (lib/errors.ts), handed over once at load.
  Napi::FunctionReference exception_class;
  Napi::ObjectReference in_place;                // the MPI.IN_PLACE marker object
  Napi::Reference<Napi::Value> untransferable;  // worker_threads.markAsUntransferable, set from lib/buffer.ts
  // --- send modes (issue 12, WP3): the buffer given to MPI_Buffer_attach, held
  // (and pinned, buffer::ReadRaw) until MPI_Buffer_detach gives it back.
  Napi::Reference<Napi::Value> attached;
  // --- attributes and error handlers (issue 13 part 3b): the dispatchers of
  // lib/attributes.ts and lib/errhandler.ts that MPI's callbacks call, and the
  // error handlers' ids (predefined ones reserved, errhandler.cc).
  Napi::FunctionReference attr_copy, attr_delete, errhandler_call;
  HandleTable<MPI_Errhandler> errhandlers{"errhandler", MPI_ERRHANDLER_NULL, MPI_ERR_ARG};
#if MPI4JS_MPI4
  // --- sessions (issue 13 part 1, MPI-4.0): session.cc
  HandleTable<MPI_Session> sessions{"session", MPI_SESSION_NULL, MPI_ERR_SESSION};
#endif
  // --- one-sided communication (issue 14): windows and what they keep alive (win.h, win.cc)
  win::Table wins;
  // --- parallel I/O (issue 14, file.cc): open files, and the communicator each
  // was opened on (named by the watchdog while it is still live).
  HandleTable<MPI_File> files{"file", MPI_FILE_NULL, MPI_ERR_FILE};
  std::unordered_map<MPI_File, MPI_Comm> file_comms;
  // --- memory in use that no other table holds (inuse.h): split collectives' buffers.
  inuse::Table inuse;
};

}  // namespace mpi4js
