// A deliberate fault, compiled only into the sanitizer build (scripts/sanitize.sh
// adds this file and defines MPI4JS_SANITIZER_SELF_TEST; the normal build has
// neither). It proves the detector and the report filter work: the run must
// report this read as a finding in mpi4js's own frames, or the check fails.
#include <napi.h>

namespace mpi4js {
namespace sanitizer_self_test {

// noinline and volatile so the compiler neither folds the read away nor proves
// it out of bounds at compile time: the run-time check is what is tested.
__attribute__((noinline)) static int ReadOnePastTheEnd(volatile int index) {
  int *cells = new int[4]{1, 2, 3, 4};
  int value = cells[index];  // index is 4: one past the end of the heap array
  delete[] cells;
  return value;
}

static Napi::Value SelfTest(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), ReadOnePastTheEnd(4));
}

void Init(Napi::Env env, Napi::Object exports) {
  exports.Set("__asanSelfTest", Napi::Function::New(env, SelfTest, "__asanSelfTest"));
}

}  // namespace sanitizer_self_test
}  // namespace mpi4js
