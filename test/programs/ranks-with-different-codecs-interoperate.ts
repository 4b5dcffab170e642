// Ranks that write with different codecs (MPI4JS_PICKLE=msgpack on some, v8 on
// others) still understand each other: every message's first byte names its
// codec, and every rank decodes both. Run with a codec per rank
// (test/mpirun.ts mpirunEach); over COMM_WORLD and a Dup.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm as world, MPI, program, rank, size } from './harness';

const mine = process.env.MPI4JS_PICKLE === 'msgpack' ? 'msgpack' : 'v8';

/** A value that no shared fast path takes, so the rank's own codec writes it (v8: its plain-data path). */
function record(from: number, tag: string): unknown {
  return { from, tag, codec: mine, list: [1, 'two', { three: [3] }], readings: Array.from({ length: 20 }, (_, i) => ({ t: i, ok: i % 2 === 0 })) };
}

function expected(from: number, tag: string, codec: string): unknown {
  return { from, tag, codec, list: [1, 'two', { three: [3] }], readings: Array.from({ length: 20 }, (_, i) => ({ t: i, ok: i % 2 === 0 })) };
}

async function exercise(comm: MPI.Intracomm): Promise<void> {
  const codecs = comm.allgather(mine) as string[];
  // The job really mixes codecs, and each rank's messages say which it is.
  if (size > 1) ok(codecs.includes('v8') && codecs.includes('msgpack'), `codecs: ${codecs.join(', ')}`);
  // v8 ranks write plain data through v8's fast path (6), anything else through v8 itself (0xFF).
  strictEqual(MPI.pickle.dumps({ a: 1 })[0], mine === 'msgpack' ? 5 : 6);
  strictEqual(MPI.pickle.dumps({ d: new Date(0) })[0], mine === 'msgpack' ? 5 : 0xff);

  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;

  // send/recv
  const sent = comm.isend(record(rank, 'send'), right, 1);
  deepStrictEqual(comm.recv(left, 1), expected(left, 'send', codecs[left]));
  sent.wait();
  // a value v8 itself writes on v8 ranks (a Date): msgpack ranks read it, and the other way round
  const dated = comm.isend({ from: rank, when: new Date(rank) }, right, 9);
  deepStrictEqual(comm.recv(left, 9), { from: left, when: new Date(left) });
  dated.wait();

  // irecv, from a given source and from ANY_SOURCE
  const byName = comm.irecv(left, 2);
  const anyone = comm.irecv(MPI.ANY_SOURCE, 3);
  comm.send(record(rank, 'irecv'), right, 2);
  comm.isend(record(rank, 'any'), right, 3);
  deepStrictEqual(await byName, expected(left, 'irecv', codecs[left]));
  deepStrictEqual(anyone.wait(), expected(left, 'any', codecs[left]));

  // sendrecv and a matched probe
  deepStrictEqual(comm.sendrecv(record(rank, 'sendrecv'), right, 4, left, 4), expected(left, 'sendrecv', codecs[left]));
  comm.isend(record(rank, 'mprobe'), right, 5);
  deepStrictEqual(comm.mprobe(left, 5).recv(), expected(left, 'mprobe', codecs[left]));

  // collectives
  for (let root = 0; root < size; root++) {
    deepStrictEqual(comm.bcast(rank === root ? record(root, 'bcast') : undefined, root), expected(root, 'bcast', codecs[root]));
    const gathered = comm.gather(record(rank, 'gather'), root);
    if (rank === root) deepStrictEqual(gathered, codecs.map((c, r) => expected(r, 'gather', c)));
    else strictEqual(gathered, undefined);
    const items = rank === root ? Array.from({ length: size }, (_, r) => ({ to: r, by: root, codec: mine })) : undefined;
    deepStrictEqual(comm.scatter(items, root), { to: rank, by: root, codec: codecs[root] });
  }
  deepStrictEqual(comm.allgather(record(rank, 'allgather')), codecs.map((c, r) => expected(r, 'allgather', c)));
  deepStrictEqual(await comm.iallgather({ r: rank, codec: mine }), codecs.map((c, r) => ({ r, codec: c })));
  // allreduce of objects: a user op that merges what every codec wrote
  const merged = comm.allreduce({ [`r${rank}`]: mine }, (a, b) => ({ ...(a as object), ...(b as object) }));
  deepStrictEqual(merged, Object.fromEntries(codecs.map((c, r) => [`r${r}`, c])));
  strictEqual(comm.allreduce(rank), (size * (size - 1)) / 2);
  deepStrictEqual(comm.alltoall(Array.from({ length: size }, (_, r) => ({ from: rank, to: r }))), Array.from({ length: size }, (_, r) => ({ from: r, to: rank })));
}

program(async () => {
  await exercise(world);
  const dup = world.Dup();
  await exercise(dup);
  dup.Free();
});
