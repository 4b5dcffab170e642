/**
 * `mpi4js bench`, as `python -m mpi4py.bench`: quick checks of an MPI
 * installation, run under mpirun (`mpirun -n 4 npx mpi4js bench helloworld`).
 */
import { MPI } from '../index';

const comm = MPI.COMM_WORLD;

/**
 * Each rank says hello, in rank order. mpirun forwards each rank's output on a
 * stream of its own, so a token passed from rank to rank does not order the
 * lines on the terminal (CI once showed rank 1 before rank 0): rank 0 gathers
 * the greetings and prints them.
 */
export function helloworld(quiet = false): void {
  const greeting = `Hello, World! I am process ${comm.rank} of ${comm.size} on ${MPI.Get_processor_name()}.\n`;
  const greetings = comm.gather(greeting, 0);
  if (!quiet && greetings) process.stdout.write(greetings.join(''));
}

/** A message of size bytes goes round the ring 0 → 1 → … → 0, loop times after skip warm-ups. */
export function ringtest(size = 1, skip = 0, loop = 1, quiet = false): number {
  const send = new Uint8Array(size).fill(42);
  const recv = new Uint8Array(size);
  const next = (comm.rank + 1) % comm.size;
  const prev = (comm.rank - 1 + comm.size) % comm.size;
  let t0 = 0;
  for (let i = 0; i < skip + loop; i++) {
    if (i === skip) t0 = MPI.Wtime();
    if (comm.size === 1) comm.Sendrecv(send, 0, 0, recv, 0, 0);
    else if (comm.rank === 0) {
      comm.Send(send, next, 0);
      comm.Recv(recv, prev, 0);
    } else {
      comm.Recv(recv, prev, 0);
      comm.Send(recv, next, 0);
    }
  }
  const elapsed = MPI.Wtime() - t0;
  if (comm.rank === 0 && !quiet) {
    if (!recv.every((b) => b === 42)) process.stderr.write('ringtest: the data came back changed\n');
    process.stdout.write(`time for ${loop} loops = ${elapsed.toPrecision(6)} seconds (${comm.size} processes, ${size} bytes)\n`);
  }
  return elapsed;
}

/**
 * Latency and bandwidth between ranks 0 and 1 for the powers of two within
 * min…max. On one rank, as mpi4py.bench does, the rank measures a round trip to
 * itself (two Sendrecv with itself): the cost of MPI's self path.
 */
export function pingpong(min = 1, max = 1 << 20, skip = 100, loop = 10000): void {
  // The powers of two within min…max, as mpi4py.bench chooses them.
  const sizes = Array.from({ length: 31 }, (_, i) => 2 ** i).filter((n) => n >= min && n <= max);
  const largest = sizes[sizes.length - 1] ?? 0;
  const buf = new Uint8Array(largest);
  const back = comm.size === 1 ? new Uint8Array(largest) : buf;
  if (comm.rank === 0) {
    process.stdout.write(`# MPI PingPong Test${comm.size === 1 ? ' (1 process: rank 0 with itself)' : ''}\n`);
    process.stdout.write(`# ${'Size [B]'.padStart(10)}  ${'Bandwidth [MB/s]'.padStart(16)} | ${'Time Mean [s]'.padStart(13)} ± StdDev [s]  Samples\n`);
  }
  for (const size of sizes) {
    const view = buf.subarray(0, size);
    const echo = back.subarray(0, size);
    // Fewer iterations for large (> 16 KiB) and huge (> 1 MiB) messages, as mpi4py.bench.
    const big = size > 1 << 20 ? 2 : size > 16384 ? 1 : 0;
    const [n, warm] = [[loop, skip], [loop / 10, skip / 10], [loop / 1000, skip / 100]][big].map((x) => Math.max(1, Math.floor(x)));
    const samples: number[] = [];
    comm.Barrier();
    for (let i = 0; i < warm + n; i++) {
      const t0 = MPI.Wtime();
      if (comm.size === 1) {
        comm.Sendrecv(view, 0, 0, echo, 0, 0);
        comm.Sendrecv(echo, 0, 0, view, 0, 0);
      } else if (comm.rank === 0) {
        comm.Send(view, 1, 0);
        comm.Recv(view, 1, 0);
      } else if (comm.rank === 1) {
        comm.Recv(view, 0, 0);
        comm.Send(view, 0, 0);
      }
      if (i >= warm) samples.push((MPI.Wtime() - t0) / 2);
    }
    if (comm.rank === 0) {
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length);
      process.stdout.write(`  ${String(size).padStart(10)}  ${(size / mean / 1e6).toFixed(2).padStart(16)} | ${mean.toExponential(7)} ± ${sd.toExponential(4)}  ${samples.length}\n`);
    }
  }
}

/** The empty task of `bench futures` (the workers load it from this module). */
export function empty(): void {}

/**
 * mpi4js/futures' throughput: `tasks` empty tasks through executor.map,
 * rank 0 the client and the other ranks its workers (MPICommExecutor over the
 * world, as `mpi4js futures` arranges; on one rank the client runs them
 * itself), after a warm-up in which every worker loads the task. Rank 0 prints
 * tasks per second, or with json a line for the benchmark runner (bench/run.ts).
 * mpi4py 3.1.4 has no such bench (bench/mpi4py/futures.py is its counterpart).
 */
export async function futures(tasks = 10000, json = false, quiet = false): Promise<number> {
  const { MPICommExecutor } = require('../futures') as typeof import('../futures');
  const pool = new MPICommExecutor(comm, 0);
  const executor = await pool.enter();
  if (executor === null) return 0; // a worker, until rank 0 is done
  const task = `${__filename}#empty`;
  const drain = async (n: number) => {
    for await (const _ of executor.map(task, Array.from({ length: n }, (_, i) => i))) void _;
  };
  let elapsed: number;
  try {
    await drain(Math.max(4, 4 * executor.num_workers));
    const t0 = MPI.Wtime();
    await drain(tasks);
    elapsed = MPI.Wtime() - t0;
  } finally {
    await pool.exit();
  }
  const rate = tasks / elapsed;
  const workers = comm.size - 1;
  if (json) process.stdout.write(`${JSON.stringify({ bench: 'futures', impl: 'mpi4js', size: null, case: 'empty task', np: comm.size, value: rate, unit: 'tasks/s' })}\n`);
  else if (!quiet) {
    const who = workers === 0 ? 'run by the client itself (1 process)' : `on ${workers} worker(s)`;
    process.stdout.write(`futures: ${tasks} empty tasks ${who}: ${rate.toFixed(0)} tasks/s (${((1e6 * elapsed) / tasks).toFixed(1)} µs per task)\n`);
  }
  return rate;
}
