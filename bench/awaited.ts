// What awaiting costs: ping-pong latency of awaited Isend/Irecv (completed by
// the progress engine) beside the same exchange with blocking Send/Recv, and
// the CPU a rank burns while it awaits a message, and how many of an awaited
// ping-pong's completions the engine found polling rather than on a timer tick
// (a figure that depends on the machine's load, so a benchmark's, not a test's).
//
//   npm run build:dev && sh scripts/mpiexec.sh -n 2 node .build/bench/awaited.js [--quick]
//     prints both ping-pongs and the CPU share as a table;
//   node .build/bench/awaited.js awaited <scale> <size>... | idle-await <scale> <seconds>
//     one JSON line per figure, as bench/osu.ts (bench/run.ts runs it so):
//     MPI4JS_BENCH_AWAIT=1 the awaited ping-pong, else the blocking one.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { MPI } from 'mpi4js';

import { AWAITED, BLOCKING } from './report';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
const peer = 1 - rank;

if (comm.size !== 2) throw new Error('run on exactly 2 ranks');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Half a round trip in µs, the median of many short repetitions (the OSU
 * method): on a shared machine a rank is now and then descheduled for
 * milliseconds (C's own ping-pong shows it), which a long loop's mean would
 * carry; short loops let the median see the code's cost.
 */
async function measure(run: (iters: number) => Promise<void> | void, iters: number, reps: number): Promise<number> {
  const times: number[] = [];
  await run(iters * 5); // warm-up: JIT, page faults, the progress engine settling
  for (let r = 0; r < reps; r++) {
    comm.Barrier();
    const t0 = MPI.Wtime();
    await run(iters);
    times.push(((MPI.Wtime() - t0) / iters / 2) * 1e6);
  }
  return median(times);
}

function blockingPingPong(send: Uint8Array, recv: Uint8Array) {
  return (iters: number) => {
    for (let i = 0; i < iters; i++) {
      if (rank === 0) {
        comm.Send(send, peer, 1);
        comm.Recv(recv, peer, 1);
      } else {
        comm.Recv(recv, peer, 1);
        comm.Send(send, peer, 1);
      }
    }
  };
}

function awaitedPingPong(send: Uint8Array, recv: Uint8Array) {
  return async (iters: number) => {
    for (let i = 0; i < iters; i++) {
      if (rank === 0) {
        const r = comm.Irecv(recv, peer, 2);
        await comm.Isend(send, peer, 2);
        await r;
      } else {
        await comm.Irecv(recv, peer, 2);
        await comm.Isend(send, peer, 2);
      }
    }
  };
}

/** Iterations per repetition: short loops (see measure). */
function iterations(size: number, scale: number): number {
  return Math.max(10, Math.floor((size >= 1 << 20 ? 20 : 1000) / scale));
}

async function pingPong(size: number, awaited: boolean, scale: number): Promise<number> {
  const send = new Uint8Array(size).fill(1);
  const recv = new Uint8Array(size);
  const run = awaited ? awaitedPingPong(send, recv) : blockingPingPong(send, recv);
  return measure(run, iterations(size, scale), scale > 1 ? 5 : 31);
}

const native = require(path.join(path.dirname(require.resolve('mpi4js')), 'native.js')).native;

/** Per rank, the % of an awaited 8 B ping-pong's completions the engine found polling (not on a timer tick). */
async function polledShare(rounds: number): Promise<number[]> {
  const run = awaitedPingPong(new Uint8Array(8), new Uint8Array(8));
  await run(100);
  comm.Barrier();
  const [polled0, ticked0] = native.progress.stats() as [number, number];
  await run(rounds);
  const [polled1, ticked1] = native.progress.stats() as [number, number];
  const polled = polled1 - polled0;
  const all = polled + ticked1 - ticked0;
  return comm.allgather(all === 0 ? 100 : (100 * polled) / all) as number[];
}

function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** The share of a core rank 1 uses while its only work is an awaited receive, for ms milliseconds. */
async function idleShare(ms: number): Promise<number> {
  comm.Barrier();
  let share = 0;
  if (rank === 1) {
    const cpu0 = cpuSeconds();
    const t0 = performance.now();
    await comm.irecv(0, 3);
    share = (cpuSeconds() - cpu0) / ((performance.now() - t0) / 1000);
  } else {
    await new Promise((r) => setTimeout(r, ms));
    comm.send('done', 1, 3);
  }
  return (comm.bcast(share, 1) as number) * 100;
}

function emit(bench: string, impl: string, label: number | string, value: number, unit: string): void {
  if (rank !== 0) return;
  const size = typeof label === 'number' ? label : null;
  const kase = typeof label === 'string' ? label : undefined;
  process.stdout.write(`${JSON.stringify({ bench, impl, size, case: kase, np: 2, value: Number(value.toPrecision(6)), unit })}\n`);
}

async function figures(mode: string, scale: number, args: number[]): Promise<void> {
  const awaited = process.env.MPI4JS_BENCH_AWAIT === '1';
  if (mode === 'awaited') {
    for (const size of args) emit('awaited latency', awaited ? AWAITED : BLOCKING, size, await pingPong(size, awaited, scale), 'us');
  } else if (mode === 'idle-await') {
    for (const seconds of args) emit('idle await', AWAITED, seconds, await idleShare((seconds * 1000) / scale), '% of a core');
  } else {
    throw new RangeError(`awaited: unknown mode ${mode} (awaited | idle-await)`);
  }
}

async function table(quick: boolean): Promise<void> {
  const scale = quick ? 10 : 1;
  const rows: string[] = [];
  for (const size of [8, 1024, 1 << 20]) {
    const blocking = await pingPong(size, false, scale);
    const awaited = await pingPong(size, true, scale);
    const label = size >= 1 << 20 ? `${size >> 20} MiB` : size >= 1024 ? `${size >> 10} KiB` : `${size} B`;
    rows.push(`| ${label} | ${blocking.toFixed(2)} | ${awaited.toFixed(2)} | ${(awaited / blocking).toFixed(2)} |`);
  }
  const polled = await polledShare(quick ? 200 : 1000);
  const idleMs = quick ? 2000 : 10000;
  const share = await idleShare(idleMs);
  if (rank === 0) {
    console.log(`mpi4js awaited vs blocking ping-pong, 2 ranks on ${MPI.Get_processor_name()} (${MPI.Get_library_version().split(',')[0]}, MPI4JS_PROGRESS=${MPI.rc.progress})`);
    console.log('| size | blocking Send/Recv (µs, half round trip) | awaited Isend/Irecv (µs) | awaited / blocking |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`\nAwaited 8 B ping-pong: completions the engine found polling, not on a timer tick: ${polled.map((p, r) => `rank ${r} ${p.toFixed(1)} %`).join(', ')}`);
    console.log(`CPU of a rank awaiting a message for ${idleMs / 1000} s: ${share.toFixed(1)} % of a core`);
  }
}

const [mode, scale, ...args] = process.argv.slice(2);
if (mode === undefined || mode === '--quick') table(mode === '--quick');
else figures(mode, Number(scale), args.map(Number));
