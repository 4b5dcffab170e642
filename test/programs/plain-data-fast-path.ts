// The default codec's plain-data fast path (header 6) against v8 (the general
// path), under MPI: every value arrives exactly as v8's own round trip gives
// it back, by recv (the reused receive pool), by a receive larger than the pool,
// by irecv, bcast and gather; values it declines still go through v8; a
// corrupt plain message is an MPI.PickleError naming the fast path, and the
// next message arrives intact.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as v8 from 'node:v8';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const PLAIN = 6;
const V8 = 0xff;

/** v8's own round trip: what the general path gives back. */
const viaV8 = (v: unknown): unknown => v8.deserialize(v8.serialize(v));

/** deepStrictEqual, plus what it does not see: -0 and key order. */
function same(got: unknown, want: unknown, label: string): void {
  deepStrictEqual(got, want, label);
  strictEqual(JSON.stringify(got, (_, v) => (Object.is(v, -0) ? '-0' : v)), JSON.stringify(want, (_, v) => (Object.is(v, -0) ? '-0' : v)), label);
}

const records = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ t: i, v: i * 1.5, ok: i % 3 === 0, label: `r${i}-${from}`, w: i % 50 ? null : 'Ω\ud800' }));

function plainCases(from: number): [string, unknown][] {
  return [
    ['the bench record', { id: from, name: 'sensor-array', tags: ['a', 'b', 'c'], readings: records(200, from) }],
    ['edge numbers', { nz: -0, nan: NaN, inf: -Infinity, big: 2 ** 53 + 2, i: -(2 ** 31), from }],
    ['strings', ['', 'ascii', 'café', '日本語', '😀', '\ud800', 'x'.repeat(100), 'é'.repeat(100), String(from)]],
    ['odd keys', JSON.parse(`{"1": 1, "b": 2, "01": 3, "__proto__": {"p": ${from}}, "\\"})": 4}`)],
    ['booleans and null at the top', [true, false, null, undefined, from]],
    ['nesting', [[[[{ a: [[{ from }]] }]]]]],
    ['larger than the receive pool (64 KiB)', { readings: records(3000, from) }],
    ['several MiB (the sender’s scratch grows, then shrinks back)', { s: String(from).padEnd(2 * 2 ** 20, 'y'), n: from }],
  ];
}

function declinedCases(from: number): [string, unknown][] {
  const shared = { from };
  return [
    ['a shared object', { a: shared, b: shared }],
    ['a holey array', [1, , from]], // eslint-disable-line no-sparse-arrays
    ['a Map and a Date inside', { m: new Map([[from, 'x']]), d: new Date(from) }],
  ];
}

async function exercise(): Promise<void> {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;

  for (const [label, value] of plainCases(rank)) {
    strictEqual(MPI.pickle.dumps(value)[0], PLAIN, `${label}: header`);
    const [, want] = plainCases(left).find(([l]) => l === label) as [string, unknown];
    // recv (into the pool, or its own buffer when larger)
    let sent = comm.isend(value, right, 1);
    const got = comm.recv(left, 1);
    sent.wait();
    same(got, viaV8(want), `recv: ${label}`);
    // irecv
    const r = comm.irecv(left, 2);
    sent = comm.isend(value, right, 2);
    same(await r, viaV8(want), `irecv: ${label}`);
    sent.wait();
    // bcast and gather
    same(comm.bcast(rank === 0 ? value : undefined, 0), viaV8(plainCases(0).find(([l]) => l === label)?.[1]), `bcast: ${label}`);
    const all = comm.gather(value, 0);
    if (rank === 0) (all as unknown[]).forEach((v, i) => same(v, viaV8(plainCases(i).find(([l]) => l === label)?.[1]), `gather from ${i}: ${label}`));
  }

  for (const [label, value] of declinedCases(rank)) {
    strictEqual(MPI.pickle.dumps(value)[0], V8, `${label}: header`);
    const sent = comm.isend(value, right, 3);
    const got = comm.recv(left, 3);
    sent.wait();
    deepStrictEqual(got, viaV8(declinedCases(left).find(([l]) => l === label)?.[1]), `declined: ${label}`);
  }
  const twice = (() => {
    const sent = comm.isend(declinedCases(rank)[0][1], right, 3);
    const got = comm.recv(left, 3) as { a: object; b: object };
    sent.wait();
    return got;
  })();
  ok(twice.a === twice.b, 'a shared object arrives as one object');

  // Strings decoded from the pool do not change when the next message lands there.
  let sent = comm.isend({ s: `first-${rank}`, k: ['é', 'Ω'] }, right, 4);
  const kept = comm.recv(left, 4);
  sent.wait();
  sent = comm.isend({ s: `other-${rank}`, k: ['x', 'y'] }, right, 4);
  comm.recv(left, 4);
  sent.wait();
  deepStrictEqual(kept, { s: `first-${left}`, k: ['é', 'Ω'] });

  // A corrupt plain message: the fast path's error, by recv and by irecv; the rank lives on.
  const route = `from rank ${left} to rank ${rank} of ${comm.Get_name() || 'an unnamed communicator'}`;
  const escaped = route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  sent = comm.Isend(Uint8Array.of(PLAIN, 1, 8, 5, 0), right, 5);
  const e = throwsLike(() => comm.recv(left, 5), MPI.PickleError, new RegExp(`^recv: cannot decode the fast path \\(plain data\\) message ${escaped} \\(rank ${rank} writes v8\\): corrupt plain message: an array of 5 elements in 1 bytes$`)) as MPI.PickleError;
  strictEqual(e.header, PLAIN);
  strictEqual(e.codec, 'fast path (plain data)');
  sent.Wait();
  sent = comm.Isend(Uint8Array.of(PLAIN, 9, 0), right, 6);
  throwsLike(() => comm.irecv(left, 6).wait(), MPI.PickleError, /^irecv: cannot decode the fast path \(plain data\) message .*plain message of version 9: this mpi4js reads version 1/);
  sent.Wait();
  sent = comm.isend({ after: rank, list: [rank] }, right, 7);
  deepStrictEqual(comm.recv(left, 7), { after: left, list: [left] });
  sent.wait();
}

program(exercise);
