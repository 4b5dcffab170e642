// mpi4js's side of the benchmarks: the same method and output as bench/c/osu.c
// (one JSON line per figure), for typed arrays (uppercase calls) and for
// JavaScript values (lowercase calls).
//
//   node .build/bench/osu.js latency|bw|allreduce|bcast|barrier <scale> <size>...   (barrier: size 0)
//   node .build/bench/osu.js object-pingpong|object-bcast <scale> tiny|array1000|nested...
import { MPI } from 'mpi4js';

import { makeCase } from './cases';

const comm = MPI.COMM_WORLD;
const { rank, size: nprocs } = comm;
const REPS = 5;

function median(v: number[]): number {
  return [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
}

/**
 * The Node-API floor (bench/floor/floor.c), when MPI4JS_BENCH_FLOOR names its
 * addon: the same loops with each MPI call made through a minimal binding.
 */
interface Floor {
  Send(comm: number, buf: Uint8Array, count: number, datatype: number, dest: number, tag: number): void;
  Recv(comm: number, buf: Uint8Array, count: number, datatype: number, source: number, tag: number): void;
  Bcast(comm: number, buf: Uint8Array, count: number, datatype: number, root: number): void;
  Allreduce(comm: number, sendbuf: Float64Array, recvbuf: Float64Array, count: number, datatype: number, op: number): void;
  Barrier(comm: number): void;
}
// Its table's ids: COMM_WORLD 1, BYTE 0, DOUBLE 1, SUM 0.
const [WORLD, BYTE, DOUBLE, SUM] = [1, 0, 1, 0];
// eslint-disable-next-line @typescript-eslint/no-var-requires
const floor: Floor | undefined = process.env.MPI4JS_BENCH_FLOOR ? require(process.env.MPI4JS_BENCH_FLOOR) : undefined;

const IMPL = floor ? 'Node-API floor' : process.env.MPI4JS_PICKLE === 'msgpack' ? 'mpi4js+msgpackr' : 'mpi4js';

/** The calls the loops make, with the benchmark's arguments: mpi4js's, or the floor's. */
interface Calls {
  send(buf: Uint8Array, dest: number, tag: number): void;
  recv(buf: Uint8Array, source: number, tag: number): void;
  bcast(buf: Uint8Array, root: number): void;
  allreduce(sendbuf: Float64Array, recvbuf: Float64Array): void;
  barrier(): void;
}
// Chosen once, so the timed loops test nothing but their own work.
const SUM_OP = MPI.SUM;
const calls: Calls = floor
  ? {
      send: (buf, dest, tag) => floor.Send(WORLD, buf, buf.length, BYTE, dest, tag),
      recv: (buf, source, tag) => floor.Recv(WORLD, buf, buf.length, BYTE, source, tag),
      bcast: (buf, root) => floor.Bcast(WORLD, buf, buf.length, BYTE, root),
      allreduce: (s, r) => floor.Allreduce(WORLD, s, r, s.length, DOUBLE, SUM),
      barrier: () => floor.Barrier(WORLD),
    }
  : {
      send: (buf, dest, tag) => comm.Send(buf, dest, tag),
      recv: (buf, source, tag) => comm.Recv(buf, source, tag),
      bcast: (buf, root) => comm.Bcast(buf, root),
      allreduce: (s, r) => comm.Allreduce(s, r, SUM_OP),
      barrier: () => comm.Barrier(),
    };

function emit(bench: string, label: string | number, value: number, unit: string, impl = IMPL): void {
  if (rank !== 0) return;
  const size = typeof label === 'number' ? label : null;
  const kase = typeof label === 'string' ? label : undefined;
  process.stdout.write(`${JSON.stringify({ bench, impl, size, case: kase, np: nprocs, value: Number(value.toPrecision(6)), unit })}\n`);
}

function iterations(bytes: number, scale: number, small: number, large: number, huge: number): number {
  const n = (bytes <= 8192 ? small : bytes <= 1 << 20 ? large : huge) / scale;
  return Math.max(2, Math.floor(n));
}

/** Time reps runs of iters iterations after skip untimed ones; the median per-iteration time in seconds. */
function timed(iters: number, body: () => void): number {
  const skip = Math.floor(iters / 10) + 1;
  const t: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    comm.Barrier();
    for (let i = 0; i < skip; i++) body();
    const t0 = MPI.Wtime();
    for (let i = 0; i < iters; i++) body();
    t.push((MPI.Wtime() - t0) / iters);
  }
  return median(t);
}

function latency(bytes: number, scale: number): void {
  const s = new Uint8Array(bytes).fill(1);
  const r = new Uint8Array(bytes);
  const iters = iterations(bytes, scale, 10000, 1000, 40);
  const { send, recv } = calls;
  const t = timed(iters, () => {
    if (rank === 0) {
      send(s, 1, 1);
      recv(r, 1, 1);
    } else if (rank === 1) {
      recv(r, 0, 1);
      send(s, 0, 1);
    }
  });
  emit('latency', bytes, (t / 2) * 1e6, 'us');
}

function bandwidth(bytes: number, scale: number): void {
  const WINDOW = 64;
  const s = new Uint8Array(bytes).fill(1);
  const r = Array.from({ length: WINDOW }, () => new Uint8Array(bytes));
  const ack = new Uint8Array(4);
  const reqs = new Array<InstanceType<typeof MPI.Request>>(WINDOW);
  const loops = iterations(bytes, scale, 100, 20, 3);
  const t = timed(loops, () => {
    if (rank === 0) {
      for (let w = 0; w < WINDOW; w++) reqs[w] = comm.Isend(s, 1, 2);
      MPI.Request.Waitall(reqs);
      comm.Recv(ack, 1, 3);
    } else if (rank === 1) {
      for (let w = 0; w < WINDOW; w++) reqs[w] = comm.Irecv(r[w], 0, 2);
      MPI.Request.Waitall(reqs);
      comm.Send(ack, 0, 3);
    }
  });
  emit('bandwidth', bytes, (bytes * WINDOW) / t / 1e6, 'MB/s');
}

/** Per-iteration time with an untimed barrier after each, averaged over ranks (OSU ≥ 5). */
function collective(bench: 'allreduce' | 'bcast' | 'barrier', n: number, scale: number): void {
  const bytes = bench === 'allreduce' ? n * 8 : n;
  // Each benchmark's buffers only (a 1 MiB Bcast needs no 8 MiB of doubles).
  const s = new Float64Array(bench === 'allreduce' ? n : 0).fill(1);
  const r = new Float64Array(bench === 'allreduce' ? n : 0);
  const buf = new Uint8Array(bench === 'bcast' ? n : 0).fill(1);
  const call = bench === 'allreduce' ? () => calls.allreduce(s, r) : bench === 'barrier' ? calls.barrier : () => calls.bcast(buf, 0);
  const iters = iterations(bytes, scale, 1000, 100, 20);
  const skip = Math.floor(iters / 10) + 1;
  const t: number[] = [];
  const mine = new Float64Array(1);
  const sum = new Float64Array(1);
  for (let rep = 0; rep < REPS; rep++) {
    let total = 0;
    comm.Barrier();
    for (let i = 0; i < iters + skip; i++) {
      const t0 = MPI.Wtime();
      call();
      if (i >= skip) total += MPI.Wtime() - t0;
      comm.Barrier();
    }
    mine[0] = (total / iters) * 1e6;
    comm.Allreduce(mine, sum, MPI.SUM);
    t.push(sum[0] / nprocs);
  }
  emit(bench, n, median(t), 'us');
}

function objectPingpong(name: string, scale: number): void {
  const value = makeCase(name);
  const iters = iterations(name === 'tiny' ? 8 : 100_000, scale, 10000, 2000, 2000);
  const t = timed(iters, () => {
    if (rank === 0) {
      comm.send(value, 1, 1);
      comm.recv(1, 1);
    } else if (rank === 1) {
      comm.send(comm.recv(0, 1), 0, 1);
    }
  });
  emit('object ping-pong', name, (t / 2) * 1e6, 'us');
}

function objectBcast(name: string, scale: number): void {
  const value = makeCase(name);
  const iters = iterations(100_000, scale, 1000, 1000, 1000);
  const t = timed(iters, () => {
    comm.bcast(rank === 0 ? value : undefined, 0);
  });
  emit('object bcast', name, t * 1e6, 'us');
}

const [mode, scaleArg, ...args] = process.argv.slice(2);
const scale = Number(scaleArg);
for (const arg of args) {
  if (mode === 'latency') latency(Number(arg), scale);
  else if (mode === 'bw') bandwidth(Number(arg), scale);
  else if (mode === 'allreduce' || mode === 'bcast' || mode === 'barrier') collective(mode, Number(arg), scale);
  else if (mode === 'object-pingpong') objectPingpong(arg, scale);
  else if (mode === 'object-bcast') objectBcast(arg, scale);
  else throw new Error(`unknown benchmark ${mode}`);
}
