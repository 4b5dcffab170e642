// The lowercase nonblocking collectives across the two groups of an
// intercommunicator (comm split into all but the last rank, and the last rank):
// each gives what its blocking form gives, MPI.ROOT and MPI.PROC_NULL roots
// included; several in flight complete in the order they were made; a value
// that cannot be sent throws at its process, rejects the requests of the
// processes that receive from it, and leaves the intercommunicator working.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { MPI, program, throwsLike } from './harness';
import { intercommTwoGroups } from './intercomm-groups';

const range = <R = number>(n: number, f: (i: number) => R): R[] => Array.from({ length: n }, (_, i) => f(i));
const fn = () => 0;

/** The error a request rejects with (undefined if it resolves). */
async function rejection(r: PromiseLike<unknown>): Promise<Error | undefined> {
  return r.then(() => undefined, (e: Error) => e);
}

program(async () => {
  // Over one process: skipped by design (two non-empty groups need 2 or more processes).
  const groups = intercommTwoGroups(11, 'intercomm-nonblocking-collectives-of-values');
  if (!groups) return;
  const { lowSize, color, other, local, mine, remoteSize, inter } = groups;
  const alive = () => deepStrictEqual(inter.allgather([color, mine]), range(remoteSize, (i) => [other, i]));

  for (const rootSide of [0, 1]) {
    const rootRank = (rootSide === 0 ? lowSize : 1) - 1;
    const atRoot = color === rootSide && mine === rootRank;
    const root = color === rootSide ? (atRoot ? MPI.ROOT : MPI.PROC_NULL) : rootRank;
    const receiving = color !== rootSide;

    // One at a time, each as its blocking form.
    deepStrictEqual(await inter.ibcast(atRoot ? { side: rootSide, list: [1, 'two'] } : 'ignored', root), receiving ? { side: rootSide, list: [1, 'two'] } : undefined);
    deepStrictEqual(await inter.iscatter(atRoot ? range(remoteSize, (i) => ({ i })) : null, { root }), receiving ? { i: mine } : undefined);
    deepStrictEqual(await inter.igather(`p${color}.${mine}`, root), atRoot ? range(remoteSize, (i) => `p${other}.${i}`) : undefined);
    // Combined in rank order: a non-commutative op sees the other group's processes in order.
    deepStrictEqual(await inter.ireduce([mine], (a: number[], x: number[]) => a.concat(x), root), atRoot ? range(remoteSize, (i) => i) : undefined);
    strictEqual(await inter.ireduce(mine + 1, { op: MPI.PROD, root }), atRoot ? range(remoteSize, (i) => i + 1).reduce((a, b) => a * b, 1) : undefined);

    // Several in flight, awaited last first: each still gets its own.
    const b = inter.ibcast(atRoot ? 'first' : undefined, root);
    const g = inter.igather(mine * 10, root);
    const s = inter.iscatter(atRoot ? range(remoteSize, (i) => -i) : undefined, root);
    strictEqual(await s, receiving ? -mine : undefined);
    deepStrictEqual(await g, atRoot ? range(remoteSize, (i) => i * 10) : undefined);
    strictEqual(await b, receiving ? 'first' : undefined);

    // The root's value cannot be sent: it throws at the call, the other group's requests reject.
    if (atRoot) throwsLike(() => inter.ibcast(fn, root), TypeError, /^ibcast: cannot serialize a function/);
    else {
      const e = await rejection(inter.ibcast(undefined, root));
      if (receiving) ok(e && /^ibcast: process \d+ of the other group could not send its value/.test(e.message), String(e));
      else strictEqual(e, undefined);
    }
    alive();
    if (atRoot) throwsLike(() => inter.iscatter(7, root), TypeError, /^iscatter: expecting an array/);
    else {
      const e = await rejection(inter.iscatter(undefined, root));
      if (receiving) ok(e && /^iscatter: process \d+ of the other group could not send/.test(e.message), String(e));
      else strictEqual(e, undefined);
    }
    alive();
    // A sender's value cannot be sent: it throws, the root's request names it, the others resolve.
    const failing = receiving && mine === local.size - 1; // the other group's last process fails
    if (failing) throwsLike(() => inter.igather(fn, root), TypeError, /^igather: cannot serialize a function/);
    else {
      const e = await rejection(inter.igather(mine, root));
      if (atRoot) ok(e && new RegExp(`^igather: process ${remoteSize - 1} of the other group could not send its value`).test(e.message), String(e));
      else strictEqual(e, undefined);
    }
    alive();
  }

  // Every process sends and receives: the other group's values.
  deepStrictEqual(await inter.iallgather({ color, mine }), range(remoteSize, (i) => ({ color: other, mine: i })));
  deepStrictEqual(await inter.ialltoall(range(remoteSize, (j) => `${color}.${mine}->${j}`)), range(remoteSize, (q) => `${other}.${q}->${mine}`));
  strictEqual(await inter.iallreduce(mine + 1), range(remoteSize, (i) => i + 1).reduce((a, b) => a + b, 0));
  deepStrictEqual(await inter.iallreduce([mine], { op: (a: number[], x: number[]) => a.concat(x) }), range(remoteSize, (i) => i));
  // In flight with a buffer collective and a barrier, all in order.
  const ag = inter.iallgather(mine);
  const ib = inter.Ibarrier();
  const ar = inter.iallreduce(1);
  strictEqual(inter.allreduce(2), 2 * remoteSize); // blocking: the queue posts first
  strictEqual(await ar, remoteSize);
  await ib;
  deepStrictEqual(await ag, range(remoteSize, (i) => i));

  // Process 0 of group 0 cannot send: it throws, group 1's requests name it, its own group's resolve.
  const failing = color === 0 && mine === 0;
  for (const [call, make] of [
    ['iallgather', (v: unknown) => inter.iallgather(v)],
    ['iallreduce', (v: unknown) => inter.iallreduce(v)],
    ['ialltoall', (v: unknown) => inter.ialltoall(v === fn ? range(remoteSize, () => fn) : range(remoteSize, () => v))],
  ] as const) {
    if (failing) throwsLike(() => make(fn), TypeError, new RegExp(`^${call}: cannot serialize a function`));
    else {
      const e = await rejection(make(mine));
      if (color === 1) ok(e && new RegExp(`^${call}: process 0 of the other group could not send its value`).test(e.message), String(e));
      else strictEqual(e, undefined);
    }
    alive();
  }

  // A freed intercommunicator is ERR_COMM at the call.
  const dup = inter.Dup();
  dup.Free();
  const e = throwsLike(() => dup.ibcast(1, 0), MPI.Exception, /^ibcast: /) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.Get_error_class(), MPI.ERR_COMM);
  inter.Free();
  local.Free();
});
