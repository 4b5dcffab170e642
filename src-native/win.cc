// Windows of one-sided communication: ids into the window table (win.h), and
// the MPI_Win_* calls, RMA operations and synchronizations lib/win.ts needs.
// lib/win.ts resolves mpi4py's argument forms; this side checks what memory is
// touched — the origin against its typed array (buffer::Read), the target
// against the window's size at that rank, gathered at creation — and keeps
// every buffer MPI may still use alive until the synchronization that completes it.
#include "win.h"

#include <mpi.h>
#include <napi.h>

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include "addon.h"
#include "buffer.h"
#include "call_args.h"
#include "datatype.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "integers.h"
#include "request.h"
#include "watchdog.h"

namespace mpi4js::win {

namespace {

using call_args::CommArg;
using call_args::NewRequest;
using call_args::OpArg;
using errors::Check;
using errors::ThrowDetail;
using Info = Napi::CallbackInfo;
using Blocking = watchdog::Scope;
using watchdog::kNone;

// The call's name, the function's data (set where it is registered).
const char* Call(const Info& info) { return static_cast<const char*>(info.Data()); }

// The window at info[i], not being freed (Named's errors otherwise).
Window& WinArg(const Info& info, size_t i = 0) {
  auto env = info.Env();
  environment::EnsureActive(env);
  Window& w = Named(env, info[i], Call(info));
  if (w.freeing) ThrowDetail(env, MPI_ERR_WIN, Call(info), "the window is being freed (an attribute's delete_fn runs)");
  return w;
}

void Unref(napi_env env, napi_ref ref) {
  if (ref) napi_delete_reference(env, ref);
}

napi_ref Keep(napi_env env, napi_value v) {
  napi_ref ref = nullptr;
  napi_create_reference(env, v, 1, &ref);
  return ref;
}

int GroupSize(Napi::Env env, MPI_Comm comm) { return call_args::Size(env, comm); }

// A new window's entry: errors returned (not fatal), a Dup of comm for the
// watchdog, every rank's size and displacement unit, and its memory held.
// Collective, as the creation call that precedes it.
Napi::Value Register(const Info& info, MPI_Win handle, MPI_Comm comm, int64_t size, int64_t unit, napi_value memory) {
  auto env = info.Env();
  auto w = new Window();
  w->win = handle;
  MPI_Win_set_errhandler(handle, MPI_ERRORS_RETURN);
  int rc = MPI_Comm_dup(comm, &w->comm);
  int n = GroupSize(env, comm);
  int64_t mine[2] = {size, unit};
  w->sizes.assign(n, 0);
  std::vector<int64_t> all(2 * static_cast<size_t>(n));
  if (rc == MPI_SUCCESS) {
    MPI_Comm_set_errhandler(w->comm, MPI_ERRORS_RETURN);
    char name[MPI_MAX_OBJECT_NAME] = "";
    int len = 0;
    MPI_Comm_get_name(comm, name, &len);
    std::string named = std::string(len ? name : "a communicator") + " (a window's)";
    MPI_Comm_set_name(w->comm, named.c_str());
    rc = MPI_Allgather(mine, 2, MPI_INT64_T, all.data(), 2, MPI_INT64_T, w->comm);
  }
  if (rc != MPI_SUCCESS) {
    MPI_Win_free(&w->win);
    if (w->comm != MPI_COMM_NULL) MPI_Comm_free(&w->comm);
    delete w;
    errors::Throw(env, rc, "MPI_Comm_dup");
  }
  w->units.assign(n, 1);
  for (int r = 0; r < n; ++r) {
    w->sizes[r] = all[2 * r];
    w->units[r] = all[2 * r + 1];
  }
  int* flavor = nullptr;
  int flag = 0;
  MPI_Win_get_attr(handle, MPI_WIN_CREATE_FLAVOR, &flavor, &flag);
  w->flavor = flag && flavor ? *flavor : MPI_WIN_FLAVOR_CREATE;
  if (memory) w->memory.emplace_back(nullptr, Keep(env, memory));
  int32_t id = Addon::Of(env).wins.slots.Add(w);
  if (id < 0) {
    MPI_Win_free(&w->win);
    MPI_Comm_free(&w->comm);
    delete w;
    throw Napi::RangeError::New(env, std::string(Call(info)) + ": too many windows");
  }
  return Napi::Number::New(env, id);
}

MPI_Info InfoArg(const Info& info, size_t i) { return Addon::Of(info.Env()).infos.Get(info.Env(), info[i]); }

// ---- creation ----------------------------------------------------------------

// (memory | null, disp_unit, info, comm): memory is pinned (never resizable nor transferable) and held until Free.
Napi::Value Create(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info, 3);
  buffer::Raw m = buffer::ReadRaw(info, 0, "memory", true);
  if (m.in_place) throw Napi::TypeError::New(env, "Win.Create: memory cannot be MPI.IN_PLACE");
  int unit = ReadInteger<int>(env, info[1], "Win.Create", "disp_unit", 1, INT32_MAX);
  MPI_Info inf = InfoArg(info, 2);
  MPI_Win w = MPI_WIN_NULL;
  // (MPI_Aint is 32 bits on armv7: a view it cannot hold is refused, never wrapped.)
  if (!m.none && m.bytes > static_cast<size_t>(std::numeric_limits<MPI_Aint>::max())) {
    throw Napi::RangeError::New(env, "Win.Create: memory of " + std::to_string(m.bytes) + " bytes is larger than an MPI_Aint holds");
  }
  void* base = m.none ? MPI_BOTTOM : m.data;
  MPI_Aint bytes = m.none ? 0 : static_cast<MPI_Aint>(m.bytes);
  Check(env, MPI_Win_create(base, bytes, unit, inf, comm, &w), "MPI_Win_create");
  return Register(info, w, comm, static_cast<int64_t>(bytes), unit, m.none ? nullptr : static_cast<napi_value>(info[0]));
}

// (size, disp_unit, info, comm, shared)
Napi::Value Allocate(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info, 3);
  bool shared = info[4].ToBoolean();
  const char* call = shared ? "Win.Allocate_shared" : "Win.Allocate";
  MPI_Aint size = ReadInteger<MPI_Aint>(env, info[0], call, "size", 0, std::numeric_limits<MPI_Aint>::max());
  int unit = ReadInteger<int>(env, info[1], call, "disp_unit", 1, INT32_MAX);
  MPI_Info inf = InfoArg(info, 2);
  MPI_Win w = MPI_WIN_NULL;
  void* base = nullptr;
  if (shared) {
    Check(env, MPI_Win_allocate_shared(size, unit, inf, comm, &base, &w), "MPI_Win_allocate_shared");
  } else {
    Check(env, MPI_Win_allocate(size, unit, inf, comm, &base, &w), "MPI_Win_allocate");
  }
  return Register(info, w, comm, size, unit, nullptr);
}

// (info, comm)
Napi::Value CreateDynamic(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info, 1);
  MPI_Info inf = InfoArg(info, 0);
  MPI_Win w = MPI_WIN_NULL;
  Check(env, MPI_Win_create_dynamic(inf, comm, &w), "MPI_Win_create_dynamic");
  return Register(info, w, comm, 0, 1, nullptr);
}

// An ArrayBuffer over memory MPI owns, detached when the window is freed.
napi_value External(Napi::Env env, Window& w, void* base, int64_t bytes) {
  napi_value ab = nullptr;
  if (!base || bytes <= 0) return Napi::ArrayBuffer::New(env, 0);
  if (napi_create_external_arraybuffer(env, base, static_cast<size_t>(bytes), nullptr, nullptr, &ab) != napi_ok) {
    throw Napi::Error::New(env, "Win.tomemory: this JavaScript engine refuses ArrayBuffers over external memory");
  }
  // Forget the views already collected, then remember this one (weakly).
  auto& views = w.views;
  views.erase(std::remove_if(views.begin(), views.end(),
                             [&](napi_ref ref) {
                               napi_value v = nullptr;
                               if (napi_get_reference_value(env, ref, &v) == napi_ok && v) return false;
                               napi_delete_reference(env, ref);
                               return true;
                             }),
              views.end());
  napi_ref ref = nullptr;
  napi_create_reference(env, ab, 0, &ref);
  views.push_back(ref);
  inuse::Range r{reinterpret_cast<uintptr_t>(base), static_cast<size_t>(bytes)};
  auto same = [&](const inuse::Range& x) { return x.begin == r.begin && x.bytes == r.bytes; };
  if (std::none_of(w.regions.begin(), w.regions.end(), same)) w.regions.push_back(r);
  return ab;
}

// (win) -> the window's own memory as an ArrayBuffer (Allocate, Allocate_shared), or undefined (Create, dynamic: lib/win.ts's).
Napi::Value Memory(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  if (w.flavor != MPI_WIN_FLAVOR_ALLOCATE && w.flavor != MPI_WIN_FLAVOR_SHARED) return env.Undefined();
  void* base = nullptr;
  MPI_Aint* size = nullptr;
  int flag = 0;
  Check(env, MPI_Win_get_attr(w.win, MPI_WIN_BASE, &base, &flag), "MPI_Win_get_attr");
  Check(env, MPI_Win_get_attr(w.win, MPI_WIN_SIZE, &size, &flag), "MPI_Win_get_attr");
  return Napi::Value(env, External(env, w, base, flag && size ? *size : 0));
}

// (win, rank) -> [ArrayBuffer, disp_unit]
Napi::Value SharedQuery(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  int rank = IntArg(info, 1, "Win.Shared_query", "rank");
  MPI_Aint size = 0;
  int unit = 1;
  void* base = nullptr;
  Check(env, MPI_Win_shared_query(w.win, rank, &size, &unit, &base), "MPI_Win_shared_query");
  auto out = Napi::Array::New(env, 2);
  out[0u] = Napi::Value(env, External(env, w, base, size));
  out[1u] = Napi::Number::New(env, unit);
  return out;
}

// (win, memory): held until Detach or Free.
void Attach(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  buffer::Raw m = buffer::ReadRaw(info, 1, "memory", true);
  if (m.none || m.in_place) throw Napi::TypeError::New(env, "Win.Attach: memory must be a TypedArray, Buffer or DataView");
  if (m.bytes > static_cast<size_t>(std::numeric_limits<MPI_Aint>::max())) {
    throw Napi::RangeError::New(env, "Win.Attach: memory of " + std::to_string(m.bytes) + " bytes is larger than an MPI_Aint holds");
  }
  Check(env, MPI_Win_attach(w.win, m.data, static_cast<MPI_Aint>(m.bytes)), "MPI_Win_attach");
  w.memory.emplace_back(m.data, Keep(env, info[1]));
}

void Detach(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  buffer::Raw m = buffer::ReadRaw(info, 1, "memory", false);
  if (m.none || m.in_place) throw Napi::TypeError::New(env, "Win.Detach: memory must be a TypedArray, Buffer or DataView");
  Check(env, MPI_Win_detach(w.win, m.data), "MPI_Win_detach");
  for (auto it = w.memory.begin(); it != w.memory.end(); ++it) {
    if (it->first == m.data) {
      Unref(env, it->second);
      w.memory.erase(it);
      break;
    }
  }
}

// MPI frees the memory of an Allocate or Allocate_shared window with it: while
// a view of it is still MPI's to read or write — a pending request's buffer,
// another window's memory, a begun split collective's — Free is refused, and on
// every rank alike (a rank that went on into MPI_Win_free would wait for the
// others forever), by one Allreduce of the lowest rank that refuses.
void CheckUnused(const Info& info, Window& w) {
  if (w.flavor != MPI_WIN_FLAVOR_ALLOCATE && w.flavor != MPI_WIN_FLAVOR_SHARED) return;  // the user's memory: not freed
  auto env = info.Env();
  std::string user = inuse::User(env, w.regions);
  int n = static_cast<int>(w.sizes.size()), me = 0;
  MPI_Comm_rank(w.comm, &me);
  int mine = user.empty() ? n : me, first = n;
  int rc;
  {
    Blocking scope("Win.Free", w.comm, kNone, kNone);
    request::ServedCollective served(env);
    rc = MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, w.comm);
  }
  Check(env, rc, "MPI_Allreduce");
  if (first == n) return;
  if (!user.empty()) {
    ThrowDetail(env, MPI_ERR_OTHER, "Win.Free",
                "the window's memory (a view of it: tomemory() or Shared_query) is still in use by " + user +
                    "; MPI would free it under that use: the window is not freed, on any rank");
  }
  ThrowDetail(env, MPI_ERR_OTHER, "Win.Free",
              "rank " + std::to_string(first) + " of the window still uses its memory (a pending request, window or file access "
              "over a view of it): the window is not freed, on any rank");
}

// (win): collective, so it waits for the others (the watchdog's). Then every
// view over MPI's memory is detached and what the window held is let go.
void Free(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  CheckUnused(info, w);
  // Memory still attached to a dynamic window is detached first: Open MPI 4.1's
  // osc/ucx crashes freeing a window whose regions share a page with one detached before.
  for (auto& m : w.memory) {
    if (m.first && MPI_Win_detach(w.win, m.first) == MPI_SUCCESS) m.first = nullptr;
  }
  {
    Blocking scope("Win.Free", w.comm, kNone, kNone);
    request::ServedCollective served(env);
    w.freeing = true;
    int rc = MPI_Win_free(&w.win);
    w.freeing = false;
    Check(env, rc, "MPI_Win_free");
  }
  for (napi_ref ref : w.views) {
    napi_value v = nullptr;
    if (napi_get_reference_value(env, ref, &v) == napi_ok && v) napi_detach_arraybuffer(env, v);
    napi_delete_reference(env, ref);
  }
  for (auto& m : w.memory) Unref(env, m.second);
  for (auto& p : w.pending) Unref(env, p.second);
  if (w.comm != MPI_COMM_NULL) {
    // Requests made on the window (Rput, …) name its communicator: not once it is freed.
    request::FailReceivesOn(env, w.comm);
    MPI_Comm_free(&w.comm);
  }
  Addon::Of(env).wins.slots.Remove(IdValue(env, info[0], "window"));
  delete &w;
}

// ---- queries -----------------------------------------------------------------

// (win, keyval) -> the predefined attribute's value, or undefined when unset.
Napi::Value GetAttr(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  int keyval = IntArg(info, 1, "Win.Get_attr", "keyval");
  void* value = nullptr;
  int flag = 0;
  bool predefined = keyval == MPI_WIN_BASE || keyval == MPI_WIN_SIZE || keyval == MPI_WIN_DISP_UNIT ||
                    keyval == MPI_WIN_CREATE_FLAVOR || keyval == MPI_WIN_MODEL;
  if (!predefined) {
    ThrowDetail(env, MPI_ERR_KEYVAL, "Win.Get_attr",
                "keyval " + std::to_string(keyval) + " is not a window attribute (WIN_BASE, WIN_SIZE, WIN_DISP_UNIT, WIN_CREATE_FLAVOR, WIN_MODEL)");
  }
  Check(env, MPI_Win_get_attr(w.win, keyval, &value, &flag), "MPI_Win_get_attr");
  if (!flag) return env.Undefined();
  if (keyval == MPI_WIN_BASE) return Napi::Number::New(env, static_cast<double>(reinterpret_cast<uintptr_t>(value)));
  if (!value) return Napi::Number::New(env, 0);
  if (keyval == MPI_WIN_SIZE) return Napi::Number::New(env, static_cast<double>(*static_cast<MPI_Aint*>(value)));
  return Napi::Number::New(env, *static_cast<int*>(value));
}

Napi::Value GetGroup(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  MPI_Group g = MPI_GROUP_NULL;
  Check(env, MPI_Win_get_group(w.win, &g), "MPI_Win_get_group");
  return Napi::Number::New(env, Addon::Of(env).groups.Add(g));
}

void SetInfo(const Info& info) {
  Window& w = WinArg(info);
  Check(info.Env(), MPI_Win_set_info(w.win, InfoArg(info, 1)), "MPI_Win_set_info");
}

Napi::Value GetInfo(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  MPI_Info out = MPI_INFO_NULL;
  Check(env, MPI_Win_get_info(w.win, &out), "MPI_Win_get_info");
  return Napi::Number::New(env, Addon::Of(env).infos.Add(out));
}

Napi::Value GetName(const Info& info) {
  Window& w = WinArg(info);
  char name[MPI_MAX_OBJECT_NAME + 1] = "";
  int len = 0;
  Check(info.Env(), MPI_Win_get_name(w.win, name, &len), "MPI_Win_get_name");
  return Napi::String::New(info.Env(), name, static_cast<size_t>(len));
}

// (win, name): checked (length, no NUL) by lib/win.ts.
void SetName(const Info& info) {
  Window& w = WinArg(info);
  std::string name = info[1].As<Napi::String>();
  Check(info.Env(), MPI_Win_set_name(w.win, name.c_str()), "MPI_Win_set_name");
}

// ---- operations ----------------------------------------------------------------

// The target of an operation: the rank at info[rank_i] must be in the window's
// group (or PROC_NULL), and, but in a dynamic window, `count` items of the
// datatype `type` at the displacement info[disp_i] inside its window there.
struct Target {
  int rank;
  MPI_Aint disp;
  int count;
  MPI_Datatype type;
};

Target ReadTarget(const Info& info, const Window& w, size_t rank_i, size_t disp_i, int count, const Napi::Value& type) {
  auto env = info.Env();
  const char* call = Call(info);
  int rank = IntArg(info, rank_i, call, "target_rank");
  MPI_Aint disp = ReadAint(env, info[disp_i], call, "target displacement");
  const auto& t = datatype::Get(env, type);
  if (rank == MPI_PROC_NULL) return {rank, disp, count, t.type};
  int n = static_cast<int>(w.sizes.size());
  if (rank < 0 || rank >= n) {
    ThrowDetail(env, MPI_ERR_RANK, call,
                "target_rank " + std::to_string(rank) + " is not a rank of the window's group (0 to " + std::to_string(n - 1) + ")");
  }
  if (!t.committed && t.type != MPI_DATATYPE_NULL) {
    ThrowDetail(env, MPI_ERR_TYPE, call, "the target datatype is not committed: call Commit()");
  }
  if (w.flavor == MPI_WIN_FLAVOR_DYNAMIC) return {rank, disp, count, t.type};
  int64_t offset = 0;
  int64_t need = __builtin_mul_overflow(static_cast<int64_t>(disp), w.units[rank], &offset)
                     ? -2
                     : buffer::RequiredBytesFrom(offset, t.true_lb, t.extent, t.true_extent, count);
  if (need == -1 || need == -2 || need > w.sizes[rank]) {
    throw Napi::RangeError::New(
        env, std::string(call) + ": target displacement " + std::to_string(disp) + " (disp_unit " + std::to_string(w.units[rank]) +
                 ") and " + std::to_string(count) + " item(s) of the target datatype reach " +
                 (need < 0 ? std::string("outside") : std::to_string(need) + " bytes into") + " rank " + std::to_string(rank) +
                 "'s window of " + std::to_string(w.sizes[rank]) + " bytes");
  }
  return {rank, disp, count, t.type};
}

// The target of Put, Get and the accumulates: rank, then (disp, count, datatype) at info[i..i+2].
Target ReadTarget(const Info& info, const Window& w, size_t i) {
  return ReadTarget(info, w, i - 1, i, ReadCount(info.Env(), info[i + 1], Call(info), "target count"), info[i + 2]);
}

// An origin, compare or result buffer at info[i..i+2], pinned (MPI uses it after the call returns).
buffer::Msg Buf(const Info& info, size_t i, const char* arg) {
  buffer::Msg m = buffer::Read(info, i, arg, 1, true);
  if (m.in_place) throw Napi::TypeError::New(info.Env(), std::string(Call(info)) + ": " + arg + " cannot be MPI.IN_PLACE");
  if (m.count > INT32_MAX) {
    throw Napi::RangeError::New(info.Env(), std::string(Call(info)) + ": " + arg + " count " + std::to_string(m.count) +
                                                " does not fit in a C int (one-sided calls take int counts here)");
  }
  return m;
}

// Holds a buffer until a synchronization completes the operations on `rank`.
void Hold(napi_env env, Window& w, int rank, napi_value v) {
  if (rank != MPI_PROC_NULL) w.pending.emplace_back(rank, Keep(env, v));
}

// Put, Get, Rput, Rget: (win, origin triple, rank, tdisp, tcount, ttype)
template <bool kGet, bool kRequest>
Napi::Value PutGet(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  buffer::Msg o = Buf(info, 1, "origin");
  Target t = ReadTarget(info, w, 5);
  int oc = static_cast<int>(o.count);
  MPI_Request req = MPI_REQUEST_NULL;
  const char* call = kGet ? (kRequest ? "MPI_Rget" : "MPI_Get") : (kRequest ? "MPI_Rput" : "MPI_Put");
  int rc;
  if (kGet) {
    rc = kRequest ? MPI_Rget(o.ptr, oc, o.type, t.rank, t.disp, t.count, t.type, w.win, &req)
                  : MPI_Get(o.ptr, oc, o.type, t.rank, t.disp, t.count, t.type, w.win);
  } else {
    rc = kRequest ? MPI_Rput(o.ptr, oc, o.type, t.rank, t.disp, t.count, t.type, w.win, &req)
                  : MPI_Put(o.ptr, oc, o.type, t.rank, t.disp, t.count, t.type, w.win);
  }
  Check(env, rc, call);
  if (kRequest) return NewRequest(info, req, request::Origin{Call(info), w.comm, kNone, kNone}, {info[1]});
  Hold(env, w, t.rank, info[1]);
  return env.Undefined();
}

// Accumulate, Raccumulate: (win, origin triple, rank, tdisp, tcount, ttype, op)
template <bool kRequest>
Napi::Value Accumulate(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  buffer::Msg o = Buf(info, 1, "origin");
  Target t = ReadTarget(info, w, 5);
  MPI_Op op = OpArg(info, 8);
  MPI_Request req = MPI_REQUEST_NULL;
  int oc = static_cast<int>(o.count);
  if (kRequest) {
    Check(env, MPI_Raccumulate(o.ptr, oc, o.type, t.rank, t.disp, t.count, t.type, op, w.win, &req), "MPI_Raccumulate");
    return NewRequest(info, req, request::Origin{Call(info), w.comm, kNone, kNone}, {info[1]});
  }
  Check(env, MPI_Accumulate(o.ptr, oc, o.type, t.rank, t.disp, t.count, t.type, op, w.win), "MPI_Accumulate");
  Hold(env, w, t.rank, info[1]);
  return env.Undefined();
}

// Get_accumulate, Rget_accumulate: (win, origin triple, result triple, rank, tdisp, tcount, ttype, op)
template <bool kRequest>
Napi::Value GetAccumulate(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  buffer::Msg o = Buf(info, 1, "origin");
  buffer::Msg r = Buf(info, 4, "result");
  Target t = ReadTarget(info, w, 8);
  MPI_Op op = OpArg(info, 11);
  MPI_Request req = MPI_REQUEST_NULL;
  int oc = static_cast<int>(o.count), rcount = static_cast<int>(r.count);
  if (kRequest) {
    Check(env, MPI_Rget_accumulate(o.ptr, oc, o.type, r.ptr, rcount, r.type, t.rank, t.disp, t.count, t.type, op, w.win, &req),
          "MPI_Rget_accumulate");
    return NewRequest(info, req, request::Origin{Call(info), w.comm, kNone, kNone}, {info[1], info[4]});
  }
  Check(env, MPI_Get_accumulate(o.ptr, oc, o.type, r.ptr, rcount, r.type, t.rank, t.disp, t.count, t.type, op, w.win),
        "MPI_Get_accumulate");
  Hold(env, w, t.rank, info[1]);
  Hold(env, w, t.rank, info[4]);
  return env.Undefined();
}

// MPI reads and writes exactly one item of the origin's datatype in each buffer
// of Fetch_and_op and Compare_and_swap: each must hold one item (count 1), of
// that datatype — checked here too, whatever lib/win.ts let through (an empty
// buffer, or a result of a smaller type, would be read or written past its end).
void Single(const Info& info, int rank, const buffer::Msg& origin, std::initializer_list<std::pair<const char*, const buffer::Msg&>> others) {
  if (rank == MPI_PROC_NULL) return;  // MPI touches nothing
  auto env = info.Env();
  const char* call = Call(info);
  auto one = [&](const char* what, const buffer::Msg& m) {
    if (m.count != 1) {
      throw Napi::RangeError::New(env, std::string(call) + ": " + what + ": expecting a single element, got " + std::to_string(m.count));
    }
  };
  one("origin", origin);
  for (const auto& [what, m] : others) {
    one(what, m);
    if (m.type != origin.type) throw Napi::TypeError::New(env, std::string(call) + ": mismatch in origin and " + what + " MPI datatypes");
  }
}

// (win, origin triple, result triple, rank, tdisp, op): one item each, of one
// datatype (lib/win.ts checks); the target is one item of the origin's datatype.
void FetchAndOp(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  buffer::Msg o = Buf(info, 1, "origin");
  buffer::Msg r = Buf(info, 4, "result");
  Target t = ReadTarget(info, w, 7, 8, 1, info[3]);
  Single(info, t.rank, o, {{"result", r}});
  MPI_Op op = OpArg(info, 9);
  Check(env, MPI_Fetch_and_op(o.ptr, r.ptr, o.type, t.rank, t.disp, op, w.win), "MPI_Fetch_and_op");
  Hold(env, w, t.rank, info[1]);
  Hold(env, w, t.rank, info[4]);
}

// (win, origin triple, compare triple, result triple, rank, tdisp), as FetchAndOp.
void CompareAndSwap(const Info& info) {
  auto env = info.Env();
  Window& w = WinArg(info);
  buffer::Msg o = Buf(info, 1, "origin");
  buffer::Msg c = Buf(info, 4, "compare");
  buffer::Msg r = Buf(info, 7, "result");
  Target t = ReadTarget(info, w, 10, 11, 1, info[3]);
  Single(info, t.rank, o, {{"compare", c}, {"result", r}});
  Check(env, MPI_Compare_and_swap(o.ptr, c.ptr, r.ptr, o.type, t.rank, t.disp, w.win), "MPI_Compare_and_swap");
  Hold(env, w, t.rank, info[1]);
  Hold(env, w, t.rank, info[4]);
  Hold(env, w, t.rank, info[7]);
}

// ---- synchronization ------------------------------------------------------------

// Lets go of the buffers of operations now complete: every target's (rank
// MPI_ANY_SOURCE) or one target's.
void Completed(napi_env env, Window& w, int rank) {
  auto& p = w.pending;
  p.erase(std::remove_if(p.begin(), p.end(),
                         [&](const std::pair<int, napi_ref>& e) {
                           if (rank != MPI_ANY_SOURCE && e.first != rank) return false;
                           Unref(env, e.second);
                           return true;
                         }),
          p.end());
}

// A synchronization that may wait for other ranks: marked for the watchdog,
// serving pending object receives meanwhile, as a blocking collective does.
template <typename Fn>
void Sync(const Info& info, Window& w, const char* call, const char* mpi_call, Fn fn) {
  Blocking scope(call, w.comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Check(info.Env(), fn(), mpi_call);
}

void Fence(const Info& info) {
  Window& w = WinArg(info);
  int assertion = IntArg(info, 1, "Win.Fence", "assertion");
  Sync(info, w, "Win.Fence", "MPI_Win_fence", [&] { return MPI_Win_fence(assertion, w.win); });
  Completed(info.Env(), w, MPI_ANY_SOURCE);
}

void Start(const Info& info) {
  Window& w = WinArg(info);
  MPI_Group g = Addon::Of(info.Env()).groups.Get(info.Env(), info[1]);
  int assertion = IntArg(info, 2, "Win.Start", "assertion");
  Sync(info, w, "Win.Start", "MPI_Win_start", [&] { return MPI_Win_start(g, assertion, w.win); });
}

void Complete(const Info& info) {
  Window& w = WinArg(info);
  Sync(info, w, "Win.Complete", "MPI_Win_complete", [&] { return MPI_Win_complete(w.win); });
  Completed(info.Env(), w, MPI_ANY_SOURCE);
}

void Post(const Info& info) {
  Window& w = WinArg(info);
  MPI_Group g = Addon::Of(info.Env()).groups.Get(info.Env(), info[1]);
  int assertion = IntArg(info, 2, "Win.Post", "assertion");
  Check(info.Env(), MPI_Win_post(g, assertion, w.win), "MPI_Win_post");
}

void Wait(const Info& info) {
  Window& w = WinArg(info);
  Sync(info, w, "Win.Wait", "MPI_Win_wait", [&] { return MPI_Win_wait(w.win); });
}

Napi::Value Test(const Info& info) {
  Window& w = WinArg(info);
  int flag = 0;
  Check(info.Env(), MPI_Win_test(w.win, &flag), "MPI_Win_test");
  return Napi::Boolean::New(info.Env(), flag != 0);
}

// A synchronization's rank: one of the window's group, or PROC_NULL (Open MPI
// does not check every call's: a flush of rank -1 would succeed silently).
int RankArg(const Info& info, const Window& w, size_t i, const char* call) {
  int rank = IntArg(info, i, call, "rank");
  int n = static_cast<int>(w.sizes.size());
  if (rank != MPI_PROC_NULL && (rank < 0 || rank >= n)) {
    ThrowDetail(info.Env(), MPI_ERR_RANK, call,
                "rank " + std::to_string(rank) + " is not a rank of the window's group (0 to " + std::to_string(n - 1) + ")");
  }
  return rank;
}

// (win, rank, lock_type, assertion)
void Lock(const Info& info) {
  Window& w = WinArg(info);
  int rank = RankArg(info, w, 1, "Win.Lock");
  int type = IntArg(info, 2, "Win.Lock", "lock_type");
  int assertion = IntArg(info, 3, "Win.Lock", "assertion");
  Sync(info, w, "Win.Lock", "MPI_Win_lock", [&] { return MPI_Win_lock(type, rank, assertion, w.win); });
}

void Unlock(const Info& info) {
  Window& w = WinArg(info);
  int rank = RankArg(info, w, 1, "Win.Unlock");
  Sync(info, w, "Win.Unlock", "MPI_Win_unlock", [&] { return MPI_Win_unlock(rank, w.win); });
  Completed(info.Env(), w, rank);
}

void LockAll(const Info& info) {
  Window& w = WinArg(info);
  int assertion = IntArg(info, 1, "Win.Lock_all", "assertion");
  Sync(info, w, "Win.Lock_all", "MPI_Win_lock_all", [&] { return MPI_Win_lock_all(assertion, w.win); });
}

void UnlockAll(const Info& info) {
  Window& w = WinArg(info);
  Sync(info, w, "Win.Unlock_all", "MPI_Win_unlock_all", [&] { return MPI_Win_unlock_all(w.win); });
  Completed(info.Env(), w, MPI_ANY_SOURCE);
}

// Flush and Flush_local of one rank (local: the origin buffers are free again, which is all that is held).
template <bool kLocal>
void Flush(const Info& info) {
  Window& w = WinArg(info);
  const char* call = kLocal ? "Win.Flush_local" : "Win.Flush";
  int rank = RankArg(info, w, 1, call);
  Sync(info, w, call, kLocal ? "MPI_Win_flush_local" : "MPI_Win_flush",
       [&] { return kLocal ? MPI_Win_flush_local(rank, w.win) : MPI_Win_flush(rank, w.win); });
  // A Get's origin and an accumulate's result are written until the remote completion only with
  // Flush_local too (MPI: local completion covers them), so both let go.
  Completed(info.Env(), w, rank);
}

template <bool kLocal>
void FlushAll(const Info& info) {
  Window& w = WinArg(info);
  const char* call = kLocal ? "Win.Flush_local_all" : "Win.Flush_all";
  Sync(info, w, call, kLocal ? "MPI_Win_flush_local_all" : "MPI_Win_flush_all",
       [&] { return kLocal ? MPI_Win_flush_local_all(w.win) : MPI_Win_flush_all(w.win); });
  Completed(info.Env(), w, MPI_ANY_SOURCE);
}

void SyncMemory(const Info& info) {
  Window& w = WinArg(info);
  Check(info.Env(), MPI_Win_sync(w.win), "MPI_Win_sync");
}

// Windows alive in the table (WIN_NULL's slot included), for tests of leaks.
Napi::Value Live(const Info& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Addon::Of(info.Env()).wins.slots.Count()));
}

}  // namespace

Window& Named(Napi::Env env, const Napi::Value& v, const char* call) {
  auto& slots = Addon::Of(env).wins.slots;
  int32_t id = IdValue(env, v, "window");
  Window** w = slots.Find(id);
  if (!w || !*w) {
    if (slots.Known(id)) ThrowDetail(env, MPI_ERR_WIN, call, "the window is MPI.WIN_NULL (or a freed window)");
    throw Napi::TypeError::New(env, std::string(call) + ": invalid window handle");
  }
  return **w;
}

void Init(Napi::Env env, Napi::Object exports) {
  auto o = Napi::Object::New(env);
  // The name rides along as the function's data: buffer::Read and the errors name the call.
  auto add = [&](const char* name, const char* call, auto fn) {
    o[name] = Napi::Function::New(env, fn, name, const_cast<char*>(call));
  };
  add("create", "Win.Create", Create);
  add("allocate", "Win.Allocate", Allocate);
  add("createDynamic", "Win.Create_dynamic", CreateDynamic);
  add("memory", "Win.tomemory", Memory);
  add("sharedQuery", "Win.Shared_query", SharedQuery);
  add("attach", "Win.Attach", Attach);
  add("detach", "Win.Detach", Detach);
  add("free", "Win.Free", Free);
  add("getAttr", "Win.Get_attr", GetAttr);
  add("getGroup", "Win.Get_group", GetGroup);
  add("setInfo", "Win.Set_info", SetInfo);
  add("getInfo", "Win.Get_info", GetInfo);
  add("getName", "Win.Get_name", GetName);
  add("setName", "Win.Set_name", SetName);
  add("Put", "Win.Put", PutGet<false, false>);
  add("Get", "Win.Get", PutGet<true, false>);
  add("Rput", "Win.Rput", PutGet<false, true>);
  add("Rget", "Win.Rget", PutGet<true, true>);
  add("Accumulate", "Win.Accumulate", Accumulate<false>);
  add("Raccumulate", "Win.Raccumulate", Accumulate<true>);
  add("Get_accumulate", "Win.Get_accumulate", GetAccumulate<false>);
  add("Rget_accumulate", "Win.Rget_accumulate", GetAccumulate<true>);
  add("Fetch_and_op", "Win.Fetch_and_op", FetchAndOp);
  add("Compare_and_swap", "Win.Compare_and_swap", CompareAndSwap);
  add("Fence", "Win.Fence", Fence);
  add("Start", "Win.Start", Start);
  add("Complete", "Win.Complete", Complete);
  add("Post", "Win.Post", Post);
  add("Wait", "Win.Wait", Wait);
  add("Test", "Win.Test", Test);
  add("Lock", "Win.Lock", Lock);
  add("Unlock", "Win.Unlock", Unlock);
  add("Lock_all", "Win.Lock_all", LockAll);
  add("Unlock_all", "Win.Unlock_all", UnlockAll);
  add("Flush", "Win.Flush", Flush<false>);
  add("Flush_local", "Win.Flush_local", Flush<true>);
  add("Flush_all", "Win.Flush_all", FlushAll<false>);
  add("Flush_local_all", "Win.Flush_local_all", FlushAll<true>);
  add("Sync", "Win.Sync", SyncMemory);
  add("live", "Win.live", Live);
  auto c = Napi::Object::New(env);
  c["WIN_BASE"] = Napi::Number::New(env, MPI_WIN_BASE);
  c["WIN_SIZE"] = Napi::Number::New(env, MPI_WIN_SIZE);
  c["WIN_DISP_UNIT"] = Napi::Number::New(env, MPI_WIN_DISP_UNIT);
  c["WIN_CREATE_FLAVOR"] = Napi::Number::New(env, MPI_WIN_CREATE_FLAVOR);
  c["WIN_MODEL"] = Napi::Number::New(env, MPI_WIN_MODEL);
  c["WIN_FLAVOR_CREATE"] = Napi::Number::New(env, MPI_WIN_FLAVOR_CREATE);
  c["WIN_FLAVOR_ALLOCATE"] = Napi::Number::New(env, MPI_WIN_FLAVOR_ALLOCATE);
  c["WIN_FLAVOR_DYNAMIC"] = Napi::Number::New(env, MPI_WIN_FLAVOR_DYNAMIC);
  c["WIN_FLAVOR_SHARED"] = Napi::Number::New(env, MPI_WIN_FLAVOR_SHARED);
  c["WIN_SEPARATE"] = Napi::Number::New(env, MPI_WIN_SEPARATE);
  c["WIN_UNIFIED"] = Napi::Number::New(env, MPI_WIN_UNIFIED);
  c["MODE_NOCHECK"] = Napi::Number::New(env, MPI_MODE_NOCHECK);
  c["MODE_NOSTORE"] = Napi::Number::New(env, MPI_MODE_NOSTORE);
  c["MODE_NOPUT"] = Napi::Number::New(env, MPI_MODE_NOPUT);
  c["MODE_NOPRECEDE"] = Napi::Number::New(env, MPI_MODE_NOPRECEDE);
  c["MODE_NOSUCCEED"] = Napi::Number::New(env, MPI_MODE_NOSUCCEED);
  c["LOCK_EXCLUSIVE"] = Napi::Number::New(env, MPI_LOCK_EXCLUSIVE);
  c["LOCK_SHARED"] = Napi::Number::New(env, MPI_LOCK_SHARED);
  o["constants"] = c;
  exports["win"] = o;
}

}  // namespace mpi4js::win
