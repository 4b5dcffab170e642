// The addon's entry point: each file registers the calls of its MPI object.
#include <napi.h>

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
namespace status { void Init(Napi::Env, Napi::Object); }

Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  environment::Init(env, exports);
  errors::Init(env, exports);
  buffer::Init(env, exports);
  datatype::Init(env, exports);
  status::Init(env, exports);
  op::Init(env, exports);
  group::Init(env, exports);
  comm::Init(env, exports);
  message::Init(env, exports);
  request::Init(env, exports);
  progress::Init(env, exports);
  return exports;
}
}  // namespace mpi4js

static Napi::Object Init(Napi::Env env, Napi::Object exports) { return mpi4js::InitAddon(env, exports); }

NODE_API_MODULE(mpi4js, Init)
