// Matched probes, shared by the receives that size or bound themselves with one.
#pragma once
#include <mpi.h>
#include <napi.h>

#include "deadline.h"

namespace mpi4js::message {

// A matched probe for (source, tag) on comm, within the deadline; false when
// it passed first (nothing was matched). MPI errors throw.
bool ProbeUntil(Napi::Env env, MPI_Comm comm, int source, int tag, const Deadline& deadline, MPI_Message* msg,
                MPI_Status* st);

}  // namespace mpi4js::message
