// The cost of one call, without communication: a Send to PROC_NULL through
// comm.Send and straight into the addon, beside a bare addon call. The C figure
// for the same loop comes from bench/c/calls.c.
//   npm run build:dev && node .build/bench/calls.js
import { MPI } from 'mpi4js';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { native } = require('../../dist/native') as typeof import('../lib/native');

const comm = MPI.COMM_WORLD;
const buf = new Uint8Array(8);
const N = 2_000_000;

function time(name: string, f: () => void): void {
  for (let i = 0; i < N / 10; i++) f();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) f();
  console.log(`${name.padEnd(36)} ${(Number(process.hrtime.bigint() - t0) / N).toFixed(1)} ns`);
}

time('comm.Send(buf, PROC_NULL)', () => comm.Send(buf, MPI.PROC_NULL, 0));
time('addon comm.Send(…, PROC_NULL)', () => native.comm.Send(1, buf, 8, (MPI.BYTE as unknown as { handle: number }).handle, MPI.PROC_NULL, 0));
time('addon comm.rank (a bare call)', () => native.comm.rank(1));
