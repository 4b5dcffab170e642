/*
 * The C reference of mpi4js's benchmarks: the OSU micro-benchmark method
 * (warm-up, timed iterations, median of repetitions), printing one JSON line
 * per figure, the format bench/osu.ts and bench/mpi4py/osu.py print too.
 *
 *   osu latency|bw|allreduce|bcast|barrier <scale> <size> [<size> ...]   (barrier: size 0)
 *
 * scale divides the iteration counts (--quick runs use 20).
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPS 5

static int rank, nprocs;

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, n, sizeof *v, cmp);
  return v[n / 2];
}

static void emit(const char *bench, long size, double value, const char *unit) {
  if (rank == 0)
    printf("{\"bench\":\"%s\",\"impl\":\"C\",\"size\":%ld,\"np\":%d,\"value\":%.6g,\"unit\":\"%s\"}\n", bench, size, nprocs,
           value, unit);
}

static int iterations(long bytes, int scale, int small, int large, int huge) {
  int n = bytes <= 8192 ? small : bytes <= (1 << 20) ? large : huge;
  n /= scale;
  return n < 2 ? 2 : n;
}

static void *buffer(long bytes) {
  char *p = malloc(bytes > 0 ? bytes : 1);
  memset(p, 1, bytes > 0 ? bytes : 1);
  return p;
}

/* One-way latency in µs: half the round trip of blocking Send/Recv. */
static void latency(long bytes, int scale) {
  char *s = buffer(bytes), *r = buffer(bytes);
  int iters = iterations(bytes, scale, 10000, 1000, 40), skip = iters / 10 + 1;
  double t[REPS];
  for (int rep = 0; rep < REPS; rep++) {
    MPI_Barrier(MPI_COMM_WORLD);
    double t0 = 0;
    for (int i = 0; i < iters + skip; i++) {
      if (i == skip) t0 = MPI_Wtime();
      if (rank == 0) {
        MPI_Send(s, (int)bytes, MPI_BYTE, 1, 1, MPI_COMM_WORLD);
        MPI_Recv(r, (int)bytes, MPI_BYTE, 1, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      } else if (rank == 1) {
        MPI_Recv(r, (int)bytes, MPI_BYTE, 0, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Send(s, (int)bytes, MPI_BYTE, 0, 1, MPI_COMM_WORLD);
      }
    }
    t[rep] = (MPI_Wtime() - t0) / iters / 2 * 1e6;
  }
  emit("latency", bytes, median(t, REPS), "us");
  free(s);
  free(r);
}

/* Bandwidth in MB/s: a window of 64 Isends, then a 4-byte acknowledgement. */
static void bandwidth(long bytes, int scale) {
  enum { WINDOW = 64 };
  char *s = buffer(bytes), *r = buffer(bytes * WINDOW), ack[4];
  MPI_Request req[WINDOW];
  int loops = iterations(bytes, scale, 100, 20, 3), skip = loops / 10 + 1;
  double t[REPS];
  for (int rep = 0; rep < REPS; rep++) {
    MPI_Barrier(MPI_COMM_WORLD);
    double t0 = 0;
    for (int i = 0; i < loops + skip; i++) {
      if (i == skip) t0 = MPI_Wtime();
      if (rank == 0) {
        for (int w = 0; w < WINDOW; w++) MPI_Isend(s, (int)bytes, MPI_BYTE, 1, 2, MPI_COMM_WORLD, &req[w]);
        MPI_Waitall(WINDOW, req, MPI_STATUSES_IGNORE);
        MPI_Recv(ack, 4, MPI_BYTE, 1, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      } else if (rank == 1) {
        for (int w = 0; w < WINDOW; w++) MPI_Irecv(r + w * bytes, (int)bytes, MPI_BYTE, 0, 2, MPI_COMM_WORLD, &req[w]);
        MPI_Waitall(WINDOW, req, MPI_STATUSES_IGNORE);
        MPI_Send(ack, 4, MPI_BYTE, 0, 3, MPI_COMM_WORLD);
      }
    }
    t[rep] = (double)bytes * loops * WINDOW / (MPI_Wtime() - t0) / 1e6;
  }
  emit("bandwidth", bytes, median(t, REPS), "MB/s");
  free(s);
  free(r);
}

/* Collectives: per-iteration time, an untimed barrier after each, averaged over ranks. */
static void collective(const char *bench, long n, int scale) {
  int allreduce = strcmp(bench, "allreduce") == 0, barrier = strcmp(bench, "barrier") == 0;
  long bytes = allreduce ? n * 8 : n;
  char *s = buffer(bytes), *r = buffer(bytes);
  int iters = iterations(bytes, scale, 1000, 100, 20), skip = iters / 10 + 1;
  double t[REPS];
  for (int rep = 0; rep < REPS; rep++) {
    double total = 0;
    MPI_Barrier(MPI_COMM_WORLD);
    for (int i = 0; i < iters + skip; i++) {
      double t0 = MPI_Wtime();
      if (allreduce) MPI_Allreduce(s, r, (int)n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
      else if (barrier) MPI_Barrier(MPI_COMM_WORLD);
      else MPI_Bcast(s, (int)n, MPI_BYTE, 0, MPI_COMM_WORLD);
      if (i >= skip) total += MPI_Wtime() - t0;
      MPI_Barrier(MPI_COMM_WORLD);
    }
    double mine = total / iters * 1e6, sum = 0;
    MPI_Allreduce(&mine, &sum, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    t[rep] = sum / nprocs;
  }
  emit(bench, n, median(t, REPS), "us");
  free(s);
  free(r);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &nprocs);
  if (argc < 4) {
    if (rank == 0) fprintf(stderr, "usage: osu latency|bw|allreduce|bcast|barrier <scale> <size>...\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  int scale = atoi(argv[2]);
  for (int i = 3; i < argc; i++) {
    long size = atol(argv[i]);
    if (!strcmp(argv[1], "latency")) latency(size, scale);
    else if (!strcmp(argv[1], "bw")) bandwidth(size, scale);
    else collective(argv[1], size, scale);
  }
  fflush(stdout);
  MPI_Finalize();
  return 0;
}
