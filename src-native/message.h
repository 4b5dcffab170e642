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

// The probes of the API go through these, so they keep MPI's order of posted
// receives with the pending object receives (irecv, served by probing): those
// on comm take their messages first, and a message one of them matches is
// never reported nor matched by a later probe.

// Matched probe (Mprobe, and Improbe when nonblocking); false when nothing
// matched (nonblocking) or the deadline passed first.
bool MatchInOrder(Napi::Env env, MPI_Comm comm, int source, int tag, const Deadline& deadline, bool blocking,
                  MPI_Message* msg, MPI_Status* st);

// Probe without matching (Probe, and Iprobe when nonblocking); same outcome.
bool PeekInOrder(Napi::Env env, MPI_Comm comm, int source, int tag, const Deadline& deadline, bool blocking,
                 MPI_Status* st);

}  // namespace mpi4js::message
