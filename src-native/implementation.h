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

// What the headers the addon is compiled against provide. MPI-4.0 brought the
// large-count `_c` routines, MPI_Isendrecv(_replace) and persistent
// collectives; MPI-4.1 the automatic send buffer and MPI_Request_get_status_*.
// Open MPI 4.1 (Raspberry Pi OS bookworm) is MPI-3.1; MPICH 4 is MPI-4.
// lib/ reads these as native.environment.features and throws
// NotImplementedError (lib/errors.ts) for a routine that is missing.
#if MPI_VERSION >= 4
#define MPI4JS_MPI4 1
#else
#define MPI4JS_MPI4 0
#endif
#if MPI_VERSION > 4 || (MPI_VERSION == 4 && MPI_SUBVERSION >= 1)
#define MPI4JS_MPI41 1
#else
#define MPI4JS_MPI41 0
#endif
#define MPI4JS_LARGE_COUNT MPI4JS_MPI4

// The split types of MPI_Comm_split_type that mpi4py exports: MPI-4.0 added
// COMM_TYPE_HW_GUIDED and HW_UNGUIDED (MPICH 4, Open MPI 5), MPI-4.1
// RESOURCE_GUIDED. One this library lacks is MPI_UNDEFINED, as mpi4py has it:
// Split_type then gives COMM_NULL. (Open MPI's own OMPI_COMM_TYPE_* kinds are
// not exported by mpi4py; Split_type takes their values as any other int.)
// MPICH defines them as macros; Open MPI as enumerators (5.0: the HW kinds, 6.0: RESOURCE_GUIDED).
#if defined(MPI_COMM_TYPE_HW_GUIDED) || (defined(OPEN_MPI) && OMPI_MAJOR_VERSION >= 5)
#define MPI4JS_COMM_TYPE_HW_GUIDED MPI_COMM_TYPE_HW_GUIDED
#else
#define MPI4JS_COMM_TYPE_HW_GUIDED MPI_UNDEFINED
#endif
#if defined(MPI_COMM_TYPE_HW_UNGUIDED) || (defined(OPEN_MPI) && OMPI_MAJOR_VERSION >= 5)
#define MPI4JS_COMM_TYPE_HW_UNGUIDED MPI_COMM_TYPE_HW_UNGUIDED
#else
#define MPI4JS_COMM_TYPE_HW_UNGUIDED MPI_UNDEFINED
#endif
#if defined(MPI_COMM_TYPE_RESOURCE_GUIDED) || (defined(OPEN_MPI) && OMPI_MAJOR_VERSION >= 6)
#define MPI4JS_COMM_TYPE_RESOURCE_GUIDED MPI_COMM_TYPE_RESOURCE_GUIDED
#else
#define MPI4JS_COMM_TYPE_RESOURCE_GUIDED MPI_UNDEFINED
#endif
// MPI_Comm_idup_with_info is MPI-4.0 (Open MPI 4.1 lacks it; lib/ throws NotImplementedError there).
#define MPI4JS_HAVE_IDUP_WITH_INFO MPI4JS_MPI4

// MPICH (4.0.2's ROMIO) gives a newly opened file MPI_FILE_NULL's error handler
// without taking a reference, yet drops one when the file is closed or given
// another handler: a user handler set on FILE_NULL and then freed by the
// program (MPI.FILE_NULL.Set_errhandler(eh); eh.Free()) would be freed under
// MPI, which then fails an assertion and aborts. file.cc takes that reference.
#if defined(MPICH_VERSION)
#define MPI4JS_FILE_OPEN_TAKES_NO_ERRHANDLER_REF 1
#else
#define MPI4JS_FILE_OPEN_TAKES_NO_ERRHANDLER_REF 0
#endif

// The buffer MPI_Error_string writes into. MPICH before 4.3 (Debian's 4.0.2)
// writes an error stack longer than MPI_MAX_ERROR_STRING past its end
// (MPIR_Err_print_stack_string, fixed by pmodels/mpich#7885): a truncated
// collective's error smashed the stack. Its ring holds at most 128 entries of
// at most MPI_MAX_ERROR_STRING bytes plus their location, so this bounds it.
#if defined(MPICH_VERSION)
#define MPI4JS_ERROR_STRING_CAPACITY (128 * (MPI_MAX_ERROR_STRING + 256))
#else
#define MPI4JS_ERROR_STRING_CAPACITY MPI_MAX_ERROR_STRING
#endif
