// mpi4js/util's pkl5 matched probes over the harness communicator (a Dup of
// it, as mpi4py's test_util_pkl5 does): mprobe, improbe, Message.probe and
// Message.iprobe claim a value's header and parts; Message.recv and .irecv
// take them (status: sender, tag, bytes); a message from PROC_NULL receives
// undefined; probe and iprobe see the header; Message and Request equality as
// mpi4py's tuples; a receive of a message that is not pkl5's is refused.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { pkl5 } from 'mpi4js/util';
import { comm as base, MPI, program, rank, size, throwsLike, VALUES } from './harness';

program(async () => {
  const comm = new pkl5.Intracomm(base).Dup();
  ok(comm instanceof pkl5.Intracomm, 'Dup of a pkl5.Intracomm is one');
  try {
    // From PROC_NULL: a Message of one (MESSAGE_NO_PROC), receiving undefined.
    let m = comm.mprobe(MPI.PROC_NULL);
    ok(m instanceof pkl5.Message);
    ok(m.active);
    strictEqual(m.recv(), undefined);
    ok(!m.active);
    ok(m.equals(new pkl5.Message()), 'received: MESSAGE_NULL');
    m = comm.mprobe(MPI.PROC_NULL);
    const nr = m.irecv();
    ok(!m.active);
    ok(nr.active, 'an empty receive, active until waited');
    strictEqual(nr.wait(), undefined);
    ok(!nr.active);
    ok(nr.equals(MPI.REQUEST_NULL));
    for (let i = 0; i < 3; i++) ok(comm.improbe(MPI.PROC_NULL)?.active);

    // mprobe then recv, with statuses.
    for (const v of VALUES) {
      const req = comm.issend(v, rank, 123);
      const s = new MPI.Status();
      const msg = comm.mprobe(MPI.ANY_SOURCE, MPI.ANY_TAG, s) as InstanceType<typeof pkl5.Message>;
      strictEqual(s.source, rank);
      strictEqual(s.tag, 123);
      ok(s.Get_elements(MPI.BYTE) > 0, 'the parts\' bytes');
      strictEqual(msg.length, 2);
      ok(msg.equals(new pkl5.Message([...msg])));
      const rs = new MPI.Status();
      deepStrictEqual(msg.recv(rs), v);
      strictEqual(rs.source, rank);
      strictEqual(rs.tag, 123);
      strictEqual(rs.Get_elements(MPI.BYTE), s.Get_elements(MPI.BYTE));
      ok(!msg.active);
      throwsLike(() => msg.recv(), TypeError, /pkl5\.Message\.recv: the message is null or has already been received/);
      ok(req.active);
      strictEqual(req.wait(), undefined);
      ok(!req.active);
      deepStrictEqual(req.test(), [true, undefined]);
      msg.free();
    }
    // mprobe then irecv: wait gives the value once; await every time.
    for (const v of VALUES) {
      const req = comm.issend(v, rank, 123);
      const rreq = comm.mprobe(rank, 123).irecv();
      ok(rreq.active);
      const s = new MPI.Status();
      deepStrictEqual(rreq.wait(s), v);
      strictEqual(s.source, rank);
      strictEqual(s.tag, 123);
      ok(!rreq.active);
      deepStrictEqual(rreq.test(), [true, undefined]);
      deepStrictEqual(await rreq, v, 'await gives the value every time');
      await req;
      ok(!req.active);
    }
    // Awaited from the start.
    for (const v of VALUES.slice(0, 5)) {
      const req = comm.isend(v, rank, 9);
      deepStrictEqual(await comm.mprobe(rank, 9).irecv(), v);
      strictEqual(await req, undefined);
    }
    // improbe: undefined until the header is there; probe and iprobe see it.
    for (const v of VALUES) {
      strictEqual(comm.improbe(rank, 123), undefined);
      strictEqual(comm.iprobe(rank, 123), false);
      const req = comm.issend(v, rank, 123);
      const s = new MPI.Status();
      while (!comm.iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG, s));
      strictEqual(s.tag, 123);
      comm.probe(MPI.ANY_SOURCE, MPI.ANY_TAG, s);
      strictEqual(s.source, rank);
      const [done, value] = req.test();
      ok(!done);
      strictEqual(value, undefined);
      const msg = comm.improbe(MPI.ANY_SOURCE, MPI.ANY_TAG, s);
      ok(msg?.active);
      strictEqual(s.source, rank);
      deepStrictEqual(msg.recv(), v);
      req.wait();
    }
    // The statics take any communicator.
    for (const v of VALUES.slice(0, 6)) {
      const req = comm.issend(v, rank, 11);
      strictEqual(pkl5.Message.iprobe(comm, rank, 12), undefined);
      const s = new MPI.Status();
      const msg = pkl5.Message.probe(comm, MPI.ANY_SOURCE, 11, s);
      strictEqual(s.tag, 11);
      deepStrictEqual(msg.recv(), v);
      req.wait();
      const req2 = comm.issend(v, rank, 11);
      let found: InstanceType<typeof pkl5.Message> | undefined;
      while (!(found = pkl5.Message.iprobe(comm, rank, 11)));
      deepStrictEqual(found.recv(), v);
      req2.wait();
    }
    // Between ranks: ssend then mprobe, a pong back (after every rank's probes of ANY_SOURCE above).
    comm.barrier();
    if (size > 1 && rank < 2) {
      const peer = 1 - rank;
      for (const v of VALUES) {
        if (rank === 0) {
          comm.ssend(v, peer);
          deepStrictEqual(comm.mprobe(peer).recv(), v);
        } else {
          const got = comm.mprobe(peer).recv();
          comm.ssend(got, peer);
          deepStrictEqual(got, v);
        }
      }
    }

    // Equality and truth, as mpi4py's tuples.
    const nullMessage = new pkl5.Message();
    ok(!nullMessage.active);
    ok(nullMessage.equals(new pkl5.Message()));
    ok(!nullMessage.equals('123'));
    const nullRequest = new pkl5.Request();
    ok(!nullRequest.active);
    ok(nullRequest.equals(new pkl5.Request()));
    ok(nullRequest.equals(MPI.REQUEST_NULL));
    ok(new pkl5.Request(MPI.REQUEST_NULL).equals(nullRequest));
    ok(!nullRequest.equals('123'));
    const live = comm.issend('x', rank, 5);
    ok(live.equals(new pkl5.Request([...live])));
    ok(!live.equals(MPI.REQUEST_NULL));
    strictEqual(comm.recv(rank, 5), 'x');
    live.wait();
    ok(live.equals(MPI.REQUEST_NULL));
    throwsLike(() => new pkl5.Request([1 as never]), TypeError, /pkl5\.Request: request\[0\] must be an MPI\.Request/);
    throwsLike(() => new pkl5.Message('m' as never), TypeError, /pkl5\.Message: message must be an MPI\.Message/);

    // A plain send's message is not pkl5's: refused, and still there for a plain receive.
    comm.Send(new Uint8Array(3), rank, 77);
    throwsLike(() => comm.recv(rank, 77), RangeError, /recv: the message from rank \d+ is not a pkl5 message/);
    const back = new Uint8Array(3);
    comm.Recv(back, rank, 77);
    comm.barrier();
  } finally {
    comm.Free();
  }
});
