// Groups: ids into the group table, and the MPI_Group_* calls lib/group.ts needs.
#include <mpi.h>
#include <napi.h>

#include <vector>

#include "environment.h"
#include "addon.h"
#include "errors.h"
#include "handles.h"

namespace mpi4js::group {

namespace {

using errors::Check;
using Info = Napi::CallbackInfo;

MPI_Group GroupArg(const Info& info, size_t i) {
  environment::EnsureActive(info.Env());
  return Addon::Of(info.Env()).groups.Get(info.Env(), info[i]);
}

std::vector<int> Ints(const Napi::Value& v) {
  auto a = v.As<Napi::Int32Array>();
  return std::vector<int>(a.Data(), a.Data() + a.ElementLength());
}

Napi::Value NewGroup(Napi::Env env, MPI_Group g) { return Napi::Number::New(env, Addon::Of(env).groups.Add(g)); }

Napi::Value Size(const Info& info) {
  int n = 0;
  Check(info.Env(), MPI_Group_size(GroupArg(info, 0), &n), "MPI_Group_size");
  return Napi::Number::New(info.Env(), n);
}

Napi::Value Rank(const Info& info) {
  int r = 0;
  Check(info.Env(), MPI_Group_rank(GroupArg(info, 0), &r), "MPI_Group_rank");
  return Napi::Number::New(info.Env(), r);
}

Napi::Value Incl(const Info& info) {
  std::vector<int> ranks = Ints(info[1]);
  MPI_Group out;
  Check(info.Env(), MPI_Group_incl(GroupArg(info, 0), static_cast<int>(ranks.size()), ranks.data(), &out),
        "MPI_Group_incl");
  return NewGroup(info.Env(), out);
}

Napi::Value Excl(const Info& info) {
  std::vector<int> ranks = Ints(info[1]);
  MPI_Group out;
  Check(info.Env(), MPI_Group_excl(GroupArg(info, 0), static_cast<int>(ranks.size()), ranks.data(), &out),
        "MPI_Group_excl");
  return NewGroup(info.Env(), out);
}

// (group1, ranks: Int32Array, group2) -> number[]
Napi::Value TranslateRanks(const Info& info) {
  auto env = info.Env();
  std::vector<int> ranks = Ints(info[1]), out(ranks.size());
  Check(env,
        MPI_Group_translate_ranks(GroupArg(info, 0), static_cast<int>(ranks.size()), ranks.data(), GroupArg(info, 2),
                                  out.data()),
        "MPI_Group_translate_ranks");
  auto arr = Napi::Array::New(env, out.size());
  for (size_t i = 0; i < out.size(); ++i) arr[i] = Napi::Number::New(env, out[i]);
  return arr;
}

Napi::Value Compare(const Info& info) {
  int result = 0;
  Check(info.Env(), MPI_Group_compare(GroupArg(info, 0), GroupArg(info, 1), &result), "MPI_Group_compare");
  return Napi::Number::New(info.Env(), result);
}

template <int (*Fn)(MPI_Group, MPI_Group, MPI_Group*)>
Napi::Value SetOp(const Info& info) {
  MPI_Group out;
  Check(info.Env(), Fn(GroupArg(info, 0), GroupArg(info, 1), &out), "MPI_Group set operation");
  return NewGroup(info.Env(), out);
}

void Free(const Info& info) {
  environment::EnsureActive(info.Env());
  MPI_Group& g = Addon::Of(info.Env()).groups.Get(info.Env(), info[0]);
  Check(info.Env(), MPI_Group_free(&g), "MPI_Group_free");
  Addon::Of(info.Env()).groups.Remove(IdValue(info.Env(), info[0], "group"));
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  Addon::Of(env).groups.Reserve(kGroupEmpty, MPI_GROUP_EMPTY);
  auto g = Napi::Object::New(env);
  g["size"] = Napi::Function::New(env, Size);
  g["rank"] = Napi::Function::New(env, Rank);
  g["incl"] = Napi::Function::New(env, Incl);
  g["excl"] = Napi::Function::New(env, Excl);
  g["translateRanks"] = Napi::Function::New(env, TranslateRanks);
  g["compare"] = Napi::Function::New(env, Compare);
  g["union"] = Napi::Function::New(env, SetOp<MPI_Group_union>);
  g["intersection"] = Napi::Function::New(env, SetOp<MPI_Group_intersection>);
  g["difference"] = Napi::Function::New(env, SetOp<MPI_Group_difference>);
  g["free"] = Napi::Function::New(env, Free);
  exports["group"] = g;
}

}  // namespace mpi4js::group
