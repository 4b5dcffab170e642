// The addon's entry point: each file registers the calls of its MPI object.
// Their state lives in the environment's Addon (addon.h), created here.
#include "addon.h"

#include <napi.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace mpi4js {
namespace buffer { void Init(Napi::Env, Napi::Object); }
namespace comm { void Init(Napi::Env, Napi::Object); }
namespace datatype { void Init(Napi::Env, Napi::Object); }
namespace environment { void Init(Napi::Env, Napi::Object); }
namespace errors { void Init(Napi::Env, Napi::Object); }
namespace group { void Init(Napi::Env, Napi::Object); }
namespace message { void Init(Napi::Env, Napi::Object); }
namespace op { void Init(Napi::Env, Napi::Object); }
namespace progress { void Init(Napi::Env, Napi::Object); }
namespace request { void Init(Napi::Env, Napi::Object); }
namespace prequest { void Init(Napi::Env, Napi::Object); }
namespace grequest { void Init(Napi::Env, Napi::Object); }
namespace status { void Init(Napi::Env, Napi::Object); }
// --- Pack, contents and decode
namespace pack { void Init(Napi::Env, Napi::Object); }
namespace typecontents { void Init(Napi::Env, Napi::Object); }
// --- send modes and collectives (issue 12, WP3)
namespace sendmodes { void Init(Napi::Env, Napi::Object); }
namespace bsend { void Init(Napi::Env, Napi::Object); }
namespace reductions { void Init(Napi::Env, Napi::Object); }
namespace alltoallw { void Init(Napi::Env, Napi::Object); }
// --- attributes and error handlers (issue 13 part 3b)
namespace attributes { void Init(Napi::Env, Napi::Object); }
namespace errhandler { void Init(Napi::Env, Napi::Object); }
namespace errorcode { void Init(Napi::Env, Napi::Object); }
// --- topologies and neighbour collectives (issue 13)
namespace topology { void Init(Napi::Env, Napi::Object); }
namespace neighbor { void Init(Napi::Env, Napi::Object); }
// --- info objects and the communicator calls that take them (issue 13)
namespace info { void Init(Napi::Env, Napi::Object); }
namespace commcreate { void Init(Napi::Env, Napi::Object); }
namespace intercomm { void Init(Napi::Env, Napi::Object); }
namespace session { void Init(Napi::Env, Napi::Object); }
// --- one-sided communication (issue 14)
namespace win { void Init(Napi::Env, Napi::Object); }
// --- parallel I/O (issue 14)
namespace file { void Init(Napi::Env, Napi::Object); }
// --- dynamic processes (issue 15)
namespace spawn { void Init(Napi::Env, Napi::Object); }
#ifdef MPI4JS_SANITIZER_SELF_TEST
// The sanitizer build's deliberate fault (test/native/sanitizer-self-test.cc);
// never defined in a normal build.
namespace sanitizer_self_test { void Init(Napi::Env, Napi::Object); }
#endif

// MPI is one per process, initialised and finalised by the main thread (lib/environment.ts
// finalises it at the main thread's exit): only the main thread's environment may load
// the addon. On Linux the main thread's id is the process id. Checked before anything is
// created, so a refused load leaves nothing behind in the worker or the process.
static bool OnMainThread() { return syscall(SYS_gettid) == getpid(); }

Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  if (!OnMainThread()) {
    throw Napi::Error::New(env,
                           "mpi4js: MPI can be used from the main thread only; load mpi4js there and pass data to "
                           "workers with postMessage");
  }
  // The same file reached by another path (a hard-linked copy of the package, as
  // pnpm's store makes) is mapped once, and Node initialises it again, in a new
  // napi_env: refuse rather than share MPI with a second copy. Per process, as MPI is.
  static bool loaded = false;
  if (loaded) {
    throw Napi::Error::New(env,
                           "mpi4js: another copy of mpi4js already uses this addon (the same file under another path) "
                           "in this process; load one copy (npm dedupe), or give each copy its own addon file");
  }
  loaded = true;
  // Deleted by the environment's teardown (napi's own cleanup hook), which
  // closes the progress engine's libuv handles and drops the references.
  env.SetInstanceData(new Addon());
  environment::Init(env, exports);
  errors::Init(env, exports);
  buffer::Init(env, exports);
  datatype::Init(env, exports);
  pack::Init(env, exports);          // adds to exports.datatype
  typecontents::Init(env, exports);  // adds to exports.datatype
  status::Init(env, exports);
  op::Init(env, exports);
  group::Init(env, exports);
  comm::Init(env, exports);
  // --- send modes and collectives (issue 12, WP3): they add to exports.comm
  sendmodes::Init(env, exports);
  bsend::Init(env, exports);
  reductions::Init(env, exports);
  alltoallw::Init(env, exports);
  attributes::Init(env, exports);
  errhandler::Init(env, exports);
  errorcode::Init(env, exports);
  // --- topologies and neighbour collectives (issue 13): they add to exports.comm
  topology::Init(env, exports);
  neighbor::Init(env, exports);
  intercomm::Init(env, exports);  // adds to exports.comm
  spawn::Init(env, exports);
  message::Init(env, exports);
  request::Init(env, exports);
  prequest::Init(env, exports);  // after comm and request: adds to their groups
  grequest::Init(env, exports);
  progress::Init(env, exports);
  info::Init(env, exports);
  commcreate::Init(env, exports);  // after comm: adds to exports.comm
  session::Init(env, exports);
  win::Init(env, exports);
  file::Init(env, exports);
#ifdef MPI4JS_SANITIZER_SELF_TEST
  sanitizer_self_test::Init(env, exports);
#endif
  return exports;
}
}  // namespace mpi4js

static Napi::Object Init(Napi::Env env, Napi::Object exports) { return mpi4js::InitAddon(env, exports); }

NODE_API_MODULE(mpi4js, Init)
