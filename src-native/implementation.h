// The one place where Open MPI and MPICH differ as far as the addon cares.
#pragma once
#include <mpi.h>

#if defined(OPEN_MPI)
#define MPI4JS_FAMILY "Open MPI"
// Open MPI 3.x, 4.x and 5.0.x all ship this soname.
#define MPI4JS_LIBMPI_SONAME "libmpi.so.40"
#define MPI4JS_BUILT_MAJOR OMPI_MAJOR_VERSION
#define MPI4JS_BUILT_MINOR OMPI_MINOR_VERSION
#define MPI4JS_BUILT_RELEASE OMPI_RELEASE_VERSION
#elif defined(MPICH_VERSION)
#define MPI4JS_FAMILY "MPICH"
#define MPI4JS_LIBMPI_SONAME "libmpi.so.12"
#define MPI4JS_BUILT_MAJOR (MPICH_NUMVERSION / 10000000)
#define MPI4JS_BUILT_MINOR ((MPICH_NUMVERSION / 100000) % 100)
#define MPI4JS_BUILT_RELEASE ((MPICH_NUMVERSION / 1000) % 100)
#else
#define MPI4JS_FAMILY "unknown"
#define MPI4JS_LIBMPI_SONAME "libmpi.so"
#define MPI4JS_BUILT_MAJOR 0
#define MPI4JS_BUILT_MINOR 0
#define MPI4JS_BUILT_RELEASE 0
#endif
