// Generalized requests: Grequest.Start with all three callbacks and their
// arguments, completed from a timer while awaited; query_fn fills the status;
// cancel_fn sees whether it had completed; free_fn runs once; complete(obj)
// gives obj; a throwing callback's value is what wait throws.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { native } from './collected';
import { comm, MPI, program, rank, throwsLike } from './harness';

program(async () => {
  const base = native.request.live();
  const calls: string[] = [];
  const kwargs = { who: 'kw' };
  const g = MPI.Grequest.Start(
    (status, a: number, b: string, kw: typeof kwargs) => {
      calls.push(`query ${a} ${b} ${kw.who}`);
      // mpi4py's reset: the status comes empty.
      strictEqual(status.Get_source(), MPI.ANY_SOURCE);
      strictEqual(status.Get_tag(), MPI.ANY_TAG);
      strictEqual(status.Get_count(MPI.BYTE), 0);
      status.Set_source(rank);
      status.Set_tag(77);
      status.Set_elements(MPI.INT, 5);
    },
    (a: number, b: string, kw: typeof kwargs) => calls.push(`free ${a} ${b} ${kw.who}`),
    (completed: boolean, a: number) => calls.push(`cancel ${completed} ${a}`),
    [1, 'two'],
    kwargs,
  );
  ok(g instanceof MPI.Grequest && g instanceof MPI.Request);
  strictEqual(g.active, true);
  deepStrictEqual(g.test(), [false, undefined]);
  strictEqual(g.Get_status(), false);
  g.Cancel(); // before completion: cancel_fn(false)
  let fired = false;
  setTimeout(() => {
    fired = true;
    g.complete({ answer: 42 });
  }, 20);
  const value = await g; // the loop runs the timer meanwhile
  ok(fired);
  deepStrictEqual(value, { answer: 42 });
  strictEqual(g.status.Get_source(), rank);
  strictEqual(g.status.Get_tag(), 77);
  strictEqual(g.status.Get_count(MPI.INT), 5);
  strictEqual(g.status.Is_cancelled(), false);
  deepStrictEqual(calls, ['cancel false 1', 'query 1 two kw', 'free 1 two kw']);
  strictEqual(g.active, false);
  strictEqual(g.wait(), undefined, 'inactive now');

  // Waited: Complete, then cancel_fn(true); query fills the Status given to wait; free once.
  let frees = 0;
  let cancelled: boolean | undefined;
  const h = MPI.Grequest.Start({
    query_fn: (status) => status.Set_source(3),
    free_fn: () => frees++,
    cancel_fn: (completed) => (cancelled = completed),
  });
  h.Complete();
  h.cancel();
  strictEqual(cancelled, true);
  const st = new MPI.Status();
  strictEqual(h.wait(st), undefined);
  strictEqual(st.Get_source(), 3);
  strictEqual(st.Is_cancelled(), false);
  strictEqual(frees, 1);
  h.wait();
  strictEqual(frees, 1, 'free_fn runs once');
  try {
    h.Complete();
    throw new Error('a second Complete was accepted');
  } catch (e) {
    ok(e instanceof MPI.Exception && e.Get_error_class() === MPI.ERR_REQUEST, String(e));
  }

  // Without callbacks: complete(obj) and wait.
  const plain = MPI.Grequest.Start<string>();
  plain.complete('done');
  strictEqual(plain.wait(), 'done');

  // A throwing query_fn: its very value is what wait throws (and the request is gone).
  class Boom extends Error {}
  const boom = new Boom('query failed');
  const bad = MPI.Grequest.Start(() => {
    throw boom;
  });
  bad.Complete();
  try {
    bad.wait();
    throw new Error('wait did not throw');
  } catch (e) {
    strictEqual(e, boom);
  }
  strictEqual(bad.active, false);
  // Awaited, it rejects with it.
  const badAwaited = MPI.Grequest.Start(() => {
    throw boom;
  });
  setTimeout(() => badAwaited.Complete(), 5);
  await badAwaited.then(
    () => {
      throw new Error('resolved');
    },
    (e: unknown) => strictEqual(e, boom),
  );
  // A throwing cancel_fn: Cancel throws its value.
  const badCancel = MPI.Grequest.Start(undefined, undefined, () => {
    throw boom;
  });
  try {
    badCancel.Cancel();
    throw new Error('Cancel did not throw');
  } catch (e) {
    strictEqual(e, boom);
  }
  badCancel.Complete();
  badCancel.wait();

  // Bad arguments name the call and the argument; nothing is started.
  const before = native.request.live();
  throwsLike(() => MPI.Grequest.Start(5 as never), TypeError, /^Grequest\.Start: query_fn must be a function or undefined, got 5/);
  throwsLike(() => MPI.Grequest.Start(null, 'f' as never), TypeError, /^Grequest\.Start: free_fn must be a function/);
  throwsLike(() => MPI.Grequest.Start(undefined, undefined, {} as never), TypeError, /^Grequest\.Start: cancel_fn must be a function/);
  throwsLike(() => MPI.Grequest.Start(undefined, undefined, undefined, 'ab' as never), TypeError, /^Grequest\.Start: args must be an array/);
  throwsLike(() => MPI.Grequest.Start(undefined, undefined, undefined, [], [] as never), TypeError, /^Grequest\.Start: kwargs must be a plain object/);
  throwsLike(() => MPI.Grequest.Start({ query_fn: undefined, bogus: 1 } as never), TypeError, /^Grequest\.Start: unknown option bogus/);
  strictEqual(native.request.live(), before);

  // Freed before completion: the slot goes at once (nothing can complete it later).
  const dropped = MPI.Grequest.Start();
  dropped.Free();
  strictEqual(dropped.active, false);
  strictEqual(native.request.live(), base, 'every slot released');
  comm.Barrier();
});
