// Intercommunicators: comm split into two groups of different sizes (all but the
// last rank, and the last rank), joined by Create_intercomm. Merge orders the
// groups by `high`; remote size and group name the other group; every
// collective runs in both directions, each group taking the root's side, in
// buffer and value forms, blocking and nonblocking; what MPI forbids across two
// groups (prefixes, MPI.IN_PLACE, a root outside the remote group) is refused.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';
import { intercommTwoGroups } from './intercomm-groups';

type Intercomm = InstanceType<typeof MPI.Intercomm>;
const range = <R = number>(n: number, f: (i: number) => R): R[] => Array.from({ length: n }, (_, i) => f(i));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** The value process `r` of group `color` puts at index `j`. */
const val = (color: number, r: number, j = 0) => (color + 1) * 1000 + r * 10 + j;
/** Counts of a total split over n processes, the first ones one more. */
const split = (total: number, n: number) => range(n, (i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

function mpiError(f: () => unknown, errorClass: number, message: RegExp): void {
  const e = throwsLike(f, MPI.Exception, message) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.Get_error_class(), errorClass);
}

program(async () => {
  // Every communicator answers the intercommunicator test from its handle.
  ok(!comm.Is_inter() && comm.Is_intra() && !comm.is_inter && comm.is_intra);
  strictEqual(comm.topology, MPI.UNDEFINED);
  strictEqual(comm.is_topo, false);
  // Over one process: skipped by design (an intercommunicator joins two non-empty groups); what holds is asserted above.
  const groups = intercommTwoGroups(7, 'intercommunicators');
  if (!groups) return;
  const { lowSize, color, other, local, mine, localSize, remoteSize, inter } = groups;
  ok(inter instanceof MPI.Intercomm);
  ok(inter.Is_inter() && inter.is_inter && !inter.Is_intra() && !inter.is_intra);
  strictEqual(inter.Get_topology(), MPI.UNDEFINED);
  strictEqual(inter.is_topo, false);
  strictEqual(inter.size, localSize);
  strictEqual(inter.Get_size(), localSize);
  strictEqual(inter.rank, mine);
  strictEqual(inter.Get_remote_size(), remoteSize);
  strictEqual(inter.remote_size, remoteSize);
  const remoteGroup = inter.Get_remote_group();
  strictEqual(remoteGroup.size, remoteSize);
  // The remote group's processes, as comm's ranks: the other half.
  deepStrictEqual(remoteGroup.Translate_ranks(range(remoteSize, (i) => i), comm.group), range(remoteSize, (i) => (color === 0 ? lowSize + i : i)));
  deepStrictEqual(inter.remote_group.Translate_ranks([0], comm.group), [color === 0 ? lowSize : 0]);
  deepStrictEqual(inter.group.Translate_ranks([0], comm.group), [color === 0 ? 0 : lowSize]);

  // Merge: the group passing high comes second, each group in its own order.
  const lowFirst = inter.Merge(color === 1);
  ok(lowFirst instanceof MPI.Intracomm && lowFirst.Is_intra());
  strictEqual(lowFirst.size, size);
  strictEqual(lowFirst.rank, rank);
  const highFirst = inter.Merge({ high: color === 0 });
  strictEqual(highFirst.rank, color === 1 ? mine : remoteSize + mine);
  strictEqual(highFirst.allreduce(1), size);

  // Point-to-point ranks address the remote group.
  // Process p sends to remote process p mod remote size, which hears from each such p.
  const req = inter.isend({ from: [color, mine] }, mine % remoteSize, 3);
  const senders = range(remoteSize, (i) => i).filter((i) => i % localSize === mine);
  const status = new MPI.Status();
  for (const _ of senders) {
    deepStrictEqual(inter.recv<{ from: number[] }>(MPI.ANY_SOURCE, 3, status).from[0], other);
    ok(senders.includes(status.source));
  }
  await req;
  mpiError(() => inter.send(1, remoteSize), MPI.ERR_RANK, /^send: /);
  mpiError(() => inter.Send(new Int32Array(1), remoteSize), MPI.ERR_RANK, /^Send: /);

  // Rooted collectives: each group in turn holds the root (its last process).
  for (const rootSide of [0, 1]) {
    const rootRank = (rootSide === 0 ? lowSize : 1) - 1;
    const atRoot = color === rootSide && mine === rootRank;
    const root = color === rootSide ? (mine === rootRank ? MPI.ROOT : MPI.PROC_NULL) : rootRank;
    const receivers = color === rootSide ? remoteSize : 0; // how many processes the root serves
    const receiving = color !== rootSide;

    // Bcast, Ibcast, bcast: the root's data on the other group only.
    const b = new Float64Array(3).fill(-1);
    if (atRoot) b.set([1.5, 2.5, 3.5]);
    inter.Bcast(b, root);
    deepStrictEqual([...b], receiving || atRoot ? [1.5, 2.5, 3.5] : [-1, -1, -1]);
    const ib = new Int32Array(2).fill(atRoot ? 9 : -1);
    await inter.Ibcast(ib, { root });
    deepStrictEqual([...ib], receiving || atRoot ? [9, 9] : [-1, -1]);
    // A 0-item Ibcast and Ireduce, PROC_NULL roots included (an Open MPI 4.1 corner).
    await inter.Ibcast(new Int32Array(0), root);
    await inter.Ireduce(new Int32Array(0), new Int32Array(0), MPI.SUM, root);
    const value = inter.bcast(atRoot ? { side: rootSide, list: [1, 'two'] } : 'ignored', root);
    deepStrictEqual(value, receiving ? { side: rootSide, list: [1, 'two'] } : undefined);

    // Gather, Igather, gather: the other group's blocks, in its rank order, at the root.
    const gathered = new Int32Array(2 * receivers).fill(-1);
    inter.Gather(Int32Array.of(val(color, mine), val(color, mine, 1)), atRoot ? gathered : null, root);
    if (atRoot) deepStrictEqual([...gathered], range(2 * receivers, (i) => val(other, Math.floor(i / 2), i % 2)));
    const ig = new Int32Array(receivers).fill(-1);
    await inter.Igather(Int32Array.of(val(color, mine)), atRoot ? ig : null, root);
    if (atRoot) deepStrictEqual([...ig], range(receivers, (i) => val(other, i)));
    const values = inter.gather(`p${color}.${mine}`, root);
    deepStrictEqual(values, atRoot ? range(remoteSize, (i) => `p${other}.${i}`) : undefined);

    // Gatherv, Igatherv: remote process i sends i + 1 items, at 4·i.
    const gv = new Int16Array(4 * remoteSize).fill(-1);
    const vcounts = range(remoteSize, (i) => i + 1);
    const vdispls = range(remoteSize, (i) => 4 * i);
    const wantV = range(4 * remoteSize, (x) => (x % 4 < Math.floor(x / 4) + 1 ? val(other, Math.floor(x / 4)) : -1));
    inter.Gatherv(new Int16Array(mine + 1).fill(val(color, mine)), atRoot ? [gv, [vcounts, vdispls], MPI.INT16_T] : null, root);
    if (atRoot) deepStrictEqual([...gv], wantV);
    const igv = new Int16Array(4 * remoteSize).fill(-1);
    await inter.Igatherv(new Int16Array(mine + 1).fill(val(color, mine)), atRoot ? [igv, vcounts, vdispls, MPI.INT16_T] : null, root);
    if (atRoot) deepStrictEqual([...igv], wantV);

    // Scatter, Iscatter, scatter: block i of the root's buffer to process i of the other group.
    const sbuf = atRoot ? Float64Array.from({ length: 2 * remoteSize }, (_, i) => i / 2) : null;
    const part = new Float64Array(2).fill(-1);
    inter.Scatter(sbuf, receiving ? part : null, root);
    if (receiving) deepStrictEqual([...part], [mine, mine + 0.5]);
    const ipart = new Float64Array(2).fill(-1);
    await inter.Iscatter(sbuf, receiving ? ipart : null, root);
    if (receiving) deepStrictEqual([...ipart], [mine, mine + 0.5]);
    deepStrictEqual(inter.scatter(atRoot ? range(remoteSize, (i) => ({ i })) : null, root), receiving ? { i: mine } : undefined);

    // Scatterv, Iscatterv: the Gatherv layout back out.
    const sv = atRoot ? [new Int16Array(wantV), vcounts, vdispls, MPI.INT16_T] as const : null;
    const svOut = new Int16Array(mine + 1).fill(-1);
    inter.Scatterv(sv as never, receiving ? svOut : null, root);
    if (receiving) deepStrictEqual([...svOut], new Array(mine + 1).fill(val(color, mine)));
    const isvOut = new Int16Array(mine + 1).fill(-1);
    await inter.Iscatterv(sv as never, receiving ? isvOut : null, root);
    if (receiving) deepStrictEqual([...isvOut], new Array(mine + 1).fill(val(color, mine)));

    // Reduce, Ireduce, reduce: the other group's buffers combined at the root.
    const red = new Float64Array(2).fill(-1);
    inter.Reduce(Float64Array.of(val(color, mine), 1), atRoot ? red : null, MPI.SUM, root);
    if (atRoot) deepStrictEqual([...red], [sum(range(remoteSize, (i) => val(other, i))), remoteSize]);
    const ired = new Int32Array(1).fill(-1);
    await inter.Ireduce(Int32Array.of(val(color, mine)), atRoot ? ired : null, { op: MPI.MAX, root });
    if (atRoot) strictEqual(ired[0], val(other, remoteSize - 1));
    deepStrictEqual(inter.reduce([mine], (a: number[], x: number[]) => a.concat(x), root), atRoot ? range(remoteSize, (i) => i) : undefined);

    // Bcast_init … Reduce_init (MPI-4.0): the same sides, made once (with hints) and started
    // (once: MPICH 4.0.2's own second start of a persistent Scatter can fail, in C too).
    const hints = MPI.Info.Create({ mpi_assert_no_any_source: 'true' });
    const pb = new Int32Array(2);
    const pg = new Int32Array(receivers);
    const pgv = new Int16Array(4 * remoteSize);
    const ppart = new Float64Array(2);
    const psv = new Int16Array(mine + 1);
    const pred = new Int32Array(1);
    const persistent = () => [
      inter.Bcast_init(pb, root, hints),
      inter.Gather_init(Int32Array.of(val(color, mine)), atRoot ? pg : null, { root }),
      inter.Gatherv_init(new Int16Array(mine + 1).fill(val(color, mine)), atRoot ? [pgv, vcounts, vdispls, MPI.INT16_T] : null, root, hints),
      inter.Scatter_init(sbuf, receiving ? ppart : null, root),
      inter.Scatterv_init(sv as never, receiving ? psv : null, root),
      inter.Reduce_init(Int32Array.of(val(color, mine)), atRoot ? pred : null, MPI.SUM, root, hints),
    ];
    if (MPI.Get_version()[0] < 4) {
      throwsLike(persistent, MPI.NotImplementedError, /MPI-4\.0/);
    } else {
      const made = persistent();
      for (let round = 0; round < 1; round++) {
        for (const a of [pb, pg, pgv, ppart, psv, pred]) a.fill(-1);
        if (atRoot) pb.fill(5 + round);
        MPI.Prequest.Startall(made);
        MPI.Request.Waitall(made);
        deepStrictEqual([...pb], receiving || atRoot ? [5 + round, 5 + round] : [-1, -1]);
        if (atRoot) deepStrictEqual([...pg], range(receivers, (i) => val(other, i)));
        if (atRoot) deepStrictEqual([...pgv], wantV);
        if (receiving) deepStrictEqual([...ppart], [mine, mine + 0.5]);
        if (receiving) deepStrictEqual([...psv], new Array(mine + 1).fill(val(color, mine)));
        if (atRoot) strictEqual(pred[0], sum(range(remoteSize, (i) => val(other, i))));
      }
      for (const r of made) r.Free();
    }
    hints.Free();

    // The root's side checks its buffer against the REMOTE group's size.
    if (atRoot) {
      // (Refused before any communication: only the root calls.)
      throwsLike(() => inter.Gather(null, [new Int32Array(2 * remoteSize - 1), 2, MPI.INT32_T], MPI.ROOT), RangeError, /Gather/);
      throwsLike(() => inter.Scatter([new Int32Array(2 * remoteSize - 1), 2, MPI.INT32_T], null, MPI.ROOT), RangeError, /Scatter/);
    }
    inter.Barrier();
  }

  // Roots outside the remote group are MPI's ERR_ROOT.
  mpiError(() => inter.Bcast(new Int32Array(1), remoteSize), MPI.ERR_ROOT, /^Bcast: /);
  mpiError(() => inter.bcast(1, -7), MPI.ERR_ROOT, /^bcast: /);
  mpiError(() => inter.Reduce(new Int32Array(1), null, MPI.SUM, remoteSize), MPI.ERR_ROOT, /^Reduce: /);

  // Allgather(v), Iallgather(v), allgather: every process gets the other group's blocks.
  const ag = new Int32Array(remoteSize).fill(-1);
  inter.Allgather(Int32Array.of(val(color, mine)), ag);
  deepStrictEqual([...ag], range(remoteSize, (i) => val(other, i)));
  const iag = new Int32Array(remoteSize).fill(-1);
  await inter.Iallgather(Int32Array.of(val(color, mine)), iag);
  deepStrictEqual([...iag], range(remoteSize, (i) => val(other, i)));
  const agv = new Int32Array(3 * remoteSize).fill(-1);
  const agvWant = range(3 * remoteSize, (x) => (x % 3 <= Math.floor(x / 3) % 3 ? val(other, Math.floor(x / 3)) : -1));
  inter.Allgatherv(new Int32Array((mine % 3) + 1).fill(val(color, mine)), [agv, range(remoteSize, (i) => (i % 3) + 1), range(remoteSize, (i) => 3 * i), MPI.INT32_T]);
  deepStrictEqual([...agv], agvWant);
  const iagv = new Int32Array(3 * remoteSize).fill(-1);
  await inter.Iallgatherv(new Int32Array((mine % 3) + 1).fill(val(color, mine)), [iagv, [range(remoteSize, (i) => (i % 3) + 1), range(remoteSize, (i) => 3 * i)], MPI.INT32_T]);
  deepStrictEqual([...iagv], agvWant);
  deepStrictEqual(inter.allgather([color, mine]), range(remoteSize, (i) => [other, i]));
  throwsLike(() => inter.Allgather(Int32Array.of(1), [new Int32Array(remoteSize - 1), 1, MPI.INT32_T]), RangeError, /Allgather/);

  // Alltoall(v/w), Ialltoall(v/w), alltoall: block i to process i of the other group.
  const a2a = new Int32Array(remoteSize).fill(-1);
  inter.Alltoall(Int32Array.from({ length: remoteSize }, (_, i) => val(color, mine, i)), a2a);
  deepStrictEqual([...a2a], range(remoteSize, (i) => val(other, i, mine)));
  const ia2a = new Int32Array(remoteSize).fill(-1);
  await inter.Ialltoall(Int32Array.from({ length: remoteSize }, (_, i) => val(color, mine, i)), ia2a);
  deepStrictEqual([...ia2a], range(remoteSize, (i) => val(other, i, mine)));
  throwsLike(() => inter.Alltoall([new Int32Array(remoteSize - 1), 1, MPI.INT32_T], new Int32Array(remoteSize)), RangeError, /Alltoall/);
  // Alltoallv: process p sends p + j + 1 items to remote j; receives q + p + 1 from remote q.
  const scounts = range(remoteSize, (j) => mine + j + 1);
  const sendv = new Int32Array(sum(scounts));
  let at = 0;
  for (let j = 0; j < remoteSize; j++) for (let k = 0; k < scounts[j]; k++) sendv[at++] = val(color, mine, j);
  const rcounts = range(remoteSize, (q) => q + mine + 1);
  const wantA2av = range(remoteSize, (q) => new Array(rcounts[q]).fill(val(other, q, mine))).flat();
  const recvv = new Int32Array(sum(rcounts)).fill(-1);
  inter.Alltoallv([sendv, scounts], [recvv, rcounts]);
  deepStrictEqual([...recvv], wantA2av);
  const irecvv = new Int32Array(sum(rcounts)).fill(-1);
  await inter.Ialltoallv([sendv, scounts], [irecvv, rcounts]);
  deepStrictEqual([...irecvv], wantA2av);
  const sdisplsW = range(remoteSize, (j) => 4 * sum(scounts.slice(0, j)));
  const rdisplsW = range(remoteSize, (q) => 4 * sum(rcounts.slice(0, q)));
  const recvw = new Int32Array(sum(rcounts)).fill(-1);
  inter.Alltoallw([sendv, [scounts, sdisplsW], new Array(remoteSize).fill(MPI.INT32_T)], [recvw, [rcounts, rdisplsW], new Array(remoteSize).fill(MPI.INT32_T)]);
  deepStrictEqual([...recvw], wantA2av);
  const irecvw = new Int32Array(sum(rcounts)).fill(-1);
  await inter.Ialltoallw([sendv, [scounts, sdisplsW], new Array(remoteSize).fill(MPI.INT32_T)], [irecvw, [rcounts, rdisplsW], new Array(remoteSize).fill(MPI.INT32_T)]);
  deepStrictEqual([...irecvw], wantA2av);
  deepStrictEqual(inter.alltoall(range(remoteSize, (j) => `${color}.${mine}->${j}`)), range(remoteSize, (q) => `${other}.${q}->${mine}`));

  // Allreduce, Iallreduce, allreduce: each group gets the other's combination.
  const remoteSum = sum(range(remoteSize, (i) => val(other, i)));
  const ar = new Float64Array(1);
  inter.Allreduce(Float64Array.of(val(color, mine)), ar, MPI.SUM);
  strictEqual(ar[0], remoteSum);
  const iar = new Float64Array(1);
  await inter.Iallreduce(Float64Array.of(val(color, mine)), iar, { op: MPI.SUM });
  strictEqual(iar[0], remoteSum);
  strictEqual(inter.allreduce(val(color, mine)), remoteSum);
  deepStrictEqual(inter.allreduce([mine], (a: number[], x: number[]) => a.concat(x)), range(remoteSize, (i) => i));

  // Reduce_scatter_block: the other group's sendbufs (one block per process of
  // ITS group) combined; this group's process i gets block i. Totals agree: 6 items.
  const total = 6;
  const rc = total / localSize;
  if (Number.isInteger(rc) && Number.isInteger(total / remoteSize)) {
    const rsb = new Int32Array(rc).fill(-1);
    const rsbWant = range(rc, (t) => sum(range(remoteSize, (q) => val(other, q, mine * rc + t))));
    inter.Reduce_scatter_block(Int32Array.from({ length: total }, (_, j) => val(color, mine, j)), rsb, MPI.SUM);
    deepStrictEqual([...rsb], rsbWant);
    const irsb = new Int32Array(rc).fill(-1);
    await inter.Ireduce_scatter_block(Int32Array.from({ length: total }, (_, j) => val(color, mine, j)), irsb);
    deepStrictEqual([...irsb], rsbWant);
  }
  // Reduce_scatter: this group's recvcounts (summing to the same total in both groups).
  const counts = split(total, localSize);
  const start = sum(counts.slice(0, mine));
  const rsWant = range(counts[mine], (t) => sum(range(remoteSize, (q) => val(other, q, start + t))));
  const rs = new Int32Array(counts[mine]).fill(-1);
  inter.Reduce_scatter(Int32Array.from({ length: total }, (_, j) => val(color, mine, j)), rs, counts, MPI.SUM);
  deepStrictEqual([...rs], rsWant);
  const irs = new Int32Array(counts[mine]).fill(-1);
  await inter.Ireduce_scatter(Int32Array.from({ length: total }, (_, j) => val(color, mine, j)), irs, { recvcounts: counts });
  deepStrictEqual([...irs], rsWant);
  throwsLike(() => inter.Reduce_scatter(new Int32Array(total), rs), TypeError, /^Reduce_scatter: recvcounts is required on an intercommunicator/);
  if (MPI.Get_version()[0] >= 4) {
    const prs = new Int32Array(counts[mine]);
    const made = inter.Reduce_scatter_init(Int32Array.from({ length: total }, (_, j) => val(color, mine, j)), prs, counts, MPI.SUM);
    for (let round = 0; round < 1; round++) {
      prs.fill(-1);
      made.Start();
      made.Wait();
      deepStrictEqual([...prs], rsWant);
    }
    made.Free();
    throwsLike(() => inter.Reduce_scatter_init(new Int32Array(total), rs), TypeError, /^Reduce_scatter_init: recvcounts is required on an intercommunicator/);
  }

  // Barriers, both kinds.
  inter.barrier();
  inter.Barrier();
  await inter.Ibarrier();
  await inter.ibarrier();

  // What MPI forbids across two groups.
  mpiError(() => inter.Scan(new Int32Array(1), new Int32Array(1)), MPI.ERR_COMM, /^Scan: /);
  mpiError(() => inter.Exscan(new Int32Array(1), new Int32Array(1)), MPI.ERR_COMM, /^Exscan: /);
  mpiError(() => inter.Iscan(new Int32Array(1), new Int32Array(1)), MPI.ERR_COMM, /^Iscan: /);
  mpiError(() => inter.scan(1), MPI.ERR_COMM, /^scan: /);
  mpiError(() => inter.exscan(1), MPI.ERR_COMM, /^exscan: /);
  mpiError(() => inter.Allreduce(MPI.IN_PLACE, new Int32Array(1)), MPI.ERR_ARG, /^Allreduce: .*MPI.IN_PLACE is not allowed/);
  mpiError(() => inter.Gather(MPI.IN_PLACE, new Int32Array(remoteSize), MPI.ROOT), MPI.ERR_ARG, /^Gather: .*MPI.IN_PLACE/);
  mpiError(() => inter.Alltoall(MPI.IN_PLACE, new Int32Array(remoteSize)), MPI.ERR_ARG, /^Alltoall: .*MPI.IN_PLACE/);

  // Dup, Split and Create keep the kind.
  const dup = inter.Dup();
  ok(dup instanceof MPI.Intercomm);
  strictEqual(dup.remote_size, remoteSize);
  strictEqual(dup.allreduce(1), remoteSize);
  const same = inter.Split(0, mine);
  ok(same instanceof MPI.Intercomm);
  strictEqual((same as Intercomm).remote_size, remoteSize);
  const created = inter.Create(inter.group);
  ok(created instanceof MPI.Intercomm);
  strictEqual((created as Intercomm).Get_remote_size(), remoteSize);
  strictEqual(created.size, localSize);

  // Create_from_groups: MPI-4.0, NotImplementedError where the library lacks it.
  const others = comm.group.Incl(range(remoteSize, (i) => (color === 0 ? lowSize + i : i)));
  let fromGroups: Intercomm | undefined;
  try {
    fromGroups = MPI.Intercomm.Create_from_groups(local.group, 0, others, 0, { stringtag: 'mpi4js-test' });
  } catch (e) {
    // Only where the library is MPI-3 (Open MPI 4.1); an MPI-4 library (MPICH 4) makes it.
    strictEqual((e as Error).name, 'NotImplementedError');
    ok(MPI.Get_version()[0] < 4, (e as Error).message);
    ok(/MPI-4\.0/.test((e as Error).message));
  }
  strictEqual(fromGroups !== undefined, MPI.Get_version()[0] >= 4);
  if (fromGroups) {
    strictEqual(fromGroups.remote_size, remoteSize);
    strictEqual(fromGroups.allreduce(val(color, mine)), remoteSum);
    fromGroups.Free();
  }

  for (const c of [same, created, dup, lowFirst, highFirst, inter, local]) c.Free();
  mpiError(() => inter.Is_inter(), MPI.ERR_COMM, /^Is_inter: /);
  mpiError(() => inter.Get_remote_size(), MPI.ERR_COMM, /^Get_remote_size: /);
});
