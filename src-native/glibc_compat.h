// Prebuilds must load on Raspberry Pi OS bullseye (glibc 2.31) though they are
// built on bookworm (2.36): glibc 2.34 moved dlopen, dlsym and dladdr into libc
// under a new symbol version, so bind them to the versions older glibcs export.
#pragma once

#if defined(__GLIBC__) && !defined(MPI4JS_NO_SYMVER)
#if defined(__x86_64__)
#define MPI4JS_GLIBC_BASE "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define MPI4JS_GLIBC_BASE "GLIBC_2.17"
#elif defined(__arm__)
#define MPI4JS_GLIBC_BASE "GLIBC_2.4"
#endif
#ifdef MPI4JS_GLIBC_BASE
__asm__(".symver dlopen,dlopen@" MPI4JS_GLIBC_BASE);
__asm__(".symver dlsym,dlsym@" MPI4JS_GLIBC_BASE);
__asm__(".symver dladdr,dladdr@" MPI4JS_GLIBC_BASE);
#endif
#endif
