// Get_status tests without completing: the request stays active until wait or
// test, which still give the outcome (an object receive's value); the
// _any/_all/_some forms and their shapes; REQUEST_NULL and inactive requests.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

/** Polls until f() holds (a message in flight arrives). */
function until(f: () => boolean): void {
  for (let i = 0; !f(); i++) if (i > 5_000_000) throw new Error('never completed');
}

program(() => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;

  // The null request: complete, with an empty status.
  const st = new MPI.Status();
  st.Set_source(5);
  strictEqual(MPI.REQUEST_NULL.Get_status(st), true);
  strictEqual(st.Get_source(), MPI.ANY_SOURCE);
  strictEqual(st.Get_tag(), MPI.ANY_TAG);
  strictEqual(new MPI.Request().get_status(), true);

  // A buffer receive: Get_status reports it complete, fills the status, and leaves it for wait.
  const into = new Int32Array(2);
  const r = comm.Irecv(into, left, 21);
  strictEqual(r.Get_status(), false, 'nothing sent yet');
  comm.Barrier();
  comm.Send(new Int32Array([rank, 7]), right, 21);
  until(() => r.Get_status(st));
  strictEqual(r.active, true, 'Get_status does not complete it');
  strictEqual(st.Get_source(), left);
  strictEqual(st.Get_tag(), 21);
  strictEqual(r.Get_status(), true, 'and again');
  const after = new MPI.Status();
  r.Wait(after);
  strictEqual(after.Get_source(), left);
  strictEqual(r.active, false);
  deepStrictEqual([...into], [left, 7]);

  // An object receive: wait still gives its value.
  const o = comm.irecv(left, 22);
  comm.send({ from: rank }, right, 22);
  until(() => o.get_status());
  deepStrictEqual(o.wait(), { from: left });

  // The list forms: none active.
  deepStrictEqual(MPI.Request.Get_status_any([MPI.REQUEST_NULL, new MPI.Request()]), [MPI.UNDEFINED, true]);
  strictEqual(MPI.Request.Get_status_all([]), true);
  strictEqual(MPI.Request.Get_status_some([MPI.REQUEST_NULL]), undefined);
  // Two receives, the second's message sent first: any gives it, some lists it, all is false.
  const a = comm.Irecv(new Int32Array(1), left, 23);
  const b = comm.Irecv(new Int32Array(1), left, 24);
  const reqs = [MPI.REQUEST_NULL, a, b];
  deepStrictEqual(MPI.Request.Get_status_any(reqs), [MPI.UNDEFINED, false]);
  deepStrictEqual(MPI.Request.Get_status_some(reqs), []);
  comm.Barrier(); // every rank has checked before any sends
  comm.Send(new Int32Array([1]), right, 24);
  const any = new MPI.Status();
  until(() => MPI.Request.get_status_any(reqs, any)[1]);
  deepStrictEqual(MPI.Request.Get_status_any(reqs), [2, true]);
  strictEqual(any.Get_tag(), 24);
  const statuses: InstanceType<typeof MPI.Status>[] = [];
  deepStrictEqual(MPI.Request.Get_status_some(reqs, statuses), [2]);
  strictEqual(statuses[0].Get_tag(), 24, 'statuses[k] is the status of indices[k]');
  strictEqual(MPI.Request.get_status_all(reqs), false);
  strictEqual(b.active, true);
  comm.Barrier();
  comm.Send(new Int32Array([1]), right, 23);
  const all: InstanceType<typeof MPI.Status>[] = [];
  until(() => MPI.Request.Get_status_all(reqs, all));
  deepStrictEqual(all.map((s) => s.Get_tag()), [MPI.ANY_TAG, 23, 24]);
  deepStrictEqual(MPI.Request.get_status_some(reqs), [1, 2]);
  MPI.Request.Waitall(reqs);
  strictEqual(MPI.Request.Get_status_some(reqs), undefined, 'none active once waited');

  // A persistent request: Get_status while active; inactive afterwards gives true.
  const p = comm.Recv_init(new Int32Array(1), left, 25);
  strictEqual(p.Get_status(), true, 'inactive');
  p.Start();
  strictEqual(p.Get_status(), false);
  comm.Barrier();
  comm.Send(new Int32Array([1]), right, 25);
  until(() => p.Get_status());
  strictEqual(p.active, true);
  p.Wait();
  p.Free();

  // Bad arguments name the call.
  let message = '';
  try {
    MPI.Request.Get_status_any(5 as never);
  } catch (e) {
    message = (e as Error).message;
  }
  strictEqual(message.startsWith('Request.Get_status_any: requests must be an array'), true, message);
  comm.Barrier();
});
