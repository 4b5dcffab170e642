// mpi4js/util's pkl5.Comm and pkl5.Intercomm (mpi4py 4's), over the harness
// communicator. pkl5.Comm takes any communicator and runs the point-to-point
// calls and the collectives of its kind; `instanceof pkl5.Comm` holds for pkl5's
// Intracomm and Intercomm; each class refuses the other kind. Across two groups
// (comm split into all but the last rank and the last rank, joined by
// Create_intercomm, as test/programs/intercommunicators.ts): point to point to
// the remote group's ranks (send, ssend, isend, issend, sendrecv, mprobe,
// improbe, Message.irecv), every collective with MPI.ROOT, MPI.PROC_NULL and
// the remote root from each group in turn, with values of the mpi4py corpus and
// one of a few MB (also beyond a lowered block size: a contiguous datatype);
// roots and ranks outside the remote group refused; a value that cannot be sent
// fails its process with its own error and the receivers with one naming it.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { pkl5 } from 'mpi4js/util';
import { comm as base, MPI, program, rank, size, throwsLike, VALUES } from './harness';

type Inter = InstanceType<typeof pkl5.Intercomm>;
type Req = InstanceType<typeof pkl5.Request>;
const range = <R = number>(n: number, f: (i: number) => R): R[] => Array.from({ length: n }, (_, i) => f(i));

/** A value of n bytes whose content depends on seed (several MB: not a small message). */
function big(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 4093) b[i] = (i / 4093 + seed) & 0xff;
  b[n - 1] = seed & 0xff;
  return b;
}

function mpiError(f: () => unknown, errorClass: number, message: RegExp): void {
  const e = throwsLike(f, MPI.Exception, message) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.Get_error_class(), errorClass);
}

program(async () => {
  // ---- pkl5.Comm over an intracommunicator: the intra paths, any communicator size.
  const c = new pkl5.Comm(base);
  ok(c instanceof pkl5.Comm && c instanceof MPI.Comm && !(c instanceof MPI.Intracomm) && !(c instanceof pkl5.Intracomm));
  strictEqual(c.Compare(base), MPI.IDENT, 'the same communicator, not a copy');
  const intra = new pkl5.Intracomm(base);
  ok(intra instanceof pkl5.Comm && intra instanceof pkl5.Intracomm && intra instanceof MPI.Intracomm && !(intra instanceof pkl5.Intercomm));
  ok(!(base instanceof pkl5.Comm) && !({} instanceof pkl5.Comm) && !((null as unknown) instanceof pkl5.Comm));
  const next = (rank + 1) % size;
  const prev = (rank - 1 + size) % size;
  for (const v of VALUES) {
    deepStrictEqual(c.sendrecv([rank, v], next, 4, prev, 4), [prev, v]);
    deepStrictEqual(c.bcast(rank === 0 ? v : undefined), v);
    deepStrictEqual(c.allgather(v), range(size, () => v));
  }
  deepStrictEqual(c.gather(rank, { root: size - 1 }), rank === size - 1 ? range(size, (i) => i) : undefined);
  deepStrictEqual(c.scatter(rank === 0 ? range(size, (i) => `to ${i}`) : undefined, 0), `to ${rank}`);
  deepStrictEqual(c.alltoall(range(size, (to) => [rank, to])), range(size, (from) => [from, rank]));
  const creq = c.isend({ to: next }, next, 5);
  deepStrictEqual(c.mprobe(prev, 5).recv(), { to: rank });
  await creq;
  const cd = c.Dup();
  ok(cd instanceof pkl5.Comm && cd.Compare(base) === MPI.CONGRUENT);
  cd.Free();
  throwsLike(() => c.irecv(), Error, /^pkl5\.Comm\.irecv: .*unsupported/);
  mpiError(() => c.bcast(1, MPI.ROOT), MPI.ERR_ROOT, /^bcast: /);
  mpiError(() => c.gather(1, MPI.PROC_NULL), MPI.ERR_ROOT, /^gather: /);
  // The constructors: none is COMM_NULL; a non-communicator, and the wrong kind, a TypeError.
  for (const none of [new pkl5.Comm(), new pkl5.Intercomm(null), new pkl5.Intercomm(MPI.COMM_NULL), new pkl5.Intracomm(MPI.COMM_NULL)]) {
    mpiError(() => none.Get_size(), MPI.ERR_COMM, /COMM_NULL/);
    mpiError(() => none.send(1, 0), MPI.ERR_COMM, /^send: .*COMM_NULL/);
  }
  throwsLike(() => new pkl5.Intercomm(base), TypeError, /^pkl5\.Intercomm: comm must be an intercommunicator, got an intracommunicator/);
  throwsLike(() => new pkl5.Comm('world' as never), TypeError, /^pkl5\.Comm: comm must be an MPI\.Comm, got/);
  throwsLike(() => new pkl5.Intercomm({} as never), TypeError, /^pkl5\.Intercomm: comm must be an MPI\.Intercomm, got/);

  if (size < 2) {
    // Skipped by design: an intercommunicator joins two non-empty groups, which a
    // communicator of one process cannot make. What holds is asserted above.
    process.stderr.write(`pkl5-intercomm: the intercommunicator part skipped by design over a communicator of ${size} process (two groups need 2 or more)\n`);
    return;
  }

  // ---- pkl5.Intercomm across two groups.
  const lowSize = size - 1;
  const color = rank < lowSize ? 0 : 1;
  const other = 1 - color;
  const local = base.Split(color, rank);
  const mine = local.rank;
  const localSize = local.size;
  const remoteSize = color === 0 ? 1 : lowSize;
  const mpiInter = local.Create_intercomm(0, base, color === 0 ? lowSize : 0, 11);
  local.Free();
  const inter: Inter = new pkl5.Intercomm(mpiInter);
  ok(inter instanceof pkl5.Intercomm && inter instanceof pkl5.Comm && inter instanceof MPI.Intercomm && !(inter instanceof pkl5.Intracomm));
  strictEqual(inter.Compare(mpiInter), MPI.IDENT);
  strictEqual(inter.Get_remote_size(), remoteSize);
  strictEqual(inter.size, localSize);
  throwsLike(() => new pkl5.Intracomm(mpiInter), TypeError, /^pkl5\.Intracomm: comm must be an intracommunicator, got an intercommunicator/);
  throwsLike(() => inter.irecv(0, 0), Error, /^pkl5\.Intercomm\.irecv: .*unsupported/);

  const MB3 = 3 * 2 ** 20 + 5;
  const values: unknown[] = [...VALUES, big(MB3, 7), { nested: [big(2 ** 20, 3), 'tail'] }];

  // Point to point addresses the remote group: process p sends to remote p mod
  // remote size, which hears from every such p.
  const to = mine % remoteSize;
  const senders = range(remoteSize, (i) => i).filter((i) => i % localSize === mine);
  const status = new MPI.Status();
  for (const v of values) {
    // Every process sends before it receives: nonblocking sends (a blocking one of a few MB would wait for its receiver).
    const sends: ((x: unknown) => Req)[] = [(x) => inter.isend(x, to, 2), (x) => inter.issend(x, { dest: to, tag: 2 })];
    for (const send of sends) {
      const req = send([color, mine, v]);
      // From each sender in turn (a sender that receives nothing may already be a value ahead).
      for (const from of senders) {
        deepStrictEqual(inter.recv(from, 2, status), [other, from, v]);
        strictEqual(status.source, from);
      }
      await req;
    }
  }
  // The blocking sends, one way at a time: group 1's process to group 0's rank 0 (send, a few MB,
  // then ssend), then every process of group 0 to group 1's process (ssend, then send).
  if (color === 1) {
    inter.send(big(MB3, 1), 0, 3);
    inter.ssend({ ss: mine }, 0, 3);
    for (let i = 0; i < 2 * remoteSize; i++) deepStrictEqual(inter.recv(MPI.ANY_SOURCE, 4, status), { from: status.source });
  } else {
    if (mine === 0) {
      deepStrictEqual(inter.recv(0, 3), big(MB3, 1));
      deepStrictEqual(inter.recv(0, 3, status), { ss: 0 });
      strictEqual(status.source, 0);
    }
    inter.ssend({ from: mine }, 0, 4);
    inter.send({ from: mine }, { dest: 0, tag: 4 });
  }
  // mprobe / improbe claim a value across the groups; Message.irecv gives it.
  const preq = inter.isend(values[values.length - 2], to, 6);
  for (const _ of senders) {
    let m: InstanceType<typeof pkl5.Message> | undefined = inter.improbe(MPI.ANY_SOURCE, 6, status);
    while (m === undefined) m = inter.improbe(MPI.ANY_SOURCE, 6, status);
    ok(senders.includes(status.source));
    strictEqual(status.Get_count(MPI.BYTE) > MB3, true, 'the status counts the parts\' bytes');
    deepStrictEqual(await m.irecv(), values[values.length - 2]);
  }
  await preq;
  const mreq = inter.isend({ m: mine }, to, 7);
  for (const _ of senders) deepStrictEqual(pkl5.Message.probe(inter, MPI.ANY_SOURCE, 7).recv(status), { m: status.source });
  await mreq;
  // sendrecv between the two groups' rank 0s, a large value each way.
  if (mine === 0) deepStrictEqual(inter.sendrecv(big(MB3, color), 0, 8, 0, 8), big(MB3, other));
  // Ranks and roots outside the remote group; counts that are not the remote group's.
  mpiError(() => inter.send(1, remoteSize), MPI.ERR_RANK, /^send: /);
  mpiError(() => inter.recv(remoteSize), MPI.ERR_RANK, /^recv: /);
  for (const r of [remoteSize, -7, size + 3]) {
    mpiError(() => inter.bcast(1, r), MPI.ERR_ROOT, /^bcast: /);
    mpiError(() => inter.gather(1, { root: r }), MPI.ERR_ROOT, /^gather: /);
    mpiError(() => inter.scatter(null, r), MPI.ERR_ROOT, /^scatter: /);
  }
  throwsLike(() => inter.bcast(1, 2 ** 40), RangeError, /^bcast: root .* does not fit in a C int/);
  throwsLike(() => inter.alltoall(range(remoteSize + 1, () => 1)), RangeError, /^alltoall: expecting \d+ items/);

  // Every collective: each group in turn takes the root's side, each of its processes the root.
  for (const round of [0, 1]) {
    // Round 1: every part beyond 1 MiB goes as one item of a contiguous datatype.
    if (round === 1) pkl5._bigmpi.blocksize = 2 ** 20;
    for (const v of round === 0 ? values : values.slice(-2)) {
      for (const side of [0, 1]) {
        const roots = range(side === 0 ? lowSize : 1, (i) => i);
        for (const r of roots) {
          const atRoot = color === side && mine === r;
          const root = color === side ? (atRoot ? MPI.ROOT : MPI.PROC_NULL) : r;
          const receiving = color !== side;
          deepStrictEqual(inter.bcast(atRoot ? v : 'ignored', root), receiving ? v : undefined);
          deepStrictEqual(inter.gather(receiving ? [mine, v] : 'ignored', root), atRoot ? range(remoteSize, (i) => [i, v]) : undefined);
          deepStrictEqual(inter.scatter(atRoot ? range(remoteSize, (i) => [i, v]) : 'ignored', { root }), receiving ? [mine, v] : undefined);
          strictEqual(inter.scatter(null, root), undefined);
        }
      }
      deepStrictEqual(inter.allgather([color, mine, v]), range(remoteSize, (i) => [other, i, v]));
      deepStrictEqual(inter.allgather(undefined), range(remoteSize, () => undefined));
      deepStrictEqual(inter.alltoall(range(remoteSize, (i) => [mine, i, v])), range(remoteSize, (i) => [i, mine, v]));
      deepStrictEqual(inter.alltoall(range(remoteSize, (i) => [mine, i]).values()), range(remoteSize, (i) => [i, mine]));
      deepStrictEqual(inter.alltoall(null), range(remoteSize, () => undefined));
    }
  }
  pkl5._bigmpi.blocksize = Number.MAX_SAFE_INTEGER;
  // A scatter's value for this process alone: item i is process i's.
  const rootOf0 = color === 0 ? (mine === 0 ? MPI.ROOT : MPI.PROC_NULL) : 0;
  deepStrictEqual(inter.scatter(color === 0 && mine === 0 ? range(remoteSize, (i) => ({ i })) : undefined, rootOf0), color === 1 ? { i: mine } : undefined);

  // A value that cannot be sent: its process throws its own error, the processes that receive it one naming it.
  const lastRoot = color === 0 ? (mine === lowSize - 1 ? MPI.ROOT : MPI.PROC_NULL) : lowSize - 1;
  const bad = Symbol('not serializable');
  if (color === 0 && mine === lowSize - 1) throwsLike(() => inter.bcast(bad, lastRoot), TypeError, /^bcast: cannot serialize/);
  else if (color === 0) strictEqual(inter.bcast(bad, lastRoot), undefined);
  else throwsLike(() => inter.bcast(undefined, lastRoot), Error, new RegExp(`^bcast: process ${lowSize - 1} of the other group could not send its value`));
  // group 1's only process is the root of a gather from group 0, whose last process fails.
  const root1 = color === 1 ? MPI.ROOT : 0;
  if (color === 1) throwsLike(() => inter.gather(undefined, root1), Error, new RegExp(`^gather: process ${lowSize - 1} of the other group could not send`));
  else if (mine === lowSize - 1) throwsLike(() => inter.gather(bad, root1), TypeError, /^gather: cannot serialize/);
  else strictEqual(inter.gather(mine, root1), undefined);
  // A scatter whose root passes the wrong number of items fails at the root, and clearly on the other group.
  if (color === 1) throwsLike(() => inter.scatter(range(remoteSize + 1, () => 1), root1), RangeError, /^scatter: expecting \d+ items/);
  else throwsLike(() => inter.scatter(undefined, root1), Error, /^scatter: process 0 of the other group could not send/);
  // allgather and alltoall: group 1's process fails; group 0 hears of it, group 1 still gets group 0's values.
  if (color === 1) {
    throwsLike(() => inter.allgather(bad), TypeError, /^allgather: cannot serialize/);
    throwsLike(() => inter.alltoall('not an array'), TypeError, /^alltoall: expecting an array/);
  } else {
    throwsLike(() => inter.allgather(mine), Error, /^allgather: process 0 of the other group could not send its value/);
    throwsLike(() => inter.alltoall([mine]), Error, /^alltoall: process 0 of the other group could not send/);
  }
  // The intercommunicator works on, and a pkl5.Comm over it takes the paths across groups.
  deepStrictEqual(inter.allgather(mine), range(remoteSize, (i) => i));
  const asComm = new pkl5.Comm(mpiInter);
  ok(asComm instanceof pkl5.Comm && !(asComm instanceof MPI.Intercomm));
  deepStrictEqual(asComm.bcast(color === 0 && mine === 0 ? 'from 0.0' : undefined, rootOf0), color === 1 ? 'from 0.0' : undefined);
  deepStrictEqual(asComm.allgather([color, mine]), range(remoteSize, (i) => [other, i]));
  const areq = asComm.isend(mine, to, 9);
  for (const _ of senders) deepStrictEqual(asComm.recv(MPI.ANY_SOURCE, 9, status), status.source);
  await areq;
  // A duplicate is a pkl5.Intercomm of its own, with its own private communicators.
  const dup = inter.Dup();
  ok(dup instanceof pkl5.Intercomm && dup.Compare(inter) === MPI.CONGRUENT);
  deepStrictEqual(dup.bcast(color === 0 && mine === 0 ? 'dup' : undefined, rootOf0), color === 1 ? 'dup' : undefined);
  dup.Free();
  ok(inter.iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG) === false);
  inter.Free();
  mpiError(() => inter.bcast(1, MPI.PROC_NULL), MPI.ERR_COMM, /^bcast: .*COMM_NULL/);
  base.Barrier();
});
