// probe/iprobe see a waiting message; mprobe/improbe claim it for one receive.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank } from './harness';

program(async () => {
  strictEqual(comm.iprobe(MPI.ANY_SOURCE, 123), false);
  const st = new MPI.Status();
  strictEqual(comm.improbe(MPI.ANY_SOURCE, 123, st), undefined);
  strictEqual(st.source, MPI.ANY_SOURCE);

  comm.isend([rank, 'self'], rank, 123);
  strictEqual(comm.probe(MPI.ANY_SOURCE, 123, st), true);
  strictEqual(st.source, rank);
  strictEqual(st.tag, 123);
  ok(comm.iprobe({ source: rank, tag: 123 }));
  deepStrictEqual(comm.recv(rank, 123), [rank, 'self']);

  comm.isend({ m: 1 }, rank, 124);
  const msg = comm.mprobe(rank, 124);
  ok(msg.active);
  deepStrictEqual(msg.recv(), { m: 1 });
  ok(!msg.active);

  comm.isend('via irecv', rank, 125);
  let m2: InstanceType<typeof MPI.Message> | undefined;
  while (!(m2 = comm.improbe(rank, 125)));
  strictEqual(await m2.irecv(), 'via irecv');

  // Buffers: Mprobe tells the size, Recv takes exactly that message.
  comm.Isend(new Int16Array([1, 2, 3]), rank, 126);
  const st2 = new MPI.Status();
  const m3 = comm.Mprobe(rank, 126, st2);
  strictEqual(st2.Get_count(MPI.INT16_T), 3);
  const into = new Int16Array(3);
  m3.Recv(into);
  deepStrictEqual([...into], [1, 2, 3]);
  comm.Isend(new Uint8Array([9]), rank, 127);
  comm.Probe(rank, 127, st2);
  strictEqual(st2.Get_count(MPI.BYTE), 1);
  ok(comm.Iprobe(rank, 127));
  const one = new Uint8Array(1);
  await comm.Mprobe(rank, 127).Irecv(one);
  strictEqual(one[0], 9);
});
