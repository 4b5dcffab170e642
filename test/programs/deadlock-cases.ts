/**
 * What the no-deadlock programs share. A lowercase irecv is not posted to MPI
 * (it probes for its message, so it can take any size): each program checks
 * that a blocking call made while one is pending still serves it, so a send
 * that needs it completes, as it does under mpi4py, whose irecv is posted.
 */
import { deepStrictEqual } from 'node:assert/strict';

import { comm, commName, MPI, rank, size } from './harness';

type Comm = typeof MPI.COMM_WORLD;

/** From 1 byte to 1 MiB: below and above the eager limits (4 KiB shared memory, 64 KiB self). */
export const SIZES = [1, 4097, 65_536, 1 << 20];

/**
 * The communicator to test over, with its name for messages: the harness runs
 * each program over COMM_SELF, COMM_WORLD, a Dup and a Split in turn.
 */
export function communicators(): [string, Comm][] {
  return [[commName, comm]];
}

/** Where this rank sends and receives from round a ring of c (itself on one rank). */
export function ring(c: Comm): { dst: number; src: number } {
  return { dst: (c.rank + 1) % c.size, src: (c.rank - 1 + c.size) % c.size };
}

/**
 * This rank's partner in c, 0-1, 2-3, …, with its role (the even rank is A),
 * or undefined for a rank left alone (one rank, or the last of an odd size).
 */
export function pair(c: Comm): { peer: number; a: boolean } | undefined {
  const peer = c.rank ^ 1;
  return peer < c.size ? { peer, a: c.rank % 2 === 0 } : undefined;
}

/** A value of n bytes that names its sender and size. */
export function value(n: number, from: number): { from: number; bytes: Buffer } {
  return { from, bytes: Buffer.alloc(n, (from * 31 + n) & 0xff) };
}

/** Throws unless got is value(n, from). */
export function expectValue(got: unknown, n: number, from: number, where: string): void {
  deepStrictEqual(got, value(n, from), `${where}: wrong value received`);
}

/** A typed array of n bytes that names its sender. */
export function bytes(n: number, from: number): Uint8Array {
  return new Uint8Array(n).fill((from * 7 + n) & 0xff);
}

export { comm, MPI, rank, size };

/**
 * Runs a blocking collective on c while rank A of each pair has an irecv
 * pending that its partner B fills with a synchronous send of n bytes made
 * just before B's own collective: B's ssend completes only if A serves the
 * irecv while it blocks in the collective (as it would if the irecv were posted).
 * A rank without a partner runs the collective alone with the others.
 */
export function servedDuring(c: Comm, n: number, where: string, collective: () => void): void {
  const p = pair(c);
  if (!p) return collective();
  if (p.a) {
    const r = c.irecv(p.peer, 11);
    collective();
    expectValue(r.wait(), n, p.peer, `${where} ${n} B`);
  } else {
    c.ssend(value(n, c.rank), p.peer, 11);
    collective();
  }
}
