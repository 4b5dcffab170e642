// Every mpi4py keyword argument: one options object stands in place of the
// trailing arguments from any position on (`Split(color, {key})`,
// `Create_cart(dims, {periods, reorder})`, `recv(0, {tag, status})`), named as
// mpi4py's keywords, with the same results as the positional call; an unknown
// option, an option also given by position, or an argument after the options
// object is a TypeError naming the call.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

program(async () => {
  const next = (rank + 1) % size;
  const prev = (rank - 1 + size) % size;

  // Communicator constructors.
  const byParity = comm.Split(rank % 2, { key: -rank });
  strictEqual(byParity.size, Math.ceil((size - (rank % 2)) / 2));
  // Ordered by key = -rank: the ranks of my color above mine come first.
  strictEqual(byParity.rank, [...Array(size).keys()].filter((r) => r % 2 === rank % 2 && r > rank).length);
  const all = comm.Split({ color: 0, key: rank });
  strictEqual(all.Compare(comm), MPI.CONGRUENT);
  const shared = comm.Split_type(MPI.COMM_TYPE_SHARED, { key: rank });
  strictEqual(shared.size, size); // one host
  const sharedByName = comm.Split_type({ split_type: MPI.COMM_TYPE_SHARED });
  strictEqual(sharedByName.size, size);
  const ring = comm.Create_cart([size], { periods: [true], reorder: false }) as InstanceType<typeof MPI.Cartcomm>;
  deepStrictEqual(ring.Get_topo(), [[size], [true], [rank]]);
  deepStrictEqual(ring.Shift(0, 1), [prev, next]);
  const line = comm.Create_cart([size], [false], { reorder: false }) as InstanceType<typeof MPI.Cartcomm>;
  deepStrictEqual(line.periods, [false]);
  const byNames = comm.Create_cart({ dims: [size] }) as InstanceType<typeof MPI.Cartcomm>;
  deepStrictEqual(byNames.periods, [false]);
  for (const c of [byParity, all, shared, sharedByName, ring, line, byNames]) c.Free();

  // Point to point, lowercase: tag in place of the trailing arguments, status last.
  // (Sends that may go to this very rank are nonblocking: MPICH may hold a blocking one until its receive.)
  const st = new MPI.Status();
  const first = comm.issend({ from: rank }, next, { tag: 7 });
  deepStrictEqual(comm.recv(prev, { tag: 7, status: st }), { from: prev });
  first.wait();
  strictEqual(st.Get_tag(), 7);
  strictEqual(st.Get_source(), prev);
  const sent = comm.isend('x', next, { tag: 8 });
  strictEqual(comm.recv(prev, 8, { status: st }), 'x');
  strictEqual(st.tag, 8);
  sent.wait();
  const incoming = comm.irecv<number>(prev, { tag: 9 });
  comm.send(rank, next, 9);
  strictEqual(await incoming, prev);
  strictEqual(comm.sendrecv(rank, next, { sendtag: 3, source: prev, recvtag: 3 }), prev);
  strictEqual(comm.sendrecv(rank, next, 4, { source: prev, status: st }), prev);
  strictEqual(st.tag, 4);

  // Point to point, buffers.
  const out = Int32Array.of(rank);
  const into = new Int32Array(1);
  const bufSent = comm.Isend(out, next, { tag: 5 });
  comm.Recv(into, prev, { tag: 5, status: st });
  bufSent.Wait();
  deepStrictEqual([into[0], st.Get_count(MPI.INT), st.Get_count({ datatype: MPI.INT })], [prev, 1, 1]);
  comm.Sendrecv(out, next, 6, { recvbuf: into, source: prev, recvtag: 6 });
  strictEqual(into[0], prev);
  const req = comm.Irecv(into, prev, { tag: 10 });
  comm.Send(out, next, 10);
  req.Wait({ status: st });
  strictEqual(st.tag, 10);

  // Probes and messages.
  const probed = comm.isend('probed', next, 11);
  ok(comm.Probe(prev, { tag: 11, status: st }));
  strictEqual(st.tag, 11);
  const msg = comm.mprobe(prev, 11);
  strictEqual(msg.recv({ status: st }), 'probed');
  strictEqual(st.source, prev);
  probed.wait();

  // Requests: status and statuses by name.
  const reqs = [comm.irecv(prev, 12), comm.isend(rank, next, 12)];
  const statuses = [new MPI.Status(), new MPI.Status()];
  deepStrictEqual(MPI.Request.waitall(reqs, { statuses }), [prev, undefined]);
  strictEqual(statuses[0].tag, 12);
  const one = comm.irecv(prev, 13);
  comm.send(rank, next, 13);
  deepStrictEqual(MPI.Request.waitany([one], { status: st }), [0, prev]);

  // Collectives: root, op and root, op alone.
  for (let root = 0; root < size; root++) {
    strictEqual(comm.bcast(rank === root ? 'r' + root : undefined, { root }), 'r' + root);
    strictEqual(comm.reduce(rank, MPI.SUM, { root }), rank === root ? (size * (size - 1)) / 2 : undefined);
    strictEqual(comm.reduce(rank, { op: MPI.MAX, root }), rank === root ? size - 1 : undefined);
    const max = new Int32Array(1);
    comm.Reduce(Int32Array.of(rank), max, MPI.MAX, { root });
    if (rank === root) strictEqual(max[0], size - 1);
    const gathered = new Int32Array(size);
    comm.Gather(Int32Array.of(rank), gathered, { root });
    if (rank === root) deepStrictEqual(Array.from(gathered), [...Array(size).keys()]);
  }
  strictEqual(comm.allreduce(1, { op: MPI.SUM }), size);
  strictEqual(comm.allreduce(rank, MPI.Op.Create((a, b) => Math.max(a as number, b as number), { commute: true })), size - 1);

  // Refused: an unknown option, an option also given by position, an argument after the options object.
  throwsLike(() => comm.Split(0, { kye: 1 } as never), TypeError, /^Split: unexpected option 'kye' \(expected key\)$/);
  throwsLike(() => comm.Split(0, { color: 1 } as never), TypeError, /^Split: color is given twice, by position and in the options object$/);
  throwsLike(() => comm.recv(prev, { tag: 1 }, new MPI.Status() as never), TypeError, /^recv: status cannot follow the options object; pass it inside it$/);
  throwsLike(() => comm.Create_cart([size], { periods: [true], reoder: true } as never), TypeError, /^Create_cart: unexpected option 'reoder'/);
  throwsLike(() => comm.reduce(1, MPI.SUM, { op: MPI.MAX } as never), TypeError, /^reduce: op is given twice/);
  throwsLike(() => comm.send(1, next, { tag: 1, dest: 0 } as never), TypeError, /^send: dest is given twice/);
});
