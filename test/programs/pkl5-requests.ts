// mpi4js/util's pkl5.Request over the harness communicator, as mpi4py's
// test_util_pkl5: the statics testall, waitall and get_status_all on lists of
// issends (statuses extended to one per request), waitall of mprobe().irecv()
// requests giving every value, get_status completing nothing, cancel of an
// issend to itself (cancelled, or received), Free, and await.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { pkl5 } from 'mpi4js/util';
import { comm as base, MPI, program, rank, size, throwsLike, VALUES } from './harness';

program(async () => {
  const comm = new pkl5.Intracomm(base);
  const dest = (rank + 1) % size;
  const source = (rank - 1 + size) % size;

  // get_status_all completes nothing; testall and waitall then do.
  let requests = VALUES.map((v) => comm.issend(v, rank));
  strictEqual(pkl5.Request.get_status_all(requests), false);
  comm.barrier();
  for (const v of VALUES) deepStrictEqual(comm.recv(rank), v);
  const statuses: InstanceType<typeof MPI.Status>[] = [];
  while (!pkl5.Request.get_status_all(requests, statuses));
  strictEqual(statuses.length, requests.length, 'statuses extended to one per request');
  ok(requests.every((r) => r.active), 'get_status completes nothing');
  deepStrictEqual(pkl5.Request.testall(requests), [true, VALUES.map(() => undefined)]);
  ok(requests.every((r) => !r.active));

  // testall before the receives: not done, no values.
  requests = VALUES.map((v) => comm.issend(v, rank));
  deepStrictEqual(pkl5.Request.testall(requests), [false, undefined]);
  comm.barrier();
  for (const v of VALUES) deepStrictEqual(comm.recv(rank), v);
  let flag = false;
  let values: unknown[] | undefined;
  while (!flag) [flag, values] = pkl5.Request.testall(requests);
  deepStrictEqual(values, VALUES.map(() => undefined));
  deepStrictEqual(pkl5.Request.testall(requests)[0], true);

  // Around a ring: waitall of the sends; waitall of irecvs gives every value, statuses filled.
  requests = VALUES.map((v) => comm.issend(v, dest));
  strictEqual(pkl5.Request.testall(requests)[0], false, 'no issend completes before its receive');
  comm.barrier();
  for (const v of VALUES) deepStrictEqual(comm.recv(source), v);
  deepStrictEqual(pkl5.Request.waitall(requests), VALUES.map(() => undefined));
  const sends = VALUES.map((v) => comm.issend(v, dest));
  const recvs = VALUES.map(() => comm.mprobe(source).irecv());
  const sts = [new MPI.Status()];
  deepStrictEqual(pkl5.Request.waitall(recvs, sts), VALUES);
  strictEqual(sts.length, recvs.length);
  for (const s of sts) {
    strictEqual(s.source, source);
    strictEqual(s.tag, 0);
    ok(s.Get_count() > 0);
  }
  comm.barrier();
  const sendSts = [new MPI.Status()];
  pkl5.Request.waitall(sends, sendSts);
  strictEqual(sendSts[0].error, 0);

  // cancel: an issend to itself is cancelled, or (where MPI cannot cancel a send) received.
  for (const v of VALUES) {
    const r = comm.issend(v, rank, 0);
    ok(!r.test()[0]);
    r.cancel();
    ok(r.active);
    if (comm.iprobe(rank, 0)) deepStrictEqual(comm.recv(rank, 0), v);
    r.wait();
    ok(!r.active);
  }
  strictEqual(comm.iprobe(rank, 0), false);

  // Free lets a matched send go; free is the same.
  const freed = comm.isend({ f: 1 }, rank, 3);
  freed.Free();
  ok(!freed.active);
  deepStrictEqual(comm.recv(rank, 3), { f: 1 });
  const freed2 = comm.isend([2], rank, 3);
  freed2.free();
  deepStrictEqual(comm.recv(rank, 3), [2]);

  // Awaited: sends, and every request of a list at once.
  const pending = VALUES.map((v) => comm.isend(v, dest, 6));
  const got = VALUES.map(() => comm.mprobe(source, 6).irecv());
  deepStrictEqual(await Promise.all(got), VALUES);
  deepStrictEqual(await Promise.all(pending), VALUES.map(() => undefined));

  // Bad arguments name the call.
  throwsLike(() => pkl5.Request.waitall('x' as never), TypeError, /pkl5\.Request\.waitall: requests must be an array/);
  throwsLike(() => pkl5.Request.testall([MPI.REQUEST_NULL as never]), TypeError, /pkl5\.Request\.testall: requests\[0\] must be a pkl5\.Request/);
  throwsLike(() => pkl5.Request.get_status_all([], 5 as never), TypeError, /get_status_all: statuses must be an array/);
  throwsLike(() => new pkl5.Request().wait(7 as never), TypeError, /pkl5\.Request\.wait: status must be an MPI\.Status/);
  comm.barrier();
});
