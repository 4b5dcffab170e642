#!/usr/bin/env node
/**
 * What `mpi4js doctor` runs on every host through mpirun (one rank per host).
 *
 *   doctor-probe inventory   this host's Node, mpi4js and MPI library, without MPI_Init
 *   doctor-probe pairs       a round trip between every pair of hosts (rank 0 prints them)
 *
 * Each prints one JSON line. On a host where mpi4js is missing this file is
 * missing too, and the doctor reads mpirun's error for that rank instead.
 * @packageDocumentation
 */
import * as os from 'node:os';

import { versions } from './version';

const mode = process.argv[2];

function addresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

/** The MPI4JS_* settings this rank was started with (the doctor compares hosts). */
function settings(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('MPI4JS_') && e[1] !== undefined));
}

function inventory(): void {
  const report: Record<string, unknown> = { probe: 'inventory', host: os.hostname(), addresses: addresses(), node: process.version, settings: settings() };
  // A probe that cannot start MPI must still answer: versions() loads mpi4js without MPI_Init.
  const v = versions();
  Object.assign(report, { mpi4js: v.mpi4js, build: v.build?.kind, library: v.library, error: v.error });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function pairs(): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { MPI } = require('../index') as typeof import('../index');
  const comm = MPI.COMM_WORLD;
  const buf = new Uint8Array(8);
  const rtt: [number, number, number][] = [];
  for (let i = 0; i < comm.size; i++) {
    for (let j = i + 1; j < comm.size; j++) {
      comm.Barrier();
      // The first exchanges set up the connection; the last ten are timed.
      if (comm.rank === i) {
        let t0 = 0;
        for (let k = 0; k < 15; k++) {
          if (k === 5) t0 = MPI.Wtime();
          comm.Send(buf, j, 7);
          comm.Recv(buf, j, 7);
        }
        rtt.push([i, j, ((MPI.Wtime() - t0) / 10) * 1e6]);
      } else if (comm.rank === j) {
        for (let k = 0; k < 15; k++) {
          comm.Recv(buf, i, 7);
          comm.Send(buf, i, 7);
        }
      }
    }
  }
  const all = comm.gather(rtt, 0) as [number, number, number][][] | undefined;
  if (all) process.stdout.write(`${JSON.stringify({ probe: 'pairs', rtt: all.flat() })}\n`);
}

if (mode === 'inventory') inventory();
else if (mode === 'pairs') pairs();
else {
  process.stderr.write('usage: doctor-probe inventory|pairs\n');
  process.exit(2);
}
