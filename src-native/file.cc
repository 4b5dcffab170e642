// Parallel I/O: MPI_File handles as ids in the Addon's file table, and the
// MPI_File_* calls lib/file.ts makes. Thin: lib/file.ts checks amodes, offsets,
// whence, options and the state of split collectives; the buffers go through
// buffer::Read (bounds, committed types, pinning of nonblocking ones).
#include <mpi.h>
#include <napi.h>

#include <optional>
#include <string>

#include "addon.h"
#include "buffer.h"
#include "call_args.h"
#include "datatype.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"
#include "integers.h"
#include "inuse.h"
#include "largecount.h"
#include "request.h"
#include "status.h"
#include "watchdog.h"

namespace mpi4js::file {

namespace {

using errors::Check;
using Info = Napi::CallbackInfo;
using largecount::Fit;
using Int = largecount::Int;
using watchdog::kNone;

// info[i] as an open file; MPI must be active. A closed file's id is stale:
// MPI.Exception ERR_FILE, as MPI gives for MPI_FILE_NULL.
MPI_File FileArg(const Info& info, size_t i = 0) {
  environment::EnsureActive(info.Env());
  return Addon::Of(info.Env()).files.Get(info.Env(), info[i]);
}

// An MPI_Offset exactly (lib/file.ts keeps it within ±(2**53-1)).
MPI_Offset OffsetArg(const Info& info, size_t i, const char* call, const char* what) {
  return ReadInteger<MPI_Offset>(info.Env(), info[i], call, what);
}

// The communicator the file was opened on while it is still live, for the
// watchdog's line and a request's origin; else MPI_COMM_NULL (it was freed).
MPI_Comm CommOf(Napi::Env env, MPI_File f) {
  auto& addon = Addon::Of(env);
  auto it = addon.file_comms.find(f);
  if (it == addon.file_comms.end() || addon.comms.IdOf(it->second) < 0) return MPI_COMM_NULL;
  return it->second;
}

// A collective file call blocks until its peers reach it: marked for the
// watchdog (its communicator named only when the watchdog is on, a table scan),
// and serving pending object receives as the communicator's collectives do.
struct Collective {
  Collective(Napi::Env env, const char* call, MPI_File f)
      : scope(call, watchdog::enabled.load(std::memory_order_relaxed) ? CommOf(env, f) : MPI_COMM_NULL, kNone, kNone),
        served(env) {}
  watchdog::Scope scope;
  request::ServedCollective served;
};

std::string StringArg(const Info& info, size_t i, const char* call, const char* what) {
  if (!info[i].IsString()) throw Napi::TypeError::New(info.Env(), std::string(call) + ": " + what + " must be a string");
  return info[i].As<Napi::String>();
}

// ---- file manipulation --------------------------------------------------------

// (comm, filename, amode, info) -> file id
Napi::Value Open(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = call_args::CommArg(info, 0);
  std::string name = StringArg(info, 1, "File.Open", "filename");
  int amode = IntArg(info, 2, "File.Open", "amode");
  MPI_Info hints = Addon::Of(env).infos.Get(env, info[3]);
  // Open reports its errors through MPI_FILE_NULL's handler (lib/file.ts); the
  // new file then reports through MPI_ERRORS_RETURN, whatever it inherited, as
  // mpi4py sets on every file it opens: its errors are MPI.Exception.
  MPI_File f = MPI_FILE_NULL;
  {
    watchdog::Scope scope("File.Open", comm, kNone, kNone);
    request::ServedCollective served(env);
    Check(env, MPI_File_open(comm, name.c_str(), amode, hints, &f), "MPI_File_open");
  }
#if MPI4JS_FILE_OPEN_TAKES_NO_ERRHANDLER_REF
  // The reference MPICH will drop at Close (implementation.h): Get's, kept on purpose.
  MPI_Errhandler inherited = MPI_ERRHANDLER_NULL;
  MPI_File_get_errhandler(f, &inherited);
#endif
  MPI_File_set_errhandler(f, MPI_ERRORS_RETURN);
  int32_t id = Addon::Of(env).files.Add(f);
  if (id < 0) {
    MPI_File_close(&f);
    throw Napi::RangeError::New(env, "File.Open: too many open files (2**20)");
  }
  Addon::Of(env).file_comms[f] = comm;
  return Napi::Number::New(env, id);
}

void Close(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_File& f = Addon::Of(env).files.Get(env, info[0]);
  MPI_File was = f;
  {
    Collective c(env, "File.Close", f);
    Check(env, MPI_File_close(&f), "MPI_File_close");
  }
  Addon::Of(env).file_comms.erase(was);
  Addon::Of(env).files.Remove(IdValue(env, info[0], "file"));
}

// (filename, info)
void Delete(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  std::string name = StringArg(info, 0, "File.Delete", "filename");
  MPI_Info hints = Addon::Of(env).infos.Get(env, info[1]);
  // Its errors go through MPI_FILE_NULL's handler (the program's default of files).
  Check(env, MPI_File_delete(name.c_str(), hints), "MPI_File_delete");
}

void SetSize(const Info& info) {
  MPI_File f = FileArg(info);
  MPI_Offset size = OffsetArg(info, 1, "File.Set_size", "size");
  Collective c(info.Env(), "File.Set_size", f);
  Check(info.Env(), MPI_File_set_size(f, size), "MPI_File_set_size");
}

void Preallocate(const Info& info) {
  MPI_File f = FileArg(info);
  MPI_Offset size = OffsetArg(info, 1, "File.Preallocate", "size");
  Collective c(info.Env(), "File.Preallocate", f);
  Check(info.Env(), MPI_File_preallocate(f, size), "MPI_File_preallocate");
}

Napi::Value GetSize(const Info& info) {
  MPI_Offset size = 0;
  Check(info.Env(), MPI_File_get_size(FileArg(info), &size), "MPI_File_get_size");
  return Napi::Number::New(info.Env(), static_cast<double>(size));
}

Napi::Value GetAmode(const Info& info) {
  int amode = 0;
  Check(info.Env(), MPI_File_get_amode(FileArg(info), &amode), "MPI_File_get_amode");
  return Napi::Number::New(info.Env(), amode);
}

Napi::Value GetGroup(const Info& info) {
  MPI_Group g = MPI_GROUP_NULL;
  Check(info.Env(), MPI_File_get_group(FileArg(info), &g), "MPI_File_get_group");
  return Napi::Number::New(info.Env(), Addon::Of(info.Env()).groups.Add(g));
}

void SetInfo(const Info& info) {
  auto env = info.Env();
  MPI_File f = FileArg(info);
  MPI_Info hints = Addon::Of(env).infos.Get(env, info[1]);
  Collective c(env, "File.Set_info", f);
  Check(env, MPI_File_set_info(f, hints), "MPI_File_set_info");
}

Napi::Value GetInfo(const Info& info) {
  MPI_Info out = MPI_INFO_NULL;
  Check(info.Env(), MPI_File_get_info(FileArg(info), &out), "MPI_File_get_info");
  return Napi::Number::New(info.Env(), Addon::Of(info.Env()).infos.Add(out));
}

// ---- views --------------------------------------------------------------------

// (file, disp, etype, filetype, datarep, info)
void SetView(const Info& info) {
  auto env = info.Env();
  MPI_File f = FileArg(info);
  MPI_Offset disp = OffsetArg(info, 1, "File.Set_view", "disp");
  MPI_Datatype etype = datatype::Get(env, info[2]).type;
  MPI_Datatype filetype = datatype::Get(env, info[3]).type;
  std::string datarep = StringArg(info, 4, "File.Set_view", "datarep");
  MPI_Info hints = Addon::Of(env).infos.Get(env, info[5]);
  Collective c(env, "File.Set_view", f);
  Check(env, MPI_File_set_view(f, disp, etype, filetype, datarep.c_str(), hints), "MPI_File_set_view");
}

// -> [disp, etype [id, shared, key], filetype [id, shared, key], datarep]
Napi::Value GetView(const Info& info) {
  auto env = info.Env();
  MPI_File f = FileArg(info);
  MPI_Offset disp = 0;
  MPI_Datatype etype = MPI_DATATYPE_NULL, filetype = MPI_DATATYPE_NULL;
  char datarep[MPI_MAX_DATAREP_STRING + 1] = {0};
  Check(env, MPI_File_get_view(f, &disp, &etype, &filetype, datarep), "MPI_File_get_view");
  datarep[MPI_MAX_DATAREP_STRING] = '\0';
  auto out = Napi::Array::New(env, 4);
  out[0u] = Napi::Number::New(env, static_cast<double>(disp));
  out[1u] = datatype::Returned(env, etype);
  out[2u] = datatype::Returned(env, filetype);
  out[3u] = Napi::String::New(env, datarep);
  return out;
}

Napi::Value GetTypeExtent(const Info& info) {
  auto env = info.Env();
  MPI_File f = FileArg(info);
  MPI_Aint extent = 0;
  Check(env, MPI_File_get_type_extent(f, datatype::Get(env, info[1]).type, &extent), "MPI_File_get_type_extent");
  return Napi::Number::New(env, static_cast<double>(extent));
}

// ---- positioning --------------------------------------------------------------

void Seek(const Info& info) {
  MPI_File f = FileArg(info);
  Check(info.Env(), MPI_File_seek(f, OffsetArg(info, 1, "File.Seek", "offset"), IntArg(info, 2, "File.Seek", "whence")),
        "MPI_File_seek");
}

Napi::Value GetPosition(const Info& info) {
  MPI_Offset offset = 0;
  Check(info.Env(), MPI_File_get_position(FileArg(info), &offset), "MPI_File_get_position");
  return Napi::Number::New(info.Env(), static_cast<double>(offset));
}

Napi::Value GetByteOffset(const Info& info) {
  MPI_File f = FileArg(info);
  MPI_Offset disp = 0;
  Check(info.Env(), MPI_File_get_byte_offset(f, OffsetArg(info, 1, "File.Get_byte_offset", "offset"), &disp),
        "MPI_File_get_byte_offset");
  return Napi::Number::New(info.Env(), static_cast<double>(disp));
}

void SeekShared(const Info& info) {
  MPI_File f = FileArg(info);
  MPI_Offset offset = OffsetArg(info, 1, "File.Seek_shared", "offset");
  int whence = IntArg(info, 2, "File.Seek_shared", "whence");
  Collective c(info.Env(), "File.Seek_shared", f);
  Check(info.Env(), MPI_File_seek_shared(f, offset, whence), "MPI_File_seek_shared");
}

Napi::Value GetPositionShared(const Info& info) {
  MPI_Offset offset = 0;
  Check(info.Env(), MPI_File_get_position_shared(FileArg(info), &offset), "MPI_File_get_position_shared");
  return Napi::Number::New(info.Env(), static_cast<double>(offset));
}

// ---- consistency ----------------------------------------------------------------

void SetAtomicity(const Info& info) {
  MPI_File f = FileArg(info);
  int flag = info[1].ToBoolean().Value() ? 1 : 0;
  Collective c(info.Env(), "File.Set_atomicity", f);
  Check(info.Env(), MPI_File_set_atomicity(f, flag), "MPI_File_set_atomicity");
}

Napi::Value GetAtomicity(const Info& info) {
  int flag = 0;
  Check(info.Env(), MPI_File_get_atomicity(FileArg(info), &flag), "MPI_File_get_atomicity");
  return Napi::Boolean::New(info.Env(), flag != 0);
}

void Sync(const Info& info) {
  MPI_File f = FileArg(info);
  Collective c(info.Env(), "File.Sync", f);
  Check(info.Env(), MPI_File_sync(f), "MPI_File_sync");
}

// ---- data access ------------------------------------------------------------------
//
// Every routine takes (file, [offset,] view, count, datatype, [status]); the
// call's name (the function's data) names it in buffer errors and marks the
// nonblocking ones (File.I…) for pinning.

enum Kind { kIndependent, kCollective };

struct Access {
  MPI_File f;
  MPI_Offset offset;
  buffer::Msg m;
  size_t next;  // the index after the triple
};

Access ReadAccess(const Info& info, bool at, const char* call, bool pin = false) {
  MPI_File f = FileArg(info);
  MPI_Offset offset = at ? OffsetArg(info, 1, call, "offset") : 0;
  size_t i = at ? 2 : 1;
  return Access{f, offset, buffer::Read(info, i, "buf", 1, pin), i + 3};
}

// Blocking: fn(file, offset, ptr, count, type, status).
template <typename Fn>
void Blocking(const Info& info, bool at, Kind kind, const char* call, const char* mpi, Fn fn) {
  auto env = info.Env();
  Access a = ReadAccess(info, at, call);
  MPI_Status* st = status::Read(env, info[a.next]);
  Fit fit(env, a.m, call);
  std::optional<Collective> c;
  if (kind == kCollective) c.emplace(env, call, a.f);
  Check(env, fn(a.f, a.offset, a.m.ptr, fit.count, fit.type, st), mpi);
}

// Nonblocking: fn(file, offset, ptr, count, type, &request); the request keeps the buffer alive.
template <typename Fn>
Napi::Value Nonblocking(const Info& info, bool at, const char* call, const char* mpi, Fn fn) {
  auto env = info.Env();
  Access a = ReadAccess(info, at, call);
  Fit fit(env, a.m, call);
  MPI_Request req = MPI_REQUEST_NULL;
  Check(env, fn(a.f, a.offset, a.m.ptr, fit.count, fit.type, &req), mpi);
  return call_args::NewRequest(info, req, request::Origin{call, CommOf(env, a.f)}, {info[at ? 2 : 1]});
}

// Split collective begin: fn(file, offset, ptr, count, type). MPI keeps the
// pointer until the end call: pinned here, held alive by lib/file.ts, and
// recorded as memory in use (inuse.h: a window's memory is not freed under it).
template <typename Fn>
void Begin(const Info& info, bool at, const char* call, const char* mpi, Fn fn) {
  auto env = info.Env();
  Access a = ReadAccess(info, at, call, true);
  Fit fit(env, a.m, call);
  Collective c(env, call, a.f);
  Check(env, fn(a.f, a.offset, a.m.ptr, fit.count, fit.type), mpi);
  inuse::Hold(env, reinterpret_cast<const void*>(a.f), call, info[at ? 2 : 1]);
}

// Split collective end: (file, view, count, datatype, status); fn(file, ptr, status).
template <typename Fn>
void End(const Info& info, const char* call, const char* mpi, Fn fn) {
  auto env = info.Env();
  Access a = ReadAccess(info, false, call);
  MPI_Status* st = status::Read(env, info[a.next]);
  Collective c(env, call, a.f);
  Check(env, fn(a.f, a.m.ptr, st), mpi);
  inuse::Release(env, reinterpret_cast<const void*>(a.f));
}

// ---- data representations -------------------------------------------------------------
//
// mpi4js never runs JavaScript inside MPI's data conversions: neither ROMIO
// (MPICH) nor ompio (Open MPI 4.1) calls user conversion functions (both refuse
// them at registration), so no such path could be tested, and a conversion a
// library ran from a nonblocking access's progress (another thread, or no
// JavaScript frame) could not run JavaScript at all. What MPI is given instead
// refuses every conversion with MPI_ERR_CONVERSION: the library's own verdict
// on the registration comes back, and a library that did convert would fail
// the access with that class instead of touching memory.
int RefuseConversion(void*, MPI_Datatype, int, void*, MPI_Offset, void*) { return MPI_ERR_CONVERSION; }
int RefuseExtent(MPI_Datatype, MPI_Aint*, void*) { return MPI_ERR_CONVERSION; }

// (datarep, conversions): MPI_Register_datarep, with conversion functions when
// the caller gave some (lib/file.ts checks the name: no NUL, MAX_DATAREP_STRING bytes).
void RegisterDatarep(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  std::string name = StringArg(info, 0, "Register_datarep", "datarep");
  bool conversions = info[1].ToBoolean().Value();
  MPI_Datarep_conversion_function* convert = conversions ? RefuseConversion : MPI_CONVERSION_FN_NULL;
  // Its errors are reported through MPI_FILE_NULL's handler (the program's default of files).
  Check(env, MPI_Register_datarep(name.c_str(), convert, convert, RefuseExtent, nullptr), "MPI_Register_datarep");
}

// Live files in the table, the null one included (tests of leaks).
Napi::Value Live(const Info& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Addon::Of(info.Env()).files.Count()));
}

Napi::Object Constants(Napi::Env env) {
  auto c = Napi::Object::New(env);
#define MPI4JS_CONST(name) c[#name] = Napi::Number::New(env, static_cast<double>(MPI_##name));
  MPI4JS_CONST(MODE_RDONLY)
  MPI4JS_CONST(MODE_WRONLY)
  MPI4JS_CONST(MODE_RDWR)
  MPI4JS_CONST(MODE_CREATE)
  MPI4JS_CONST(MODE_EXCL)
  MPI4JS_CONST(MODE_DELETE_ON_CLOSE)
  MPI4JS_CONST(MODE_UNIQUE_OPEN)
  MPI4JS_CONST(MODE_SEQUENTIAL)
  MPI4JS_CONST(MODE_APPEND)
  MPI4JS_CONST(SEEK_SET)
  MPI4JS_CONST(SEEK_CUR)
  MPI4JS_CONST(SEEK_END)
  MPI4JS_CONST(DISPLACEMENT_CURRENT)
  MPI4JS_CONST(MAX_DATAREP_STRING)
#undef MPI4JS_CONST
  return c;
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto o = Napi::Object::New(env);
  // The name rides along as the function's data: buffer::Read names the call in its errors.
  auto add = [&](const char* name, auto fn) { o[name] = Napi::Function::New(env, fn, name, const_cast<char*>(name)); };
  add("open", Open);
  add("close", Close);
  add("delete", Delete);
  add("setSize", SetSize);
  add("preallocate", Preallocate);
  add("getSize", GetSize);
  add("getAmode", GetAmode);
  add("getGroup", GetGroup);
  add("setInfo", SetInfo);
  add("getInfo", GetInfo);
  add("setView", SetView);
  add("getView", GetView);
  add("getTypeExtent", GetTypeExtent);
  add("seek", Seek);
  add("getPosition", GetPosition);
  add("getByteOffset", GetByteOffset);
  add("seekShared", SeekShared);
  add("getPositionShared", GetPositionShared);
  add("setAtomicity", SetAtomicity);
  add("getAtomicity", GetAtomicity);
  add("sync", Sync);
  add("live", Live);
  add("registerDatarep", RegisterDatarep);

  // Blocking, individual and collective.
#define BLOCKING(js, at, kind, mpi, ...)                                                                     \
  add("File." #js, [](const Info& info) {                                                                   \
    Blocking(info, at, kind, "File." #js, #mpi,                                                              \
             [](MPI_File f, MPI_Offset off, void* p, Int n, MPI_Datatype t, MPI_Status* st) {                 \
               (void)off;                                                                                   \
               return MPI4JS_C(mpi)(f, __VA_ARGS__ p, n, t, st);                                            \
             });                                                                                            \
  });
  BLOCKING(Read, false, kIndependent, MPI_File_read, )
  BLOCKING(Read_all, false, kCollective, MPI_File_read_all, )
  BLOCKING(Read_at, true, kIndependent, MPI_File_read_at, off,)
  BLOCKING(Read_at_all, true, kCollective, MPI_File_read_at_all, off,)
  BLOCKING(Read_shared, false, kIndependent, MPI_File_read_shared, )
  BLOCKING(Read_ordered, false, kCollective, MPI_File_read_ordered, )
  BLOCKING(Write, false, kIndependent, MPI_File_write, )
  BLOCKING(Write_all, false, kCollective, MPI_File_write_all, )
  BLOCKING(Write_at, true, kIndependent, MPI_File_write_at, off,)
  BLOCKING(Write_at_all, true, kCollective, MPI_File_write_at_all, off,)
  BLOCKING(Write_shared, false, kIndependent, MPI_File_write_shared, )
  BLOCKING(Write_ordered, false, kCollective, MPI_File_write_ordered, )
#undef BLOCKING

  // Nonblocking: awaitable requests (lib/file.ts wraps them in MPI.Request).
#define NONBLOCKING(js, at, mpi, ...)                                                          \
  add("File." #js, [](const Info& info) {                                                     \
    return Nonblocking(info, at, "File." #js, #mpi,                                            \
                       [](MPI_File f, MPI_Offset off, void* p, Int n, MPI_Datatype t, MPI_Request* r) { \
                         (void)off;                                                           \
                         return MPI4JS_C(mpi)(f, __VA_ARGS__ p, n, t, r);                     \
                       });                                                                    \
  });
  NONBLOCKING(Iread, false, MPI_File_iread, )
  NONBLOCKING(Iread_all, false, MPI_File_iread_all, )
  NONBLOCKING(Iread_at, true, MPI_File_iread_at, off,)
  NONBLOCKING(Iread_at_all, true, MPI_File_iread_at_all, off,)
  NONBLOCKING(Iread_shared, false, MPI_File_iread_shared, )
  NONBLOCKING(Iwrite, false, MPI_File_iwrite, )
  NONBLOCKING(Iwrite_all, false, MPI_File_iwrite_all, )
  NONBLOCKING(Iwrite_at, true, MPI_File_iwrite_at, off,)
  NONBLOCKING(Iwrite_at_all, true, MPI_File_iwrite_at_all, off,)
  NONBLOCKING(Iwrite_shared, false, MPI_File_iwrite_shared, )
#undef NONBLOCKING

  // Split collectives: begin (MPI keeps the buffer) and end.
#define BEGIN(js, at, mpi, ...)                                                                 \
  add("File." #js, [](const Info& info) {                                                      \
    Begin(info, at, "File." #js, #mpi, [](MPI_File f, MPI_Offset off, void* p, Int n, MPI_Datatype t) { \
      (void)off;                                                                                \
      return MPI4JS_C(mpi)(f, __VA_ARGS__ p, n, t);                                            \
    });                                                                                         \
  });
#define END(js, mpi)                                                                            \
  add("File." #js, [](const Info& info) {                                                      \
    End(info, "File." #js, #mpi, [](MPI_File f, void* p, MPI_Status* st) { return mpi(f, p, st); }); \
  });
  BEGIN(Read_all_begin, false, MPI_File_read_all_begin, )
  END(Read_all_end, MPI_File_read_all_end)
  BEGIN(Read_at_all_begin, true, MPI_File_read_at_all_begin, off,)
  END(Read_at_all_end, MPI_File_read_at_all_end)
  BEGIN(Read_ordered_begin, false, MPI_File_read_ordered_begin, )
  END(Read_ordered_end, MPI_File_read_ordered_end)
  BEGIN(Write_all_begin, false, MPI_File_write_all_begin, )
  END(Write_all_end, MPI_File_write_all_end)
  BEGIN(Write_at_all_begin, true, MPI_File_write_at_all_begin, off,)
  END(Write_at_all_end, MPI_File_write_at_all_end)
  BEGIN(Write_ordered_begin, false, MPI_File_write_ordered_begin, )
  END(Write_ordered_end, MPI_File_write_ordered_end)
#undef BEGIN
#undef END

  o["constants"] = Constants(env);
  exports["file"] = o;
}

}  // namespace mpi4js::file
