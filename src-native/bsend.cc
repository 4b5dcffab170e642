// The buffer MPI's buffered sends (Bsend, Ibsend, bsend) copy into (issue 12,
// WP3): MPI.Attach_buffer / MPI.Detach_buffer, lib/bsend.ts. MPI writes into
// that memory from any later buffered send until it is detached, so the addon
// holds a reference to the JavaScript buffer (it cannot be collected) and pins
// its ArrayBuffer (it cannot be transferred or resized) for that whole time.
#include <mpi.h>
#include <napi.h>

#include <climits>
#include <string>

#include "addon.h"
#include "buffer.h"
#include "environment.h"
#include "errors.h"
#include "register.h"
#include "watchdog.h"

namespace mpi4js::bsend {

namespace {

using errors::Check;
using Info = Napi::CallbackInfo;

// (buf): any typed array, DataView or ArrayBuffer; MPI uses all its bytes.
Napi::Value AttachBuffer(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  Addon& addon = Addon::Of(env);
  buffer::Raw raw = buffer::ReadRaw(info, 0, "buf", true);
  if (raw.none || raw.in_place) throw Napi::TypeError::New(env, "Attach_buffer: buf must be a TypedArray, Buffer, DataView or ArrayBuffer");
  if (raw.bytes > static_cast<size_t>(INT_MAX)) {
    throw Napi::RangeError::New(env, "Attach_buffer: buf has " + std::to_string(raw.bytes) +
                                         " bytes; MPI_Buffer_attach takes at most 2**31-1");
  }
  // A second attach is MPI's error (ERR_BUFFER), raised before the reference is replaced.
  Check(env, MPI_Buffer_attach(raw.data, static_cast<int>(raw.bytes)), "MPI_Buffer_attach");
  addon.attached = Napi::Persistent(info[0]);
  return env.Undefined();
}

// () -> the bytes detached (0 when none was attached). Blocks until the
// buffered messages have left it, as MPI_Buffer_detach does.
Napi::Value DetachBuffer(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  void* ptr = nullptr;
  int size = 0;
  {
    watchdog::Scope scope("Detach_buffer", MPI_COMM_WORLD, watchdog::kNone, watchdog::kNone);
    Check(env, MPI_Buffer_detach(&ptr, &size), "MPI_Buffer_detach");
  }
  Addon::Of(env).attached.Reset();
  return Napi::Number::New(env, size);
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto b = Napi::Object::New(env);
  Register(env, b, "Attach_buffer", AttachBuffer);
  Register(env, b, "Detach_buffer", DetachBuffer);
  exports["bsend"] = b;
}

}  // namespace mpi4js::bsend
