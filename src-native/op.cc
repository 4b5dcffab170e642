// Reduction operations: the predefined MPI_Op handles at fixed ids. Their
// meaning on JavaScript values (lowercase reductions) lives in lib/op.ts.
#include <mpi.h>
#include <napi.h>

#include "addon.h"
#include "handles.h"

namespace mpi4js::op {

void Init(Napi::Env env, Napi::Object exports) {
  static const struct {
    const char* name;
    MPI_Op op;
  } predefined[] = {
      {"MAX", MPI_MAX},   {"MIN", MPI_MIN},   {"SUM", MPI_SUM},       {"PROD", MPI_PROD},       {"LAND", MPI_LAND},
      {"BAND", MPI_BAND}, {"LOR", MPI_LOR},   {"BOR", MPI_BOR},       {"LXOR", MPI_LXOR},       {"BXOR", MPI_BXOR},
      {"MAXLOC", MPI_MAXLOC}, {"MINLOC", MPI_MINLOC}, {"REPLACE", MPI_REPLACE}, {"NO_OP", MPI_NO_OP},
  };
  auto ids = Napi::Object::New(env);
  ids["OP_NULL"] = Napi::Number::New(env, 0);
  for (const auto& p : predefined) ids[p.name] = Napi::Number::New(env, Addon::Of(env).ops.Add(p.op));
  auto op = Napi::Object::New(env);
  op["predefined"] = ids;
  exports["op"] = op;
}

}  // namespace mpi4js::op
