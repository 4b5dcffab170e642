// mpi4js/util's pkl5 point to point over the harness communicator, as mpi4py's
// test_util_pkl5 runs it: send/recv along a chain, ssend, bsend through an
// attached buffer, isend/issend/ibsend to itself and around a ring (a Request
// active until waited), sendrecv with a status, PROC_NULL everywhere (nothing
// serialized, undefined received), options forms, timeouts, irecv refused,
// and a value that cannot be serialized refused naming the call.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { pkl5 } from 'mpi4js/util';
import { comm as base, MPI, program, rank, size, throwsLike, VALUES } from './harness';

type Req = InstanceType<typeof pkl5.Request>;

program(() => {
  const comm = new pkl5.Intracomm(base);
  ok(comm instanceof MPI.Intracomm, 'a pkl5.Intracomm is an MPI.Intracomm');
  strictEqual(comm.Get_rank(), rank);
  strictEqual(comm.Get_size(), size);
  strictEqual(comm.Compare(base), MPI.IDENT, 'the same communicator, not a copy');
  const next = (rank + 1) % size;
  const prev = (rank - 1 + size) % size;

  // PROC_NULL: the value is not serialized (mpi4py's pkl5), nothing arrives.
  for (const v of VALUES) {
    comm.send(v, MPI.PROC_NULL);
    comm.ssend(v, MPI.PROC_NULL);
    strictEqual(comm.recv(MPI.PROC_NULL, 0), undefined);
  }
  comm.send(Symbol('not serialized'), MPI.PROC_NULL);
  const st = new MPI.Status();
  strictEqual(comm.recv(MPI.PROC_NULL, 0, st), undefined);
  strictEqual(st.source, MPI.PROC_NULL);

  // Along a chain, blocking and synchronous.
  if (size > 1) {
    for (const send of [(v: unknown, d: number) => comm.send(v, d, 0), (v: unknown, d: number) => comm.ssend(v, d, 0)]) {
      for (const v of VALUES) {
        let got: unknown = v;
        if (rank === 0) send(v, 1);
        else {
          got = comm.recv(rank - 1, 0);
          if (rank < size - 1) send(got, rank + 1);
        }
        deepStrictEqual(got, v);
      }
    }
  }

  // Buffered: through an attached buffer (mpi4py: Alloc_mem((1 << 16) + BSEND_OVERHEAD)).
  MPI.Attach_buffer(new Uint8Array((1 << 16) + 8 * MPI.BSEND_OVERHEAD));
  try {
    for (const v of VALUES) {
      comm.bsend(v, next, 4);
      deepStrictEqual(comm.recv(prev, 4), v);
      const r = comm.ibsend(v, rank, 5);
      ok(r.active);
      deepStrictEqual(comm.recv(rank, 5), v);
      r.wait();
      ok(!r.active);
    }
  } finally {
    MPI.Detach_buffer();
  }

  // Nonblocking to itself: a Request of the header's and the part's requests.
  for (const v of VALUES) {
    const r: Req = comm.isend(v, rank, 0);
    ok((r as unknown) instanceof pkl5.Request);
    strictEqual(r.length, 2, 'header and data');
    ok(r.active);
    deepStrictEqual(comm.recv(rank, 0), v);
    const [done, value] = r.test();
    ok(done);
    strictEqual(value, undefined);
    ok(!r.active);
  }
  // Synchronous to itself: not done before its receive.
  for (const v of VALUES) {
    const r: Req = comm.issend(v, rank, 0);
    const [done] = r.test();
    ok(!done, 'issend completes only once received');
    ok(r.active);
    deepStrictEqual(comm.recv(rank, 0), v);
    strictEqual(r.wait(), undefined);
    ok(!r.active);
  }
  // Around a ring.
  for (const v of VALUES) {
    const r = comm.issend(v, next, 0);
    deepStrictEqual(comm.recv(prev, 0), v);
    r.Wait();
    ok(!r.active);
  }

  // sendrecv: status reports the sender, the tag and the value's bytes.
  for (const v of VALUES) {
    strictEqual(comm.sendrecv(v, MPI.PROC_NULL, 0, MPI.PROC_NULL, 0), undefined);
    strictEqual(comm.sendrecv(undefined, next, 0, prev, 0), undefined);
    const s = new MPI.Status();
    deepStrictEqual(comm.sendrecv(v, next, 42, prev, 42, s), v);
    strictEqual(s.source, prev);
    strictEqual(s.tag, 42);
    strictEqual(s.error, 0);
    ok(s.Get_elements(MPI.BYTE) > 0);
  }
  // Options forms, as MPI.Comm's.
  comm.send({ o: 1 }, { dest: next, tag: 7 });
  const so = new MPI.Status();
  deepStrictEqual(comm.recv({ source: prev, tag: 7, status: so }), { o: 1 });
  strictEqual(so.tag, 7);
  deepStrictEqual(comm.sendrecv('x', { dest: next, sendtag: 8, source: prev, recvtag: 8 }), 'x');

  // A receive that times out leaves nothing half-received.
  throwsLike(() => comm.recv(prev, 99, { timeout: 20 }), MPI.TimeoutError, /recv.*timed out/);
  comm.barrier(); // every rank's wait has timed out before anything is sent
  comm.send('late', next, 99);
  strictEqual(comm.recv(prev, 99), 'late');

  // irecv is refused (mpi4py: RuntimeError "unsupported"); Python's NotImplementedError is one.
  const e = throwsLike(() => comm.irecv(MPI.PROC_NULL, 0), Error, /irecv.*unsupported/);
  strictEqual(e.name, 'NotImplementedError');

  // A value that cannot be serialized is refused naming the call, nothing sent.
  throwsLike(() => comm.send(Symbol('x'), next, 0), TypeError, /^send: cannot serialize/);
  throwsLike(() => comm.isend(() => 1, next, 0), TypeError, /^isend: cannot serialize/);
  throwsLike(() => comm.send(1, size, 0), MPI.Exception, /send/);
  comm.barrier();
  strictEqual(comm.iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG), false, 'nothing was left unreceived');
});
