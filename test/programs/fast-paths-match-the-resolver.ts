// The point-to-point fast paths (a typed array, integer rank and tag: issue 16)
// give what the general resolver gives: the same message received, or the same
// error, for every input of a catalogue. Each input runs twice, with the fast
// paths on and off (lib/buffer.ts, fastPaths), and the outcomes must be equal.
import { deepStrictEqual, ok } from 'node:assert/strict';

import * as path from 'node:path';

import { comm, MPI, program, rank, size } from './harness';

// The switch and the tag bound as the library sees them (dist/, the module loaded once).
const dist = path.dirname(require.resolve('mpi4js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fastPaths, typedDatatype } = require(path.join(dist, 'buffer.js')) as typeof import('../../lib/buffer');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tagUb } = require(path.join(dist, 'args.js')) as typeof import('../../lib/args');

type Outcome = { threw: string } | { received: number[]; count: number; source: number; tag: number } | { done: true };

/** What a call did: its error (class, error class, message), or what `after` observed. */
function outcome(f: () => Outcome): Outcome {
  try {
    return f();
  } catch (e) {
    const err = e as Error & { error_class?: number };
    return { threw: `${err.constructor.name}${err.error_class === undefined ? '' : `(${err.error_class})`}: ${err.message}` };
  }
}

/** Runs f with the fast paths on, then off; asserts the same outcome and that the fast path was on the table. */
function same(label: string, f: () => Outcome): Outcome {
  if (process.env.FAST_PATHS_TRACE) console.error(label); // to find the input of a hang
  fastPaths.on = true;
  const fast = outcome(f);
  fastPaths.on = false;
  try {
    const general = outcome(f);
    deepStrictEqual(fast, general, `${label}: the fast path gave ${JSON.stringify(fast)}, the resolver ${JSON.stringify(general)}`);
  } finally {
    fastPaths.on = true;
  }
  return fast;
}

/**
 * The message this rank sent itself, received by the general path with any tag
 * (a wrong tag shows in the outcome) and a timeout (a message never sent fails, not hangs).
 */
function receiveOwn(): Outcome {
  const into = new Uint8Array(64);
  const status = new MPI.Status();
  fastPaths.on = false; // the receiving side is not under test here
  comm.Recv(into, { source: MPI.ANY_SOURCE, tag: MPI.ANY_TAG, status, timeout: 10_000 });
  const count = status.Get_count(MPI.BYTE);
  return { received: Array.from(into.subarray(0, count)), count, source: status.source, tag: status.tag };
}

function detachedView(): Float64Array {
  const a = new Float64Array(2);
  structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
  return a;
}

class Doubles extends Float64Array {}

program(() => {
  // Every buffer form a fast path might take, and some it must leave to the resolver.
  const buffers: [string, () => ArrayBufferView][] = [
    ['Int8Array', () => Int8Array.of(-1, 2, -3)],
    ['Uint8Array', () => Uint8Array.of(1, 2, 3, 4, 5)],
    ['Uint8ClampedArray', () => Uint8ClampedArray.of(255, 0)],
    ['Int16Array', () => Int16Array.of(-300, 300)],
    ['Uint16Array', () => Uint16Array.of(65535)],
    ['Int32Array', () => Int32Array.of(-1, 1 << 30)],
    ['Uint32Array', () => Uint32Array.of(2 ** 32 - 1)],
    ['Float32Array', () => Float32Array.of(1.5, -2.5)],
    ['Float64Array', () => Float64Array.of(Math.PI, -0)],
    ['BigInt64Array', () => BigInt64Array.of(-(2n ** 63n))],
    ['BigUint64Array', () => BigUint64Array.of(2n ** 64n - 1n)],
    ['Buffer', () => Buffer.from('hello')],
    ['an offset view', () => new Int16Array(Int16Array.of(1, 2, 3, 4).buffer, 2, 2)],
    ['a zero-length array', () => new Float64Array(0)],
    ['a detached array', () => detachedView()],
    ['a subclass', () => Doubles.of(7, 8)],
    ['a DataView', () => new DataView(Uint8Array.of(9, 8, 7).buffer)],
  ];
  const ranks: unknown[] = [rank, MPI.PROC_NULL, -5, size, 1.5, NaN, '0', null, 2 ** 31, undefined];
  const tags: unknown[] = [undefined, 0, 7, -1, tagUb() + 1, 1.5, null, '1', 2 ** 53];
  let fastCalls = 0;

  for (const [kind, make] of buffers) {
    for (const dest of ranks) {
      for (const tag of tags) {
        const label = `${kind}, rank ${String(dest)}, tag ${String(tag)}`;
        const used = typeof tag === 'number' && tag >= 0 && tag <= tagUb() ? tag : 0;
        // Isend to this rank (or PROC_NULL): the bytes that arrive, or the error.
        same(`Isend(${label})`, () => {
          const req = comm.Isend(make(), dest as number, tag as number);
          const got = dest === rank ? receiveOwn() : { done: true as const };
          req.Wait();
          return got;
        });
        same(`Issend(${label})`, () => {
          const req = comm.Issend(make(), dest as number, tag as number);
          const got = dest === rank ? receiveOwn() : { done: true as const };
          req.Wait();
          return got;
        });
        // The blocking sends: to PROC_NULL they complete; to this rank they would wait for a receive.
        if (dest !== rank) {
          same(`Send(${label})`, () => (comm.Send(make(), dest as number, tag as number), { done: true }));
          same(`Ssend(${label})`, () => (comm.Ssend(make(), dest as number, tag as number), { done: true }));
        }
        // The receives, from this rank: a message the general path sent, received by the path under test.
        for (const call of ['Recv', 'Irecv'] as const) {
          same(`${call}(${label})`, () => {
            const underTest = fastPaths.on;
            fastPaths.on = false;
            const send = dest === rank || dest === undefined ? comm.Isend(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), rank, used) : undefined;
            fastPaths.on = underTest;
            const into = make();
            try {
              if (call === 'Recv') comm.Recv(into, dest as number, tag as number);
              else comm.Irecv(into, dest as number, tag as number).Wait();
            } finally {
              // A message refused before it was received stays: take it, so the next input starts clean.
              if (send) {
                fastPaths.on = false;
                if (comm.Iprobe(rank, used)) comm.Recv(new Uint8Array(64), rank, used);
                send.Wait();
              }
            }
            const bytes = Array.from(new Uint8Array(into.buffer, into.byteOffset, into.byteLength));
            return { received: bytes, count: bytes.length, source: dest as number, tag: used };
          });
        }
        // Counted by the library's own lookup: an input the fast paths take, not one that only looks like it.
        if (typedDatatype(make()) !== undefined && typeof dest === 'number' && (tag === undefined || typeof tag === 'number')) fastCalls++;
      }
    }
  }
  // On COMM_NULL every call is MPI's ERR_COMM, naming the call, on either path.
  const none = MPI.COMM_NULL;
  for (const dest of [0, MPI.PROC_NULL, -5]) {
    same(`COMM_NULL.Send(rank ${dest})`, () => (none.Send(new Float64Array(1), dest), { done: true }));
    same(`COMM_NULL.Ssend(rank ${dest})`, () => (none.Ssend(new Float64Array(1), dest), { done: true }));
    same(`COMM_NULL.Isend(rank ${dest})`, () => (none.Isend(new Float64Array(1), dest).Wait(), { done: true }));
    same(`COMM_NULL.Issend(rank ${dest})`, () => (none.Issend(new Float64Array(1), dest).Wait(), { done: true }));
    same(`COMM_NULL.Recv(rank ${dest})`, () => (none.Recv(new Float64Array(1), dest), { done: true }));
    same(`COMM_NULL.Irecv(rank ${dest})`, () => (none.Irecv(new Float64Array(1), dest).Wait(), { done: true }));
  }
  // The catalogue reaches the fast paths (typed arrays of built-in kinds, number rank and tag), and not
  // with every input: the subclass and the DataView are the general path's alone.
  ok(fastCalls > 100, `the catalogue has ${fastCalls} inputs the fast paths take`);
  ok(typedDatatype(Doubles.of(1)) === undefined && typedDatatype(new DataView(new ArrayBuffer(1))) === undefined);
});
