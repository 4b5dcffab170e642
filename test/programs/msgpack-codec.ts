// With MPI4JS_PICKLE=msgpack every rank uses MessagePack (msgpackr with
// records) for values, keeping the fast paths for numbers, strings, dense
// number arrays and typed arrays. The bytes on the wire are checked too: the
// msgpack header byte, then what msgpackr reads back — the v8 codec (header
// 0xFF, v8's serialization) fails here.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { Unpackr } from 'msgpackr';

import { comm, MPI, program, rank, size } from './harness';

const MSGPACK = 5; // the codec's header byte (lib/pickle.ts HEADER)
const FAST = { number: 1, string: 2, numbers: 3, typed: 4 }; // the fast paths both codecs share

/** Each value with the first byte its message must start with. */
const values: [unknown, number][] = [
  [null, MSGPACK],
  [true, MSGPACK],
  [7, FAST.number],
  ['text', FAST.string],
  [[1, 'two', { three: 3 }], MSGPACK],
  [{ id: 7, readings: Array.from({ length: 200 }, (_, i) => ({ t: i, v: i * 1.5, ok: i % 3 === 0, label: `r${i}` })) }, MSGPACK],
  [new Map<string, number>([['a', 1]]), MSGPACK],
  [new Set([1, 2]), MSGPACK],
  [new Date(Date.UTC(2025, 0, 1)), MSGPACK],
  [2n ** 70n, MSGPACK],
  [new Float64Array([1, 2, 3]), FAST.typed],
  [Array.from({ length: 50 }, (_, i) => i * 0.25), FAST.numbers],
];

program(() => {
  if (process.env.MPI4JS_PICKLE !== 'msgpack') throw new Error('run with MPI4JS_PICKLE=msgpack');
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  // A reader with the codec's options: it must read the body of every msgpack message.
  const reader = new Unpackr({ useRecords: true, moreTypes: true });
  for (const [value, header] of values) {
    comm.isend(value, right, 1);
    deepStrictEqual(comm.recv(left, 1), value);

    // The same value again, received as raw bytes.
    comm.isend(value, right, 2);
    const status = new MPI.Status();
    comm.Probe(left, 2, status);
    const wire = new Uint8Array(status.Get_count(MPI.BYTE));
    comm.Recv([wire, MPI.BYTE], left, 2);
    strictEqual(wire[0], header, `the message of ${String(value).slice(0, 30)} starts with byte ${wire[0]}, expected ${header}`);
    if (header === MSGPACK) deepStrictEqual(reader.unpack(wire.subarray(1)), value);
  }
  deepStrictEqual(comm.allgather({ rank }), Array.from({ length: size }, (_, r) => ({ rank: r })));
  strictEqual(comm.allreduce(rank), (size * (size - 1)) / 2);
});
