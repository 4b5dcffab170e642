/* Can this MPI library spawn at all? test/spawn.test.ts runs it under the
 * route's mpirun before the spawn programs: if C itself cannot spawn one
 * child here, the programs are reported skipped with the library's words. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm parent;
  MPI_Comm_get_parent(&parent);
  if (parent == MPI_COMM_NULL) {
    MPI_Comm children;
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    int rc = MPI_Comm_spawn(argv[0], MPI_ARGV_NULL, 1, MPI_INFO_NULL, 0, MPI_COMM_WORLD, &children, MPI_ERRCODES_IGNORE);
    if (rc != MPI_SUCCESS) {
      char text[MPI_MAX_ERROR_STRING];
      int n = 0;
      MPI_Error_string(rc, text, &n);
      printf("spawn failed: %s\n", text);
      MPI_Finalize();
      return 1;
    }
    MPI_Comm_disconnect(&children);
    printf("spawn ok\n");
  } else {
    MPI_Comm_disconnect(&parent);
  }
  MPI_Finalize();
  return 0;
}
