// What awaiting costs: ping-pong latency of awaited Isend/Irecv (completed by
// the progress engine) beside the same exchange with blocking Send/Recv, and
// the CPU a rank burns while it awaits a message for 10 s.
//   npm run build:dev && sh scripts/mpiexec.sh -n 2 node .build/bench/awaited.js [--quick]
import { readFileSync } from 'node:fs';

import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
const quick = process.argv.includes('--quick');
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

function syncPingPong(send: Uint8Array, recv: Uint8Array) {
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

function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function main() {
  const rows: string[] = [];
  const reps = quick ? 5 : 31;
  for (const [size, iters] of [[8, 1000], [1024, 1000], [1 << 20, 20]] as const) {
    const n = quick ? Math.max(10, iters / 10) : iters;
    const send = new Uint8Array(size).fill(1);
    const recv = new Uint8Array(size);
    const sync = await measure(syncPingPong(send, recv), n, reps);
    const awaited = await measure(awaitedPingPong(send, recv), n, reps);
    rows.push(`| ${size >= 1 << 20 ? `${size >> 20} MiB` : size >= 1024 ? `${size >> 10} KiB` : `${size} B`} | ${sync.toFixed(2)} | ${awaited.toFixed(2)} | ${(awaited / sync).toFixed(2)} |`);
  }
  // A rank whose only work is an awaited receive, for 10 s.
  const idleMs = quick ? 2000 : 10000;
  comm.Barrier();
  let share = 0;
  if (rank === 1) {
    const cpu0 = cpuSeconds();
    const t0 = performance.now();
    await comm.irecv(0, 3);
    share = (cpuSeconds() - cpu0) / ((performance.now() - t0) / 1000);
  } else {
    await new Promise((r) => setTimeout(r, idleMs));
    comm.send('done', 1, 3);
  }
  const shares = comm.gather(share, 1);
  if (rank === 1) {
    console.log(`mpi4js awaited vs blocking ping-pong, 2 ranks on ${MPI.Get_processor_name()} (${MPI.Get_library_version().split(',')[0]}, MPI4JS_PROGRESS=${MPI.rc.progress})`);
    console.log('| size | blocking Send/Recv (µs, half round trip) | awaited Isend/Irecv (µs) | awaited / blocking |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`\nCPU of a rank awaiting a message for ${idleMs / 1000} s: ${((shares as number[])[1] * 100).toFixed(1)} % of a core`);
  }
}

main();
