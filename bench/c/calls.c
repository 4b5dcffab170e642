/* C's side of bench/calls.ts: MPI_Send to MPI_PROC_NULL in a loop. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  char buf[8];
  const int n = 2000000;
  double t0 = MPI_Wtime();
  for (int i = 0; i < n; i++) MPI_Send(buf, 8, MPI_BYTE, MPI_PROC_NULL, 0, MPI_COMM_WORLD);
  printf("%-36s %.1f ns\n", "C MPI_Send(buf, PROC_NULL)", (MPI_Wtime() - t0) / n * 1e9);
  MPI_Finalize();
  return 0;
}
