// The predefined datatypes mpi4py exports, at fixed ids (their order here; id 0 is
// DATATYPE_NULL), and which of them the library lacks. A type the headers do not
// define, or define as MPI_DATATYPE_NULL (MPICH's unsupported Fortran types), or whose
// size MPI reports as 0 (Open MPI built without Fortran), is "missing":
// lib/predefined.ts exports MPI.DATATYPE_NULL itself under its name, as mpi4py's
// `==` makes it equal to DATATYPE_NULL. Aliases (C_COMPLEX, INT_INT, ...) are not
// listed here: lib/predefined.ts makes them the same objects.
#include <string>
#include <vector>

#include "addon.h"
#include "datatype.h"
#include "environment.h"
#include "register.h"

namespace mpi4js::datatype {

// Types some libraries do not define: MPI_DATATYPE_NULL in their place.
#ifdef MPI_C_LONG_DOUBLE_COMPLEX
#define MPI4JS_C_LONG_DOUBLE_COMPLEX MPI_C_LONG_DOUBLE_COMPLEX
#else
#define MPI4JS_C_LONG_DOUBLE_COMPLEX MPI_DATATYPE_NULL
#endif
#ifdef MPI_CXX_BOOL
#define MPI4JS_CXX_BOOL MPI_CXX_BOOL
#else
#define MPI4JS_CXX_BOOL MPI_DATATYPE_NULL
#endif
#ifdef MPI_CXX_FLOAT_COMPLEX
#define MPI4JS_CXX_FLOAT_COMPLEX MPI_CXX_FLOAT_COMPLEX
#else
#define MPI4JS_CXX_FLOAT_COMPLEX MPI_DATATYPE_NULL
#endif
#ifdef MPI_CXX_DOUBLE_COMPLEX
#define MPI4JS_CXX_DOUBLE_COMPLEX MPI_CXX_DOUBLE_COMPLEX
#else
#define MPI4JS_CXX_DOUBLE_COMPLEX MPI_DATATYPE_NULL
#endif
#ifdef MPI_CXX_LONG_DOUBLE_COMPLEX
#define MPI4JS_CXX_LONG_DOUBLE_COMPLEX MPI_CXX_LONG_DOUBLE_COMPLEX
#else
#define MPI4JS_CXX_LONG_DOUBLE_COMPLEX MPI_DATATYPE_NULL
#endif
#ifdef MPI_CHARACTER
#define MPI4JS_CHARACTER MPI_CHARACTER
#else
#define MPI4JS_CHARACTER MPI_DATATYPE_NULL
#endif
#ifdef MPI_LOGICAL
#define MPI4JS_LOGICAL MPI_LOGICAL
#else
#define MPI4JS_LOGICAL MPI_DATATYPE_NULL
#endif
#ifdef MPI_INTEGER
#define MPI4JS_INTEGER MPI_INTEGER
#else
#define MPI4JS_INTEGER MPI_DATATYPE_NULL
#endif
#ifdef MPI_REAL
#define MPI4JS_REAL MPI_REAL
#else
#define MPI4JS_REAL MPI_DATATYPE_NULL
#endif
#ifdef MPI_DOUBLE_PRECISION
#define MPI4JS_DOUBLE_PRECISION MPI_DOUBLE_PRECISION
#else
#define MPI4JS_DOUBLE_PRECISION MPI_DATATYPE_NULL
#endif
#ifdef MPI_COMPLEX
#define MPI4JS_COMPLEX MPI_COMPLEX
#else
#define MPI4JS_COMPLEX MPI_DATATYPE_NULL
#endif
#ifdef MPI_DOUBLE_COMPLEX
#define MPI4JS_DOUBLE_COMPLEX MPI_DOUBLE_COMPLEX
#else
#define MPI4JS_DOUBLE_COMPLEX MPI_DATATYPE_NULL
#endif
#ifdef MPI_LOGICAL1
#define MPI4JS_LOGICAL1 MPI_LOGICAL1
#else
#define MPI4JS_LOGICAL1 MPI_DATATYPE_NULL
#endif
#ifdef MPI_LOGICAL2
#define MPI4JS_LOGICAL2 MPI_LOGICAL2
#else
#define MPI4JS_LOGICAL2 MPI_DATATYPE_NULL
#endif
#ifdef MPI_LOGICAL4
#define MPI4JS_LOGICAL4 MPI_LOGICAL4
#else
#define MPI4JS_LOGICAL4 MPI_DATATYPE_NULL
#endif
#ifdef MPI_LOGICAL8
#define MPI4JS_LOGICAL8 MPI_LOGICAL8
#else
#define MPI4JS_LOGICAL8 MPI_DATATYPE_NULL
#endif
#ifdef MPI_LOGICAL16
#define MPI4JS_LOGICAL16 MPI_LOGICAL16
#else
#define MPI4JS_LOGICAL16 MPI_DATATYPE_NULL
#endif
#ifdef MPI_INTEGER1
#define MPI4JS_INTEGER1 MPI_INTEGER1
#else
#define MPI4JS_INTEGER1 MPI_DATATYPE_NULL
#endif
#ifdef MPI_INTEGER2
#define MPI4JS_INTEGER2 MPI_INTEGER2
#else
#define MPI4JS_INTEGER2 MPI_DATATYPE_NULL
#endif
#ifdef MPI_INTEGER4
#define MPI4JS_INTEGER4 MPI_INTEGER4
#else
#define MPI4JS_INTEGER4 MPI_DATATYPE_NULL
#endif
#ifdef MPI_INTEGER8
#define MPI4JS_INTEGER8 MPI_INTEGER8
#else
#define MPI4JS_INTEGER8 MPI_DATATYPE_NULL
#endif
#ifdef MPI_INTEGER16
#define MPI4JS_INTEGER16 MPI_INTEGER16
#else
#define MPI4JS_INTEGER16 MPI_DATATYPE_NULL
#endif
#ifdef MPI_REAL2
#define MPI4JS_REAL2 MPI_REAL2
#else
#define MPI4JS_REAL2 MPI_DATATYPE_NULL
#endif
#ifdef MPI_REAL4
#define MPI4JS_REAL4 MPI_REAL4
#else
#define MPI4JS_REAL4 MPI_DATATYPE_NULL
#endif
#ifdef MPI_REAL8
#define MPI4JS_REAL8 MPI_REAL8
#else
#define MPI4JS_REAL8 MPI_DATATYPE_NULL
#endif
#ifdef MPI_REAL16
#define MPI4JS_REAL16 MPI_REAL16
#else
#define MPI4JS_REAL16 MPI_DATATYPE_NULL
#endif
#ifdef MPI_COMPLEX4
#define MPI4JS_COMPLEX4 MPI_COMPLEX4
#else
#define MPI4JS_COMPLEX4 MPI_DATATYPE_NULL
#endif
#ifdef MPI_COMPLEX8
#define MPI4JS_COMPLEX8 MPI_COMPLEX8
#else
#define MPI4JS_COMPLEX8 MPI_DATATYPE_NULL
#endif
#ifdef MPI_COMPLEX16
#define MPI4JS_COMPLEX16 MPI_COMPLEX16
#else
#define MPI4JS_COMPLEX16 MPI_DATATYPE_NULL
#endif
#ifdef MPI_COMPLEX32
#define MPI4JS_COMPLEX32 MPI_COMPLEX32
#else
#define MPI4JS_COMPLEX32 MPI_DATATYPE_NULL
#endif
#ifdef MPI_FLOAT16_T
#define MPI4JS_FLOAT16_T MPI_FLOAT16_T
#else
#define MPI4JS_FLOAT16_T MPI_DATATYPE_NULL
#endif
#ifdef MPI_BFLOAT16_T
#define MPI4JS_BFLOAT16_T MPI_BFLOAT16_T
#else
#define MPI4JS_BFLOAT16_T MPI_DATATYPE_NULL
#endif

const std::vector<Named>& Predefined() {
  static const std::vector<Named> list = {
      {"DATATYPE_NULL", MPI_DATATYPE_NULL},
      {"BYTE", MPI_BYTE},
      {"PACKED", MPI_PACKED},
      {"CHAR", MPI_CHAR},
      {"WCHAR", MPI_WCHAR},
      {"SIGNED_CHAR", MPI_SIGNED_CHAR},
      {"UNSIGNED_CHAR", MPI_UNSIGNED_CHAR},
      {"SHORT", MPI_SHORT},
      {"UNSIGNED_SHORT", MPI_UNSIGNED_SHORT},
      {"INT", MPI_INT},
      {"UNSIGNED", MPI_UNSIGNED},
      {"LONG", MPI_LONG},
      {"UNSIGNED_LONG", MPI_UNSIGNED_LONG},
      {"LONG_LONG", MPI_LONG_LONG},
      {"UNSIGNED_LONG_LONG", MPI_UNSIGNED_LONG_LONG},
      {"FLOAT", MPI_FLOAT},
      {"DOUBLE", MPI_DOUBLE},
      {"LONG_DOUBLE", MPI_LONG_DOUBLE},
      {"C_BOOL", MPI_C_BOOL},
      {"INT8_T", MPI_INT8_T},
      {"INT16_T", MPI_INT16_T},
      {"INT32_T", MPI_INT32_T},
      {"INT64_T", MPI_INT64_T},
      {"UINT8_T", MPI_UINT8_T},
      {"UINT16_T", MPI_UINT16_T},
      {"UINT32_T", MPI_UINT32_T},
      {"UINT64_T", MPI_UINT64_T},
      {"C_FLOAT_COMPLEX", MPI_C_FLOAT_COMPLEX},
      {"C_DOUBLE_COMPLEX", MPI_C_DOUBLE_COMPLEX},
      {"AINT", MPI_AINT},
      {"OFFSET", MPI_OFFSET},
      {"COUNT", MPI_COUNT},
      {"FLOAT_INT", MPI_FLOAT_INT},
      {"DOUBLE_INT", MPI_DOUBLE_INT},
      {"LONG_INT", MPI_LONG_INT},
      {"TWOINT", MPI_2INT},
      {"SHORT_INT", MPI_SHORT_INT},
      {"LONG_DOUBLE_INT", MPI_LONG_DOUBLE_INT},
      {"C_LONG_DOUBLE_COMPLEX", MPI4JS_C_LONG_DOUBLE_COMPLEX},
      {"CXX_BOOL", MPI4JS_CXX_BOOL},
      {"CXX_FLOAT_COMPLEX", MPI4JS_CXX_FLOAT_COMPLEX},
      {"CXX_DOUBLE_COMPLEX", MPI4JS_CXX_DOUBLE_COMPLEX},
      {"CXX_LONG_DOUBLE_COMPLEX", MPI4JS_CXX_LONG_DOUBLE_COMPLEX},
      {"CHARACTER", MPI4JS_CHARACTER},
      {"LOGICAL", MPI4JS_LOGICAL},
      {"INTEGER", MPI4JS_INTEGER},
      {"REAL", MPI4JS_REAL},
      {"DOUBLE_PRECISION", MPI4JS_DOUBLE_PRECISION},
      {"COMPLEX", MPI4JS_COMPLEX},
      {"DOUBLE_COMPLEX", MPI4JS_DOUBLE_COMPLEX},
      {"LOGICAL1", MPI4JS_LOGICAL1},
      {"LOGICAL2", MPI4JS_LOGICAL2},
      {"LOGICAL4", MPI4JS_LOGICAL4},
      {"LOGICAL8", MPI4JS_LOGICAL8},
      {"LOGICAL16", MPI4JS_LOGICAL16},
      {"INTEGER1", MPI4JS_INTEGER1},
      {"INTEGER2", MPI4JS_INTEGER2},
      {"INTEGER4", MPI4JS_INTEGER4},
      {"INTEGER8", MPI4JS_INTEGER8},
      {"INTEGER16", MPI4JS_INTEGER16},
      {"REAL2", MPI4JS_REAL2},
      {"REAL4", MPI4JS_REAL4},
      {"REAL8", MPI4JS_REAL8},
      {"REAL16", MPI4JS_REAL16},
      {"COMPLEX4", MPI4JS_COMPLEX4},
      {"COMPLEX8", MPI4JS_COMPLEX8},
      {"COMPLEX16", MPI4JS_COMPLEX16},
      {"COMPLEX32", MPI4JS_COMPLEX32},
      {"FLOAT16_T", MPI4JS_FLOAT16_T},
      {"BFLOAT16_T", MPI4JS_BFLOAT16_T},
  };
  return list;
}

namespace {

// The names of the predefined types the library lacks. Before MPI_Init only the
// headers can tell (a null handle); once MPI runs, a size of 0 tells too.
Napi::Value Missing(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  auto out = Napi::Array::New(env);
  uint32_t n = 0;
  bool active = environment::Active();
  const auto& list = Predefined();
  for (size_t id = 1; id < list.size(); ++id) {
    bool missing = list[id].type == MPI_DATATYPE_NULL;
    if (!missing && active) {
      MPI_Count size = 0;
      missing = MPI_Type_size_x(list[id].type, &size) != MPI_SUCCESS || size == 0;
    }
    if (missing) out[n++] = Napi::String::New(env, list[id].name);
  }
  return out;
}

Napi::Value PredefinedIds(const Napi::CallbackInfo& info) {
  auto names = Napi::Object::New(info.Env());
  const auto& list = Predefined();
  for (size_t id = 0; id < list.size(); ++id) names[list[id].name] = Napi::Number::New(info.Env(), id);
  return names;
}

}  // namespace

void InitPredefined(Napi::Env env, Napi::Object group) {
  Register(env, group, "predefined", PredefinedIds);
  Register(env, group, "missing", Missing);
}

}  // namespace mpi4js::datatype
