// Prebuilds must load with gcc 10's libstdc++ (Raspberry Pi OS bullseye,
// GLIBCXX_3.4.28) though they are built with gcc 12: since gcc 11, every
// std::vector or new[] of a run-time length may call
// std::__throw_bad_array_new_length, which libstdc++ exports only from
// GLIBCXX_3.4.29. A hidden definition here binds those calls inside the addon
// (scripts/prebuild.sh checks the versions the binary needs).
#include <new>

#if defined(__GLIBCXX__) && defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE >= 11
namespace std {
__attribute__((visibility("hidden"))) void __throw_bad_array_new_length() { throw bad_array_new_length(); }
}  // namespace std
#endif
