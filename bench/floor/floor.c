/*
 * The Node-API floor: what any binding that crosses into C once per MPI call
 * must pay. Each function takes the arguments mpi4js's addon takes for the same
 * call (a communicator id, typed arrays, a count, a datatype id, integers), reads
 * them with the fewest Node-API calls that can, looks the handles up in a table
 * and makes the MPI call. No checks beyond what keeps it from crashing on the
 * benchmark's own arguments: a lower bound for mpi4js, not a usable binding.
 *
 * Built only by `npm run bench` (bench/run.ts), never shipped. MPI must already
 * be initialised (the benchmark loads mpi4js first).
 */
#include <mpi.h>
#include <node_api.h>

#define MAX_ARGS 6

static MPI_Comm comms[3];      /* id 1: COMM_WORLD, 2: COMM_SELF */
static MPI_Datatype types[2];  /* id 0: BYTE, 1: DOUBLE */
static MPI_Op ops[1];          /* id 0: SUM */

static void *data(napi_env env, napi_value v) {
  void *p = NULL;
  napi_get_typedarray_info(env, v, NULL, NULL, &p, NULL, NULL);
  return p;
}

static int integer(napi_env env, napi_value v) {
  int32_t i = 0;
  napi_get_value_int32(env, v, &i);
  return i;
}

static void args(napi_env env, napi_callback_info info, napi_value *argv) {
  size_t argc = MAX_ARGS;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
}

/* Send(comm, view, count, datatype, dest, tag) */
static napi_value Send(napi_env env, napi_callback_info info) {
  napi_value a[MAX_ARGS];
  args(env, info, a);
  MPI_Send(data(env, a[1]), integer(env, a[2]), types[integer(env, a[3])], integer(env, a[4]), integer(env, a[5]),
           comms[integer(env, a[0])]);
  return NULL;
}

/* Recv(comm, view, count, datatype, source, tag) */
static napi_value Recv(napi_env env, napi_callback_info info) {
  napi_value a[MAX_ARGS];
  args(env, info, a);
  MPI_Recv(data(env, a[1]), integer(env, a[2]), types[integer(env, a[3])], integer(env, a[4]), integer(env, a[5]),
           comms[integer(env, a[0])], MPI_STATUS_IGNORE);
  return NULL;
}

/* Bcast(comm, view, count, datatype, root) */
static napi_value Bcast(napi_env env, napi_callback_info info) {
  napi_value a[MAX_ARGS];
  args(env, info, a);
  MPI_Bcast(data(env, a[1]), integer(env, a[2]), types[integer(env, a[3])], integer(env, a[4]), comms[integer(env, a[0])]);
  return NULL;
}

/* Allreduce(comm, sendview, recvview, count, datatype, op) */
static napi_value Allreduce(napi_env env, napi_callback_info info) {
  napi_value a[MAX_ARGS];
  args(env, info, a);
  MPI_Allreduce(data(env, a[1]), data(env, a[2]), integer(env, a[3]), types[integer(env, a[4])], ops[integer(env, a[5])],
                comms[integer(env, a[0])]);
  return NULL;
}

/* Barrier(comm) */
static napi_value Barrier(napi_env env, napi_callback_info info) {
  napi_value a[MAX_ARGS];
  args(env, info, a);
  MPI_Barrier(comms[integer(env, a[0])]);
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  comms[0] = MPI_COMM_NULL;
  comms[1] = MPI_COMM_WORLD;
  comms[2] = MPI_COMM_SELF;
  types[0] = MPI_BYTE;
  types[1] = MPI_DOUBLE;
  ops[0] = MPI_SUM;
  napi_property_descriptor fns[] = {
      {"Send", NULL, Send, NULL, NULL, NULL, napi_default, NULL},
      {"Recv", NULL, Recv, NULL, NULL, NULL, napi_default, NULL},
      {"Bcast", NULL, Bcast, NULL, NULL, NULL, napi_default, NULL},
      {"Allreduce", NULL, Allreduce, NULL, NULL, NULL, napi_default, NULL},
      {"Barrier", NULL, Barrier, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof fns / sizeof fns[0], fns);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
