// Datatypes: the table of entries, the constructors, Commit and Free, names.
//
// Every constructor checks its integers exactly (integers.h) and the layout it
// would make before MPI does: a layout whose bounds or size would not fit in
// 2**62 bytes (or an MPI_Aint, on 32-bit ARM) is a RangeError, so MPI never
// computes an extent that wraps (which Open MPI does silently).
#include "datatype.h"

#include <algorithm>
#include <climits>
#include <limits>
#include <string>
#include <vector>

#include "addon.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"
#include "integers.h"
#include "register.h"

namespace mpi4js::datatype {

namespace {

// The datatypes of the environment that calls (addon.h).
Table& Types(napi_env env) { return Addon::Of(env).datatypes; }

int32_t Add(napi_env env, MPI_Datatype type) {
  int32_t id = Types(env).Add(Measure(type));
  if (id < 0) {
    MPI_Type_free(&type);
    throw Napi::RangeError::New(env, "mpi4js: too many datatypes alive at once");
  }
  return id;
}

// The entry an id names; a freed datatype's id is MPI.Exception ERR_TYPE, as
// MPI gives for DATATYPE_NULL, never whatever reused its slot.
Info& Entry(Napi::Env env, const Napi::Value& v, const char* call = nullptr) {
  int32_t id = IdValue(env, v, "datatype");
  Info* entry = Types(env).Find(id);
  if (entry) return *entry;
  if (Types(env).Known(id)) errors::Throw(env, MPI_ERR_TYPE, call ? call : "a freed datatype handle");
  throw Napi::TypeError::New(env, "invalid datatype handle");
}

// The old type of a constructor: a real type (DATATYPE_NULL is ERR_TYPE, before MPI).
const Info& Old(Napi::Env env, const Napi::Value& v, const char* call) {
  const Info& t = Entry(env, v, call);
  if (t.type == MPI_DATATYPE_NULL) errors::ThrowDetail(env, MPI_ERR_TYPE, call, "the datatype is MPI.DATATYPE_NULL");
  return t;
}

// The largest layout accepted: far beyond any memory, and within MPI_Aint.
constexpr int64_t kLimit = std::min<int64_t>(int64_t(1) << 62, std::numeric_limits<MPI_Aint>::max());

// An integer of a layout being computed: 64 bits that remember an overflow
// (not __int128, which 32-bit ARM compilers lack). Every quantity computed is a
// bound, a span or a size of the layout, so an overflow means beyond kLimit.
class Wide {
 public:
  constexpr Wide(int64_t v = 0) : v_(v) {}  // NOLINT: implicit, as an integer
  friend Wide operator+(Wide a, Wide b) {
    Wide r;
    r.over_ = __builtin_add_overflow(a.v_, b.v_, &r.v_) || a.over_ || b.over_;
    return r;
  }
  friend Wide operator-(Wide a, Wide b) {
    Wide r;
    r.over_ = __builtin_sub_overflow(a.v_, b.v_, &r.v_) || a.over_ || b.over_;
    return r;
  }
  friend Wide operator*(Wide a, Wide b) {
    Wide r;
    r.over_ = __builtin_mul_overflow(a.v_, b.v_, &r.v_) || a.over_ || b.over_;
    return r;
  }
  bool Over() const { return over_; }
  int64_t Value() const { return v_; }

 private:
  int64_t v_;
  bool over_ = false;
};

// The bounds and size of a layout being built; no step overflows unnoticed.
class Layout {
 public:
  explicit Layout(const char* call) : call_(call) {}

  // `count` items of `old` starting `disp` bytes from the new type's origin.
  void Block(Wide disp, Wide count, const Info& old) {
    if (count.Over()) return Overflow();
    if (count.Value() <= 0) return;
    Wide span = (count - 1) * old.extent;
    if (span.Over()) return Overflow();
    Wide first = disp + std::min<int64_t>(0, span.Value()) + std::min<int64_t>(old.lb, old.true_lb);
    Wide last = disp + std::max<int64_t>(0, span.Value()) +
                std::max(Wide(old.lb) + old.extent, Wide(old.true_lb) + old.true_extent, Less);
    if (first.Over() || last.Over()) return Overflow();
    lo_ = std::min(lo_, first.Value());
    hi_ = std::max(hi_, last.Value());
    if (lo_ < -kLimit || hi_ > kLimit) Overflow();
  }

  // `count` more items of a type of `size` bytes.
  void Items(Wide count, int64_t size) {
    Wide size_now = Wide(size_) + count * size;
    if (size_now.Over() || size_now.Value() > kLimit) return Overflow();
    size_ = size_now.Value();
  }

  void Fail(Napi::Env env) const {
    if (!overflow_) return;
    throw Napi::RangeError::New(env, std::string(call_) +
                                         ": the layout would span more than 2**62 bytes (its extent or size overflows); "
                                         "no buffer holds it");
  }

 private:
  // Sums of a type's own bounds (each within kLimit) cannot overflow 64 bits.
  static bool Less(const Wide& a, const Wide& b) { return a.Value() < b.Value(); }
  void Overflow() { overflow_ = true; }
  const char* call_;
  int64_t lo_ = 0, hi_ = 0, size_ = 0;
  bool overflow_ = false;
};

// A list of C ints (lib/args.ts checked each item; an Int32Array cannot hold anything else).
struct Ints {
  const int* data = nullptr;
  size_t length = 0;
};
Ints IntList(Napi::Env env, const Napi::Value& v, const char* call, const char* what) {
  napi_typedarray_type type;
  Ints out;
  void* data = nullptr;
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, v, &type, &out.length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_int32_array) {
    throw Napi::TypeError::New(env, std::string(call) + ": " + what + " must be an Int32Array");
  }
  out.data = static_cast<const int*>(data);
  return out;
}

// A list of MPI_Aint from a BigInt64Array, each checked to fit (MPI_Aint is 32-bit on armv7).
std::vector<MPI_Aint> AintList(Napi::Env env, const Napi::Value& v, const char* call, const char* what) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_bigint64_array) {
    throw Napi::TypeError::New(env, std::string(call) + ": " + what + " must be a BigInt64Array");
  }
  const int64_t* items = static_cast<const int64_t*>(data);
  std::vector<MPI_Aint> out(length);
  for (size_t i = 0; i < length; ++i) {
    if (items[i] < std::numeric_limits<MPI_Aint>::min() || items[i] > std::numeric_limits<MPI_Aint>::max()) {
      throw Napi::RangeError::New(env, std::string(call) + ": " + what + "[" + std::to_string(i) + "] " +
                                           std::to_string(items[i]) + " does not fit in an MPI_Aint");
    }
    out[i] = static_cast<MPI_Aint>(items[i]);
  }
  return out;
}

void SameLength(Napi::Env env, const char* call, const char* a, size_t na, const char* b, size_t nb) {
  if (na != nb) {
    throw Napi::RangeError::New(env, std::string(call) + ": " + a + " has " + std::to_string(na) + " entries but " +
                                         b + " has " + std::to_string(nb) + " (they go together)");
  }
}

void NonNegative(Napi::Env env, const char* call, const char* what, const Ints& list) {
  for (size_t i = 0; i < list.length; ++i) {
    if (list.data[i] < 0) {
      throw Napi::RangeError::New(env, std::string(call) + ": " + what + "[" + std::to_string(i) + "] " +
                                           std::to_string(list.data[i]) + " is negative");
    }
  }
}

int IntLength(Napi::Env env, const char* call, size_t n) {
  if (n > static_cast<size_t>(INT_MAX)) throw Napi::RangeError::New(env, std::string(call) + ": too many entries");
  return static_cast<int>(n);
}

// `out` by address: read only after the constructor (an argument beside it) has written it.
Napi::Value Made(Napi::Env env, int rc, const MPI_Datatype* out, const char* call) {
  errors::Check(env, rc, call);
  return Napi::Number::New(env, Add(env, *out));
}

// [size, lb, extent, true_lb, true_extent, combiner, committed], as measured when
// the type was made (so it still answers after MPI_Finalize).
Napi::Value Describe(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const Info& t = Entry(env, info[0]);
  if (!t.measured) environment::EnsureActive(env);
  auto out = Napi::Array::New(env, 7);
  uint32_t i = 0;
  for (double x : {double(t.size), double(t.lb), double(t.extent), double(t.true_lb), double(t.true_extent),
                   double(t.combiner), t.committed ? 1.0 : 0.0}) {
    out[i++] = Napi::Number::New(env, x);
  }
  return out;
}

Napi::Value Dup(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const Info& old = Old(env, info[0], "Dup");
  bool committed = old.committed;
  MPI_Datatype out;
  errors::Check(env, MPI_Type_dup(old.type, &out), "MPI_Type_dup (Dup)");
  int32_t id = Add(env, out);
  Types(env).Find(id)->committed = committed;  // MPI: the duplicate is committed if the original was
  return Napi::Number::New(env, id);
}

// count up to 2**53-1: beyond INT_MAX, MPI_Type_contiguous_c where the library has
// it, else BigMPI's emulation (as mpi4py does): a vector of q blocks of INT_MAX
// items and a contiguous remainder, joined by a struct.
Napi::Value CreateContiguous(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_contiguous";
  int64_t count = ReadInteger<int64_t>(env, info[0], call, "count", 0);
  // Exact doubles only (ReadInteger's 64-bit upper bound is exclusive, so checked here).
  if (count > (int64_t(1) << 53) - 1) {
    throw Napi::RangeError::New(env, std::string(call) + ": count " + std::to_string(count) + " is out of range (0 to 2**53-1)");
  }
  const Info& old = Old(env, info[1], call);
  Layout layout(call);
  layout.Block(0, count, old);
  layout.Items(count, old.size);
  layout.Fail(env);
  MPI_Datatype out;
  if (count <= INT_MAX) return Made(env, MPI_Type_contiguous(static_cast<int>(count), old.type, &out), &out, "MPI_Type_contiguous (Create_contiguous)");
#if MPI4JS_LARGE_COUNT
  return Made(env, MPI_Type_contiguous_c(static_cast<MPI_Count>(count), old.type, &out), &out, "MPI_Type_contiguous_c (Create_contiguous)");
#else
  int q = static_cast<int>(count / INT_MAX);
  int r = static_cast<int>(count % INT_MAX);
  MPI_Datatype parts[2];
  errors::Check(env, MPI_Type_vector(q, INT_MAX, INT_MAX, old.type, &parts[0]), "MPI_Type_vector (Create_contiguous)");
  int rc = MPI_Type_contiguous(r, old.type, &parts[1]);
  if (rc != MPI_SUCCESS) {
    MPI_Type_free(&parts[0]);
    errors::Throw(env, rc, "MPI_Type_contiguous (Create_contiguous)");
  }
  int blocks[2] = {1, 1};
  // Within kLimit: the layout check above covered count·extent.
  MPI_Aint displs[2] = {0, static_cast<MPI_Aint>(int64_t(q) * INT_MAX * old.extent)};
  rc = MPI_Type_create_struct(2, blocks, displs, parts, &out);
  MPI_Type_free(&parts[0]);
  MPI_Type_free(&parts[1]);
  return Made(env, rc, &out, "MPI_Type_create_struct (Create_contiguous)");
#endif
}

Napi::Value CreateVector(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_vector";
  int count = ReadCount(env, info[0], call, "count");
  int blocklength = ReadCount(env, info[1], call, "blocklength");
  int stride = ReadInt(env, info[2], call, "stride");
  const Info& old = Old(env, info[3], call);
  Layout layout(call);
  if (count > 0) {
    layout.Block(0, blocklength, old);
    layout.Block(Wide(count - 1) * stride * old.extent, blocklength, old);
  }
  layout.Items(Wide(count) * blocklength, old.size);
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env, MPI_Type_vector(count, blocklength, stride, old.type, &out), &out, "MPI_Type_vector (Create_vector)");
}

Napi::Value CreateHvector(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_hvector";
  int count = ReadCount(env, info[0], call, "count");
  int blocklength = ReadCount(env, info[1], call, "blocklength");
  MPI_Aint stride = ReadAint(env, info[2], call, "stride");
  const Info& old = Old(env, info[3], call);
  Layout layout(call);
  if (count > 0) {
    layout.Block(0, blocklength, old);
    layout.Block(Wide(count - 1) * stride, blocklength, old);
  }
  layout.Items(Wide(count) * blocklength, old.size);
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env, MPI_Type_create_hvector(count, blocklength, stride, old.type, &out), &out,
              "MPI_Type_create_hvector (Create_hvector)");
}

Napi::Value CreateIndexed(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_indexed";
  Ints blocks = IntList(env, info[0], call, "blocklengths");
  Ints displs = IntList(env, info[1], call, "displacements");
  SameLength(env, call, "blocklengths", blocks.length, "displacements", displs.length);
  NonNegative(env, call, "blocklengths", blocks);
  const Info& old = Old(env, info[2], call);
  Layout layout(call);
  for (size_t i = 0; i < blocks.length; ++i) {
    layout.Block(Wide(displs.data[i]) * old.extent, blocks.data[i], old);
    layout.Items(blocks.data[i], old.size);
  }
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env, MPI_Type_indexed(IntLength(env, call, blocks.length), blocks.data, displs.data, old.type, &out),
              &out, "MPI_Type_indexed (Create_indexed)");
}

Napi::Value CreateHindexed(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_hindexed";
  Ints blocks = IntList(env, info[0], call, "blocklengths");
  std::vector<MPI_Aint> displs = AintList(env, info[1], call, "displacements");
  SameLength(env, call, "blocklengths", blocks.length, "displacements", displs.size());
  NonNegative(env, call, "blocklengths", blocks);
  const Info& old = Old(env, info[2], call);
  Layout layout(call);
  for (size_t i = 0; i < blocks.length; ++i) {
    layout.Block(displs[i], blocks.data[i], old);
    layout.Items(blocks.data[i], old.size);
  }
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env,
              MPI_Type_create_hindexed(IntLength(env, call, blocks.length), blocks.data, displs.data(), old.type, &out),
              &out, "MPI_Type_create_hindexed (Create_hindexed)");
}

Napi::Value CreateIndexedBlock(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_indexed_block";
  int blocklength = ReadCount(env, info[0], call, "blocklength");
  Ints displs = IntList(env, info[1], call, "displacements");
  const Info& old = Old(env, info[2], call);
  Layout layout(call);
  for (size_t i = 0; i < displs.length; ++i) layout.Block(Wide(displs.data[i]) * old.extent, blocklength, old);
  layout.Items(Wide(displs.length) * blocklength, old.size);
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env,
              MPI_Type_create_indexed_block(IntLength(env, call, displs.length), blocklength, displs.data, old.type, &out),
              &out, "MPI_Type_create_indexed_block (Create_indexed_block)");
}

Napi::Value CreateHindexedBlock(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_hindexed_block";
  int blocklength = ReadCount(env, info[0], call, "blocklength");
  std::vector<MPI_Aint> displs = AintList(env, info[1], call, "displacements");
  const Info& old = Old(env, info[2], call);
  Layout layout(call);
  for (MPI_Aint d : displs) layout.Block(d, blocklength, old);
  layout.Items(Wide(displs.size()) * blocklength, old.size);
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env,
              MPI_Type_create_hindexed_block(IntLength(env, call, displs.size()), blocklength, displs.data(), old.type,
                                             &out),
              &out, "MPI_Type_create_hindexed_block (Create_hindexed_block)");
}

Napi::Value CreateStruct(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_struct";
  Ints blocks = IntList(env, info[0], call, "blocklengths");
  std::vector<MPI_Aint> displs = AintList(env, info[1], call, "displacements");
  Ints ids = IntList(env, info[2], call, "datatypes");
  SameLength(env, call, "blocklengths", blocks.length, "displacements", displs.size());
  SameLength(env, call, "blocklengths", blocks.length, "datatypes", ids.length);
  NonNegative(env, call, "blocklengths", blocks);
  std::vector<MPI_Datatype> types(ids.length);
  Layout layout(call);
  for (size_t i = 0; i < ids.length; ++i) {
    const Info& t = Old(env, Napi::Number::New(env, ids.data[i]), call);
    types[i] = t.type;
    layout.Block(displs[i], blocks.data[i], t);
    layout.Items(blocks.data[i], t.size);
  }
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env,
              MPI_Type_create_struct(IntLength(env, call, blocks.length), blocks.data, displs.data(), types.data(), &out),
              &out, "MPI_Type_create_struct (Create_struct)");
}

int Order(Napi::Env env, const Napi::Value& v, const char* call) {
  int order = ReadInt(env, v, call, "order");
  if (order != MPI_ORDER_C && order != MPI_ORDER_FORTRAN) {
    throw Napi::RangeError::New(env, std::string(call) + ": order " + std::to_string(order) +
                                         " is neither MPI.ORDER_C nor MPI.ORDER_FORTRAN");
  }
  return order;
}

// The whole array of a subarray or darray: the product of its sizes, of old's extent.
void WholeArray(Layout& layout, const Ints& sizes, const Info& old) {
  Wide items = 1;
  for (size_t i = 0; i < sizes.length; ++i) items = items * std::max(sizes.data[i], 0);
  layout.Block(0, items, old);
}

Napi::Value CreateSubarray(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_subarray";
  Ints sizes = IntList(env, info[0], call, "sizes");
  Ints subsizes = IntList(env, info[1], call, "subsizes");
  Ints starts = IntList(env, info[2], call, "starts");
  SameLength(env, call, "sizes", sizes.length, "subsizes", subsizes.length);
  SameLength(env, call, "sizes", sizes.length, "starts", starts.length);
  int order = Order(env, info[3], call);
  // MPI's rules, checked here: some libraries read out of bounds instead of failing.
  if (sizes.length == 0) throw Napi::RangeError::New(env, std::string(call) + ": sizes is empty (an array has 1 or more dimensions)");
  for (size_t i = 0; i < sizes.length; ++i) {
    int n = sizes.data[i], m = subsizes.data[i], at = starts.data[i];
    if (n < 1 || m < 0 || m > n || at < 0 || at > n - m) {
      throw Napi::RangeError::New(env, std::string(call) + ": dimension " + std::to_string(i) + " has size " +
                                           std::to_string(n) + ", subsize " + std::to_string(m) + " and start " +
                                           std::to_string(at) + " (needs size >= 1, 0 <= subsize <= size, "
                                           "0 <= start <= size - subsize)");
    }
  }
  const Info& old = Old(env, info[4], call);
  Layout layout(call);
  WholeArray(layout, sizes, old);
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env,
              MPI_Type_create_subarray(IntLength(env, call, sizes.length), sizes.data, subsizes.data, starts.data, order,
                                       old.type, &out),
              &out, "MPI_Type_create_subarray (Create_subarray)");
}

Napi::Value CreateDarray(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_darray";
  int size = ReadInt(env, info[0], call, "size");
  int rank = ReadInt(env, info[1], call, "rank");
  Ints gsizes = IntList(env, info[2], call, "gsizes");
  Ints distribs = IntList(env, info[3], call, "distribs");
  Ints dargs = IntList(env, info[4], call, "dargs");
  Ints psizes = IntList(env, info[5], call, "psizes");
  SameLength(env, call, "gsizes", gsizes.length, "distribs", distribs.length);
  SameLength(env, call, "gsizes", gsizes.length, "dargs", dargs.length);
  SameLength(env, call, "gsizes", gsizes.length, "psizes", psizes.length);
  int order = Order(env, info[6], call);
  // MPI's rules, checked here: some libraries read out of bounds instead of failing.
  auto fail = [&](const std::string& what) { throw Napi::RangeError::New(env, std::string(call) + ": " + what); };
  if (size < 1) fail("size " + std::to_string(size) + " is not positive");
  if (rank < 0 || rank >= size) fail("rank " + std::to_string(rank) + " is not in 0.." + std::to_string(size - 1));
  if (gsizes.length == 0) fail("gsizes is empty (an array has 1 or more dimensions)");
  int64_t processes = 1;
  for (size_t i = 0; i < gsizes.length; ++i) {
    std::string dim = " of dimension " + std::to_string(i);
    int g = gsizes.data[i], d = distribs.data[i], a = dargs.data[i], p = psizes.data[i];
    if (g < 1) fail("gsize" + dim + " " + std::to_string(g) + " is not positive");
    if (p < 1) fail("psize" + dim + " " + std::to_string(p) + " is not positive");
    if (d != MPI_DISTRIBUTE_BLOCK && d != MPI_DISTRIBUTE_CYCLIC && d != MPI_DISTRIBUTE_NONE) {
      fail("distrib" + dim + " " + std::to_string(d) + " is not MPI.DISTRIBUTE_BLOCK, _CYCLIC or _NONE");
    }
    if (a != MPI_DISTRIBUTE_DFLT_DARG && a < 1) fail("darg" + dim + " " + std::to_string(a) + " is neither positive nor MPI.DISTRIBUTE_DFLT_DARG");
    if (d == MPI_DISTRIBUTE_NONE && p != 1) fail("psize" + dim + " is " + std::to_string(p) + " but a DISTRIBUTE_NONE dimension has 1 process");
    if (d == MPI_DISTRIBUTE_BLOCK && a != MPI_DISTRIBUTE_DFLT_DARG && int64_t(a) * p < g) {
      fail("darg" + dim + " " + std::to_string(a) + " times psize " + std::to_string(p) + " does not cover gsize " + std::to_string(g));
    }
    processes *= p;
    if (processes > size) break;
  }
  if (processes != size) fail("the psizes multiply to " + (processes > size ? std::string("more than ") + std::to_string(size) : std::to_string(processes)) + ", not size " + std::to_string(size));
  const Info& old = Old(env, info[7], call);
  Layout layout(call);
  WholeArray(layout, gsizes, old);
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env,
              MPI_Type_create_darray(size, rank, IntLength(env, call, gsizes.length), gsizes.data, distribs.data,
                                     dargs.data, psizes.data, order, old.type, &out),
              &out, "MPI_Type_create_darray (Create_darray)");
}

Napi::Value CreateResized(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const char* call = "Create_resized";
  const Info& old = Old(env, info[0], call);
  MPI_Aint lb = ReadAint(env, info[1], call, "lb");
  MPI_Aint extent = ReadAint(env, info[2], call, "extent");
  Info resized = old;
  resized.lb = lb;
  resized.extent = extent;
  Layout layout(call);
  layout.Block(0, 1, resized);
  layout.Fail(env);
  MPI_Datatype out;
  return Made(env, MPI_Type_create_resized(old.type, lb, extent, &out), &out, "MPI_Type_create_resized (Create_resized)");
}

Napi::Value Commit(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  Info& entry = Entry(env, info[0], "MPI_Type_commit (Commit)");
  if (entry.type == MPI_DATATYPE_NULL) errors::ThrowDetail(env, MPI_ERR_TYPE, "Commit", "the datatype is MPI.DATATYPE_NULL");
  if (entry.predefined) return env.Undefined();  // committed from the start
  errors::Check(env, MPI_Type_commit(&entry.type), "MPI_Type_commit (Commit)");
  entry.committed = true;
  return env.Undefined();
}

Napi::Value Free(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int32_t id = IdValue(info.Env(), info[0], "datatype");
  Info& entry = Entry(env, info[0], "MPI_Type_free (Free)");
  if (entry.type == MPI_DATATYPE_NULL) errors::ThrowDetail(env, MPI_ERR_TYPE, "Free", "the datatype is MPI.DATATYPE_NULL (or freed)");
  if (entry.predefined) errors::ThrowDetail(env, MPI_ERR_TYPE, "Free", "a predefined datatype cannot be freed");
  errors::Check(env, MPI_Type_free(&entry.type), "MPI_Type_free (Free)");
  Types(env).Remove(id);
  return env.Undefined();
}

Napi::Value GetName(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const Info& t = Old(env, info[0], "Get_name");
  char name[MPI_MAX_OBJECT_NAME + 1] = {0};
  int len = 0;
  errors::Check(env, MPI_Type_get_name(t.type, name, &len), "MPI_Type_get_name (Get_name)");
  return Napi::String::New(env, name, static_cast<size_t>(std::max(0, std::min(len, MPI_MAX_OBJECT_NAME))));
}

Napi::Value SetName(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  const Info& t = Old(env, info[0], "Set_name");
  if (!info[1].IsString()) throw Napi::TypeError::New(env, "Set_name: name must be a string");
  std::string name = info[1].As<Napi::String>().Utf8Value();
  if (name.find('\0') != std::string::npos) throw Napi::TypeError::New(env, "Set_name: name contains a NUL character");
  // MPI truncates a longer name; say so instead.
  if (name.size() >= MPI_MAX_OBJECT_NAME) {
    throw Napi::RangeError::New(env, "Set_name: name has " + std::to_string(name.size()) + " bytes; MPI keeps at most " +
                                         std::to_string(MPI_MAX_OBJECT_NAME - 1));
  }
  errors::Check(env, MPI_Type_set_name(t.type, name.c_str()), "MPI_Type_set_name (Set_name)");
  return env.Undefined();
}

}  // namespace

Info Measure(MPI_Datatype type) {
  Info info;
  info.type = type;
  info.measured = true;
  if (type == MPI_DATATYPE_NULL) return info;
  MPI_Count size = 0, lb = 0, extent = 0, true_lb = 0, true_extent = 0;
  MPI_Type_size_x(type, &size);
  MPI_Type_get_extent_x(type, &lb, &extent);
  MPI_Type_get_true_extent_x(type, &true_lb, &true_extent);
  info.size = size;
  info.lb = lb;
  info.extent = extent;
  info.true_lb = true_lb;
  info.true_extent = true_extent;
  int ni = 0, na = 0, nd = 0;
  MPI_Type_get_envelope(type, &ni, &na, &nd, &info.combiner);
  info.predefined = info.combiner == MPI_COMBINER_NAMED || info.combiner == MPI_COMBINER_F90_INTEGER ||
                    info.combiner == MPI_COMBINER_F90_REAL || info.combiner == MPI_COMBINER_F90_COMPLEX;
  info.committed = info.predefined;
  return info;
}

const Info& Get(Napi::Env env, const Napi::Value& v) { return Entry(env, v); }

int32_t IdOf(napi_env env, MPI_Datatype type) { return Types(env).IdOf(type); }

void Setup(napi_env env) {
  const auto& list = Predefined();
  for (size_t id = 0; id < list.size(); ++id) Types(env).Reserve(static_cast<int32_t>(id), Measure(list[id].type));
}

void Init(Napi::Env env, Napi::Object exports) {
  // Predefined entries before MPI runs: committed, measured at Setup.
  const auto& list = Predefined();
  for (size_t id = 0; id < list.size(); ++id) {
    Info info;
    info.type = list[id].type;
    info.predefined = info.committed = list[id].type != MPI_DATATYPE_NULL;
    Types(env).Reserve(static_cast<int32_t>(id), info);
  }
  auto datatype = Napi::Object::New(env);
  InitPredefined(env, datatype);
  Register(env, datatype, "describe", Describe);
  Register(env, datatype, "dup", Dup);
  Register(env, datatype, "createContiguous", CreateContiguous);
  Register(env, datatype, "createVector", CreateVector);
  Register(env, datatype, "createHvector", CreateHvector);
  Register(env, datatype, "createIndexed", CreateIndexed);
  Register(env, datatype, "createHindexed", CreateHindexed);
  Register(env, datatype, "createIndexedBlock", CreateIndexedBlock);
  Register(env, datatype, "createHindexedBlock", CreateHindexedBlock);
  Register(env, datatype, "createStruct", CreateStruct);
  Register(env, datatype, "createSubarray", CreateSubarray);
  Register(env, datatype, "createDarray", CreateDarray);
  Register(env, datatype, "createResized", CreateResized);
  Register(env, datatype, "commit", Commit);
  Register(env, datatype, "free", Free);
  Register(env, datatype, "getName", GetName);
  Register(env, datatype, "setName", SetName);
  exports["datatype"] = datatype;
}

}  // namespace mpi4js::datatype
