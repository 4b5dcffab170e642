#include "environment.h"

#include "glibc_compat.h"  // before dlfcn.h: binds dl* to pre-2.34 versions

#include <dlfcn.h>
#include <mpi.h>

#include "datatype.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"
#include "op.h"
#include "progress.h"
#include "watchdog.h"

namespace mpi4js::environment {

namespace {

// MPI is one per process, so whether it may be called is too.
bool active = false;

// Open MPI dlopens its components, which expect libmpi's symbols in the global
// scope, but Node loads addons RTLD_LOCAL. Re-open libmpi RTLD_GLOBAL (it is
// already loaded, so NOLOAD) before MPI_Init, as mpi4py did.
void PromoteLibmpiToGlobal() {
  Dl_info where;
  if (dladdr(reinterpret_cast<void*>(&MPI_Init_thread), &where) && where.dli_fname &&
      dlopen(where.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD)) {
    return;
  }
  dlopen(MPI4JS_LIBMPI_SONAME, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
}

bool Initialized() {
  int flag = 0;
  MPI_Initialized(&flag);
  return flag != 0;
}

bool Finalized() {
  int flag = 0;
  MPI_Finalized(&flag);
  return flag != 0;
}

// After init: errors come back as codes (then MPI.Exception), never abort.
void Setup(napi_env env) {
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
  // Files' default (MPI's own at init; a program may change it on MPI.FILE_NULL).
  MPI_File_set_errhandler(MPI_FILE_NULL, MPI_ERRORS_RETURN);
  datatype::Setup(env);
  active = true;
}

// initThread(required) -> provided
Napi::Value InitThread(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  if (Finalized()) throw Napi::Error::New(env, "MPI has been finalized and cannot be initialized again");
  if (Initialized()) throw Napi::Error::New(env, "MPI is already initialized");
  PromoteLibmpiToGlobal();
  int provided = MPI_THREAD_SINGLE;
  errors::Check(env, MPI_Init_thread(nullptr, nullptr, IntArg(info, 0, "MPI_Init_thread", "required"), &provided), "MPI_Init_thread");
  Setup(env);
  watchdog::Start(provided);
  return Napi::Number::New(env, provided);
}

// adopt() -> whether MPI was already initialised (by another copy of mpi4js or
// another library) and is now usable here without MPI_Init. Its owner finalises
// it; the watchdog is not started (its thread would outlive that finalisation).
Napi::Value Adopt(const Napi::CallbackInfo& info) {
  if (active) return Napi::Boolean::New(info.Env(), true);
  if (!Initialized() || Finalized()) return Napi::Boolean::New(info.Env(), false);
  PromoteLibmpiToGlobal();
  Setup(info.Env());
  return Napi::Boolean::New(info.Env(), true);
}

void Finalize(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  if (!Initialized() || Finalized()) return;
  if (op::InUserOp(env)) EnsureActive(env);  // inside MPI, in a user op's function: refused
  progress::Stop(env);
  watchdog::Stop();
  active = false;
  errors::Check(env, MPI_Finalize(), "MPI_Finalize");
}

Napi::Value IsInitialized(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), Initialized()); }
Napi::Value IsFinalized(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), Finalized()); }

Napi::Value QueryThread(const Napi::CallbackInfo& info) {
  EnsureActive(info.Env());
  int level = 0;
  errors::Check(info.Env(), MPI_Query_thread(&level), "MPI_Query_thread");
  return Napi::Number::New(info.Env(), level);
}

Napi::Value IsThreadMain(const Napi::CallbackInfo& info) {
  EnsureActive(info.Env());
  int flag = 0;
  errors::Check(info.Env(), MPI_Is_thread_main(&flag), "MPI_Is_thread_main");
  return Napi::Boolean::New(info.Env(), flag != 0);
}

// Whether libmpi's symbols are in the global scope, where Open MPI's components look for them.
Napi::Value LibmpiIsGlobal(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), dlsym(RTLD_DEFAULT, "MPI_Comm_rank") != nullptr);
}

// Not among the calls MPI-3.1 §8.7 allows after MPI_Finalize (Open MPI returns 0 then).
Napi::Value Wtime(const Napi::CallbackInfo& info) {
  EnsureActive(info.Env());
  return Napi::Number::New(info.Env(), MPI_Wtime());
}
Napi::Value Wtick(const Napi::CallbackInfo& info) {
  EnsureActive(info.Env());
  return Napi::Number::New(info.Env(), MPI_Wtick());
}

Napi::Value ProcessorName(const Napi::CallbackInfo& info) {
  EnsureActive(info.Env());
  char name[MPI_MAX_PROCESSOR_NAME];
  int len = 0;
  errors::Check(info.Env(), MPI_Get_processor_name(name, &len), "MPI_Get_processor_name");
  return Napi::String::New(info.Env(), name, len);
}

Napi::Value Version(const Napi::CallbackInfo& info) {
  int version = 0, subversion = 0;
  MPI_Get_version(&version, &subversion);
  auto out = Napi::Array::New(info.Env(), 2);
  out[0u] = Napi::Number::New(info.Env(), version);
  out[1u] = Napi::Number::New(info.Env(), subversion);
  return out;
}

Napi::Value LibraryVersion(const Napi::CallbackInfo& info) {
  char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int len = 0;
  MPI_Get_library_version(text, &len);
  while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\0')) --len;
  return Napi::String::New(info.Env(), text, len);
}

Napi::Value ErrorClass(const Napi::CallbackInfo& info) {
  EnsureActive(info.Env());
  int error_class = 0;
  errors::Check(info.Env(), MPI_Error_class(IntArg(info, 0, "MPI_Error_class", "errorcode"), &error_class), "MPI_Error_class");
  return Napi::Number::New(info.Env(), error_class);
}

Napi::Value ErrorString(const Napi::CallbackInfo& info) {
  EnsureActive(info.Env());
  int rc = MPI_SUCCESS;
  std::string text = errors::Text(IntArg(info, 0, "MPI_Error_string", "errorcode"), &rc);
  errors::Check(info.Env(), rc, "MPI_Error_string");
  return Napi::String::New(info.Env(), text);
}

// tagUb() -> the TAG_UB attribute: the largest tag MPI accepts (the same on every communicator).
Napi::Value TagUb(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  EnsureActive(env);
  void* value = nullptr;
  int flag = 0;
  errors::Check(env, MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &value, &flag), "MPI_Comm_get_attr");
  // MPI guarantees at least 32767 when (never, in practice) the attribute is absent.
  return Napi::Number::New(env, flag ? *static_cast<int*>(value) : 32767);
}

// computeDims(nnodes, dims: Int32Array) -> number[]
Napi::Value ComputeDims(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  EnsureActive(env);  // Open MPI aborts the job on MPI_Dims_create after MPI_Finalize
  auto dims = info[1].As<Napi::Int32Array>();
  std::vector<int> d(dims.Data(), dims.Data() + dims.ElementLength());
  errors::Check(env, MPI_Dims_create(IntArg(info, 0, "MPI_Dims_create", "nnodes"), static_cast<int>(d.size()), d.data()), "MPI_Dims_create");
  auto out = Napi::Array::New(env, d.size());
  for (size_t i = 0; i < d.size(); ++i) out[i] = Napi::Number::New(env, d[i]);
  return out;
}

Napi::Object Constants(Napi::Env env) {
  auto c = Napi::Object::New(env);
#define MPI4JS_CONST(name) c[#name] = Napi::Number::New(env, MPI_##name);
  MPI4JS_CONST(ANY_SOURCE)
  MPI4JS_CONST(ANY_TAG)
  MPI4JS_CONST(PROC_NULL)
  MPI4JS_CONST(ROOT)
  MPI4JS_CONST(UNDEFINED)
  MPI4JS_CONST(BSEND_OVERHEAD)
  MPI4JS_CONST(THREAD_SINGLE)
  MPI4JS_CONST(THREAD_FUNNELED)
  MPI4JS_CONST(THREAD_SERIALIZED)
  MPI4JS_CONST(THREAD_MULTIPLE)
  MPI4JS_CONST(IDENT)
  MPI4JS_CONST(CONGRUENT)
  MPI4JS_CONST(SIMILAR)
  MPI4JS_CONST(UNEQUAL)
  MPI4JS_CONST(CART)
  MPI4JS_CONST(GRAPH)
  MPI4JS_CONST(DIST_GRAPH)
  MPI4JS_CONST(COMM_TYPE_SHARED)
  // --- info objects and communicator creation (issue 13): where the library lacks one, UNDEFINED (implementation.h)
  c["COMM_TYPE_HW_GUIDED"] = Napi::Number::New(env, MPI4JS_COMM_TYPE_HW_GUIDED);
  c["COMM_TYPE_HW_UNGUIDED"] = Napi::Number::New(env, MPI4JS_COMM_TYPE_HW_UNGUIDED);
  c["COMM_TYPE_RESOURCE_GUIDED"] = Napi::Number::New(env, MPI4JS_COMM_TYPE_RESOURCE_GUIDED);
  MPI4JS_CONST(MAX_INFO_KEY)
  MPI4JS_CONST(MAX_INFO_VAL)
  MPI4JS_CONST(MAX_OBJECT_NAME)
  MPI4JS_CONST(MAX_PROCESSOR_NAME)
  MPI4JS_CONST(MAX_ERROR_STRING)
  MPI4JS_CONST(MAX_LIBRARY_VERSION_STRING)
  MPI4JS_CONST(SUCCESS)
  MPI4JS_CONST(ERR_BUFFER)
  MPI4JS_CONST(ERR_COUNT)
  MPI4JS_CONST(ERR_TYPE)
  MPI4JS_CONST(ERR_TAG)
  MPI4JS_CONST(ERR_COMM)
  MPI4JS_CONST(ERR_RANK)
  MPI4JS_CONST(ERR_REQUEST)
  MPI4JS_CONST(ERR_ROOT)
  MPI4JS_CONST(ERR_GROUP)
  MPI4JS_CONST(ERR_OP)
  MPI4JS_CONST(ERR_TOPOLOGY)
  MPI4JS_CONST(ERR_DIMS)
  MPI4JS_CONST(ERR_ARG)
  MPI4JS_CONST(ERR_UNKNOWN)
  MPI4JS_CONST(ERR_TRUNCATE)
  MPI4JS_CONST(ERR_OTHER)
  MPI4JS_CONST(ERR_INTERN)
  MPI4JS_CONST(ERR_IN_STATUS)
  MPI4JS_CONST(ERR_PENDING)
  MPI4JS_CONST(ERR_ACCESS)
  MPI4JS_CONST(ERR_AMODE)
  MPI4JS_CONST(ERR_ASSERT)
  MPI4JS_CONST(ERR_BAD_FILE)
  MPI4JS_CONST(ERR_BASE)
  MPI4JS_CONST(ERR_CONVERSION)
  MPI4JS_CONST(ERR_DISP)
  MPI4JS_CONST(ERR_DUP_DATAREP)
  MPI4JS_CONST(ERR_FILE_EXISTS)
  MPI4JS_CONST(ERR_FILE_IN_USE)
  MPI4JS_CONST(ERR_FILE)
  MPI4JS_CONST(ERR_INFO_KEY)
  MPI4JS_CONST(ERR_INFO_NOKEY)
  MPI4JS_CONST(ERR_INFO_VALUE)
  MPI4JS_CONST(ERR_INFO)
  MPI4JS_CONST(ERR_IO)
  MPI4JS_CONST(ERR_KEYVAL)
  MPI4JS_CONST(ERR_LOCKTYPE)
  MPI4JS_CONST(ERR_NAME)
  MPI4JS_CONST(ERR_NO_MEM)
  MPI4JS_CONST(ERR_NOT_SAME)
  MPI4JS_CONST(ERR_NO_SPACE)
  MPI4JS_CONST(ERR_NO_SUCH_FILE)
  MPI4JS_CONST(ERR_PORT)
  MPI4JS_CONST(ERR_QUOTA)
  MPI4JS_CONST(ERR_READ_ONLY)
  MPI4JS_CONST(ERR_RMA_CONFLICT)
  MPI4JS_CONST(ERR_RMA_SYNC)
  MPI4JS_CONST(ERR_SERVICE)
  MPI4JS_CONST(ERR_SIZE)
  MPI4JS_CONST(ERR_SPAWN)
  MPI4JS_CONST(ERR_UNSUPPORTED_DATAREP)
  MPI4JS_CONST(ERR_UNSUPPORTED_OPERATION)
  MPI4JS_CONST(ERR_WIN)
  MPI4JS_CONST(ERR_LASTCODE)
  // --- datatypes (issue 12): constructor arguments and combiners
  MPI4JS_CONST(ORDER_C)
  MPI4JS_CONST(ORDER_FORTRAN)
  MPI4JS_CONST(DISTRIBUTE_NONE)
  MPI4JS_CONST(DISTRIBUTE_BLOCK)
  MPI4JS_CONST(DISTRIBUTE_CYCLIC)
  MPI4JS_CONST(DISTRIBUTE_DFLT_DARG)
  MPI4JS_CONST(TYPECLASS_INTEGER)
  MPI4JS_CONST(TYPECLASS_REAL)
  MPI4JS_CONST(TYPECLASS_COMPLEX)
#ifdef MPI_TYPECLASS_LOGICAL  // MPI 5.0
  MPI4JS_CONST(TYPECLASS_LOGICAL)
#else
  c["TYPECLASS_LOGICAL"] = Napi::Number::New(env, MPI_UNDEFINED);
#endif
  MPI4JS_CONST(COMBINER_NAMED)
  MPI4JS_CONST(COMBINER_DUP)
  MPI4JS_CONST(COMBINER_CONTIGUOUS)
  MPI4JS_CONST(COMBINER_VECTOR)
  MPI4JS_CONST(COMBINER_HVECTOR)
  MPI4JS_CONST(COMBINER_INDEXED)
  MPI4JS_CONST(COMBINER_HINDEXED)
  MPI4JS_CONST(COMBINER_INDEXED_BLOCK)
  MPI4JS_CONST(COMBINER_HINDEXED_BLOCK)
  MPI4JS_CONST(COMBINER_STRUCT)
  MPI4JS_CONST(COMBINER_SUBARRAY)
  MPI4JS_CONST(COMBINER_DARRAY)
  MPI4JS_CONST(COMBINER_RESIZED)
  MPI4JS_CONST(COMBINER_F90_INTEGER)
  MPI4JS_CONST(COMBINER_F90_REAL)
  MPI4JS_CONST(COMBINER_F90_COMPLEX)
#if MPI4JS_MPI41  // an enum in Open MPI, so the version tells, not #ifdef
  MPI4JS_CONST(COMBINER_VALUE_INDEX)
#else
  c["COMBINER_VALUE_INDEX"] = Napi::Number::New(env, MPI_UNDEFINED);
#endif
#undef MPI4JS_CONST
  return c;
}

}  // namespace

bool Active() { return active; }

void EnsureActive(Napi::Env env) {
  // JavaScript running inside MPI (a user op's function, op.h) must not call MPI again.
  if (op::InUserOp(env)) {
    throw Napi::Error::New(env, "MPI calls are not allowed inside a user-defined reduction operation's function");
  }
  if (active) return;
  throw Napi::Error::New(env, Finalized() ? "MPI has been finalized: no MPI call may follow MPI.Finalize()"
                                          : "MPI is not initialized: call MPI.Init() first");
}

void Init(Napi::Env env, Napi::Object exports) {
  auto e = Napi::Object::New(env);
  e["initThread"] = Napi::Function::New(env, InitThread);
  e["finalize"] = Napi::Function::New(env, Finalize);
  e["adopt"] = Napi::Function::New(env, Adopt);
  e["isInitialized"] = Napi::Function::New(env, IsInitialized);
  e["isFinalized"] = Napi::Function::New(env, IsFinalized);
  e["queryThread"] = Napi::Function::New(env, QueryThread);
  e["isThreadMain"] = Napi::Function::New(env, IsThreadMain);
  e["libmpiIsGlobal"] = Napi::Function::New(env, LibmpiIsGlobal);
  e["wtime"] = Napi::Function::New(env, Wtime);
  e["wtick"] = Napi::Function::New(env, Wtick);
  e["processorName"] = Napi::Function::New(env, ProcessorName);
  e["version"] = Napi::Function::New(env, Version);
  e["libraryVersion"] = Napi::Function::New(env, LibraryVersion);
  e["errorClass"] = Napi::Function::New(env, ErrorClass);
  e["errorString"] = Napi::Function::New(env, ErrorString);
  e["computeDims"] = Napi::Function::New(env, ComputeDims);
  e["tagUb"] = Napi::Function::New(env, TagUb);
  e["constants"] = Constants(env);
  auto built = Napi::Object::New(env);
  built["family"] = MPI4JS_FAMILY;
  built["major"] = Napi::Number::New(env, MPI4JS_BUILT_MAJOR);
  built["minor"] = Napi::Number::New(env, MPI4JS_BUILT_MINOR);
  built["release"] = Napi::Number::New(env, MPI4JS_BUILT_RELEASE);
  e["builtAgainst"] = built;
  // What the headers provide (implementation.h): lib/ refuses what is missing with NotImplementedError.
  auto features = Napi::Object::New(env);
  features["mpi4"] = Napi::Boolean::New(env, MPI4JS_MPI4);
  features["mpi41"] = Napi::Boolean::New(env, MPI4JS_MPI41);
  features["largeCount"] = Napi::Boolean::New(env, MPI4JS_LARGE_COUNT);
  e["features"] = features;
  exports["environment"] = e;
}

}  // namespace mpi4js::environment
