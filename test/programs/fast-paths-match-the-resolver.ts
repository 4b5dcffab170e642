// The fast paths (a typed array, integer ranks and tags, an MPI.Op: issue 16)
// give what the general resolver gives: the same message received, the same
// collective result, or the same error, for every input of a catalogue. Each
// input runs twice: through the methods (the fast path where the form allows
// it) and through their general paths, the private methods lib/comm/comm.ts gives
// each call a fast path has, and the outcomes must be equal.
import { deepStrictEqual, ok } from 'node:assert/strict';

import * as path from 'node:path';

import { comm, MPI, program, rank, size } from './harness';

// The lookups and the tag bound as the library sees them (dist/, the module loaded once).
const dist = path.dirname(require.resolve('mpi4js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { typedDatatype, reducedDatatype } = require(path.join(dist, 'buffer.js')) as typeof import('../../lib/buffer');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tagUb } = require(path.join(dist, 'args.js')) as typeof import('../../lib/args');

type Comm = InstanceType<typeof MPI.Comm>;
type Request = InstanceType<typeof MPI.Request>;
type SendCall = 'Send' | 'Ssend' | 'Isend' | 'Issend';

/** The general paths: private methods of MPI.Comm (lib/comm/comm.ts), this test's entry to them. */
interface GeneralPaths {
  sendAny(call: SendCall, buf: unknown, dest: unknown, tag: unknown): Request | undefined;
  recvAny(buf: unknown, source: unknown, tag: unknown, status?: unknown): void;
  irecvAny(buf: unknown, source: unknown, tag: unknown): Request;
  bcastAny(buf: unknown, root: unknown): void;
  reduceAny(sendbuf: unknown, recvbuf: unknown, op: unknown, root: unknown): void;
  allreduceAny(sendbuf: unknown, recvbuf: unknown, op: unknown): void;
}
const general = (c: Comm): GeneralPaths => c as unknown as GeneralPaths;

/** The calls under test, made one way: through the methods, or straight through their general paths. */
interface Calls {
  send(c: Comm, call: SendCall, buf: unknown, dest: unknown, tag: unknown): Request | undefined;
  Recv(c: Comm, buf: unknown, source: unknown, tag: unknown): void;
  Irecv(c: Comm, buf: unknown, source: unknown, tag: unknown): Request;
  Bcast(c: Comm, buf: unknown, root: unknown): void;
  Reduce(c: Comm, sendbuf: unknown, recvbuf: unknown, op: unknown, root: unknown): void;
  Allreduce(c: Comm, sendbuf: unknown, recvbuf: unknown, op: unknown): void;
}
type Any = never; // the catalogue holds wrong arguments on purpose: typed as whatever the method takes
const methods: Calls = {
  send: (c, call, buf, dest, tag) => c[call](buf as Any, dest as Any, tag as Any) ?? undefined,
  Recv: (c, buf, source, tag) => c.Recv(buf as Any, source as Any, tag as Any),
  Irecv: (c, buf, source, tag) => c.Irecv(buf as Any, source as Any, tag as Any),
  Bcast: (c, buf, root) => c.Bcast(buf as Any, root as Any),
  Reduce: (c, sendbuf, recvbuf, op, root) => c.Reduce(sendbuf as Any, recvbuf as Any, op as Any, root as Any),
  Allreduce: (c, sendbuf, recvbuf, op) => c.Allreduce(sendbuf as Any, recvbuf as Any, op as Any),
};
const generalPaths: Calls = {
  send: (c, call, buf, dest, tag) => general(c).sendAny(call, buf, dest, tag),
  Recv: (c, buf, source, tag) => general(c).recvAny(buf, source, tag),
  Irecv: (c, buf, source, tag) => general(c).irecvAny(buf, source, tag),
  Bcast: (c, buf, root) => general(c).bcastAny(buf, root),
  Reduce: (c, sendbuf, recvbuf, op, root) => general(c).reduceAny(sendbuf, recvbuf, op, root),
  Allreduce: (c, sendbuf, recvbuf, op) => general(c).allreduceAny(sendbuf, recvbuf, op),
};

type Outcome = { threw: string } | { received: number[]; count: number; source: number; tag: number } | { bytes: number[] } | { done: true };

/** What a call did: its error (class, error class, message), or what `after` observed. */
function outcome(f: () => Outcome): Outcome {
  try {
    return f();
  } catch (e) {
    const err = e as Error & { error_class?: number };
    return { threw: `${err.constructor.name}${err.error_class === undefined ? '' : `(${err.error_class})`}: ${err.message}` };
  }
}

/** Runs f through the methods, then through the general paths; asserts the same outcome. */
function same(label: string, f: (via: Calls) => Outcome): Outcome {
  if (process.env.FAST_PATHS_TRACE) console.error(label); // to find the input of a hang
  const fast = outcome(() => f(methods));
  const slow = outcome(() => f(generalPaths));
  deepStrictEqual(fast, slow, `${label}: the fast path gave ${JSON.stringify(fast)}, the resolver ${JSON.stringify(slow)}`);
  return fast;
}

/**
 * The message this rank sent itself, received with any tag (a wrong tag shows
 * in the outcome) and a timeout (a message never sent fails, not hangs); the
 * options form takes the general path.
 */
function receiveOwn(): Outcome {
  const into = new Uint8Array(64);
  const status = new MPI.Status();
  comm.Recv(into, { source: MPI.ANY_SOURCE, tag: MPI.ANY_TAG, status, timeout: 10_000 });
  const count = status.Get_count(MPI.BYTE);
  return { received: Array.from(into.subarray(0, count)), count, source: status.source, tag: status.tag };
}

/** A view's bytes (none when detached). */
function bytesOf(v: unknown): number[] {
  if (!ArrayBuffer.isView(v)) return [];
  return Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
}

/** The view zeroed, so that what a collective writes into it shows. */
function zeroed<T>(v: T): T {
  if (ArrayBuffer.isView(v)) new Uint8Array(v.buffer, v.byteOffset, v.byteLength).fill(0);
  return v;
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

  // ---- point-to-point ----
  for (const [kind, make] of buffers) {
    for (const dest of ranks) {
      for (const tag of tags) {
        const label = `${kind}, rank ${String(dest)}, tag ${String(tag)}`;
        const used = typeof tag === 'number' && tag >= 0 && tag <= tagUb() ? tag : 0;
        // Isend to this rank (or PROC_NULL): the bytes that arrive, or the error.
        for (const call of ['Isend', 'Issend'] as const) {
          same(`${call}(${label})`, (via) => {
            const req = via.send(comm, call, make(), dest, tag)!;
            const got = dest === rank ? receiveOwn() : { done: true as const };
            req.Wait();
            return got;
          });
        }
        // The blocking sends: to PROC_NULL they complete; to this rank they would wait for a receive.
        if (dest !== rank) {
          for (const call of ['Send', 'Ssend'] as const) same(`${call}(${label})`, (via) => (via.send(comm, call, make(), dest, tag), { done: true }));
        }
        // The receives, from this rank: a message the general path sent, received by the path under test.
        for (const call of ['Recv', 'Irecv'] as const) {
          same(`${call}(${label})`, (via) => {
            const send = dest === rank || dest === undefined ? general(comm).sendAny('Isend', Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), rank, used) : undefined;
            const into = make();
            try {
              if (call === 'Recv') via.Recv(comm, into, dest, tag);
              else via.Irecv(comm, into, dest, tag).Wait();
            } finally {
              // A message refused before it was received stays: take it, so the next input starts clean.
              if (send) {
                if (comm.Iprobe(rank, used)) general(comm).recvAny(new Uint8Array(64), rank, used);
                send.Wait();
              }
            }
            const bytes = bytesOf(into);
            return { received: bytes, count: bytes.length, source: dest as number, tag: used };
          });
        }
        // Counted by the library's own lookup: an input the fast paths take, not one that only looks like it.
        if (typedDatatype(make()) !== undefined && typeof dest === 'number' && (tag === undefined || typeof tag === 'number')) fastCalls++;
      }
    }
  }

  // ---- collectives ----
  // Every rank makes the same calls with the same arguments, so an error is every
  // rank's (or none's) and no rank is left in a collective the others left. The
  // receive side of Reduce is read at the root only: its wrong forms run where
  // every rank is the root (a communicator of one rank: COMM_SELF, and all on 1 rank).
  const roots: unknown[] = [0, size - 1, undefined, -1, size, 1.5, '0', null, { root: size - 1 }];
  const ops: [string, unknown][] = [
    ['SUM', MPI.SUM], ['MAX', MPI.MAX], ['a user op', MPI.Op.Create((a: unknown) => a, true)], ['a function', (a: unknown) => a],
    ['OP_NULL', MPI.OP_NULL], ['{op: MAX}', { op: MPI.MAX }], ['a string', 'SUM'],
  ];
  /** Receive sides: the send side's form (zeroed), other kinds and lengths, none. */
  const recvs = (make: () => ArrayBufferView): [string, () => unknown][] => [
    ['the same form', () => zeroed(make())],
    ['a Float64Array(3)', () => new Float64Array(3)],
    ['a Uint8Array(16)', () => new Uint8Array(16)],
    ['null', () => null],
  ];
  let fastCollectives = 0;
  for (const [kind, make] of buffers) {
    for (const root of roots) {
      // Bcast: the root's bytes on every rank (the others' zeroed first).
      same(`Bcast(${kind}, root ${JSON.stringify(root)})`, (via) => {
        const at = typeof root === 'number' ? root : typeof root === 'object' && root !== null ? (root as { root: number }).root : 0;
        const buf = at === rank ? make() : zeroed(make());
        via.Bcast(comm, buf, root);
        return { bytes: bytesOf(buf) };
      });
      if (typeof root === 'number' && typedDatatype(make()) !== undefined) fastCollectives++;
      for (const [opName, op] of ops) {
        for (const [recvName, recv] of size === 1 ? recvs(make) : recvs(make).slice(0, 1)) {
          same(`Reduce(${kind}, ${recvName}, ${opName}, root ${JSON.stringify(root)})`, (via) => {
            const r = recv();
            via.Reduce(comm, make(), r, op, root);
            return { bytes: bytesOf(r) };
          });
          if (op instanceof MPI.Op && (root === undefined || typeof root === 'number') && reducedDatatype(make()) !== undefined) fastCollectives++;
        }
      }
    }
    for (const [opName, op] of ops) {
      for (const [recvName, recv] of recvs(make)) {
        same(`Allreduce(${kind}, ${recvName}, ${opName})`, (via) => {
          const r = recv();
          via.Allreduce(comm, make(), r, op);
          return { bytes: bytesOf(r) };
        });
        same(`Allreduce(IN_PLACE, ${kind} as ${recvName}, ${opName})`, (via) => {
          const r = recv();
          if (ArrayBuffer.isView(r)) new Uint8Array(r.buffer, r.byteOffset, r.byteLength).set(bytesOf(make()).slice(0, r.byteLength));
          via.Allreduce(comm, MPI.IN_PLACE, r, op);
          return { bytes: bytesOf(r) };
        });
      }
    }
  }

  // On COMM_NULL every call is MPI's ERR_COMM, naming the call, on either path.
  const none = MPI.COMM_NULL;
  for (const dest of [0, MPI.PROC_NULL, -5]) {
    for (const call of ['Send', 'Ssend'] as const) same(`COMM_NULL.${call}(rank ${dest})`, (via) => (via.send(none, call, new Float64Array(1), dest, undefined), { done: true }));
    for (const call of ['Isend', 'Issend'] as const) same(`COMM_NULL.${call}(rank ${dest})`, (via) => (via.send(none, call, new Float64Array(1), dest, undefined)!.Wait(), { done: true }));
    same(`COMM_NULL.Recv(rank ${dest})`, (via) => (via.Recv(none, new Float64Array(1), dest, undefined), { done: true }));
    same(`COMM_NULL.Irecv(rank ${dest})`, (via) => (via.Irecv(none, new Float64Array(1), dest, undefined).Wait(), { done: true }));
    same(`COMM_NULL.Bcast(root ${dest})`, (via) => (via.Bcast(none, new Float64Array(1), dest), { done: true }));
    same(`COMM_NULL.Reduce(root ${dest})`, (via) => (via.Reduce(none, new Float64Array(1), new Float64Array(1), MPI.SUM, dest), { done: true }));
    same(`COMM_NULL.Reduce(root ${dest}, a user op)`, (via) => (via.Reduce(none, new Float64Array(1), new Float64Array(1), ops[2][1], dest), { done: true }));
  }
  for (const [opName, op] of ops) {
    same(`COMM_NULL.Allreduce(${opName})`, (via) => (via.Allreduce(none, new Float64Array(1), new Float64Array(1), op), { done: true }));
    same(`COMM_NULL.Allreduce(${opName}, mismatched)`, (via) => (via.Allreduce(none, new Float64Array(1), new Float32Array(1), op), { done: true }));
  }

  // The catalogue reaches the fast paths (typed arrays of built-in kinds, number ranks and tags, an
  // MPI.Op), and not with every input: the subclass and the DataView are the general path's alone.
  ok(fastCalls > 100, `the catalogue has ${fastCalls} point-to-point inputs the fast paths take`);
  ok(fastCollectives > 100, `the catalogue has ${fastCollectives} collective inputs the fast paths take`);
  ok(typedDatatype(Doubles.of(1)) === undefined && typedDatatype(new DataView(new ArrayBuffer(1))) === undefined);
});
