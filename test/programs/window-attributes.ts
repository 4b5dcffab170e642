// User attributes on windows (mpi4py: Win.Create_keyval, Set_attr, Get_attr,
// Delete_attr, Win.Free_keyval), through the communicators' one path
// (lib/attributes.ts): any JavaScript value, kept as it is; delete_fn runs when
// a value goes (Delete_attr, Set_attr over it, Free) with the window, the
// keyval and the value; what it throws is the call's error; nopython keys hold
// integers; the predefined keys still read MPI's values.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, throwsLike } from './harness';

program(() => {
  const gone: [unknown, number, unknown][] = [];
  const k = MPI.Win.Create_keyval(null, (w: unknown, keyval: number, v: unknown) => {
    gone.push([w, keyval, v]);
  });
  ok(Number.isInteger(k) && k !== MPI.KEYVAL_INVALID);
  const win = MPI.Win.Allocate(8, 1, MPI.INFO_NULL, comm);
  strictEqual(win.Get_attr(k), undefined);
  strictEqual(win.Get_attr(MPI.WIN_SIZE), 8); // the predefined ones still MPI's
  const first = { rank };
  win.Set_attr(k, first);
  strictEqual(win.Get_attr(k), first); // the same object, not a copy
  win.Set_attr(k, 'second'); // the first goes: delete_fn
  strictEqual(gone.length, 1);
  ok(gone[0][0] instanceof MPI.Win);
  strictEqual(gone[0][1], k);
  strictEqual(gone[0][2], first);
  strictEqual(win.Get_attr(k), 'second');
  win.Delete_attr(k);
  deepStrictEqual(gone.slice(1).map(([, kv, v]) => [kv, v]), [[k, 'second']]);
  strictEqual(win.Get_attr(k), undefined);

  // Free deletes what is still attached; the delete_fn cannot reach the window being freed.
  let inside: unknown;
  const k2 = MPI.Win.Create_keyval({
    delete_fn: (w: InstanceType<typeof MPI.Win>, _kv: number, v: unknown) => {
      try {
        w.Get_attr(MPI.WIN_SIZE);
      } catch (e) {
        inside = e;
      }
      gone.push([w, _kv, v]);
    },
  });
  win.Set_attr(k2, [1, 2, 3]);
  win.Set_attr(k, 'third');
  const before = gone.length;
  win.Free();
  strictEqual(String(win), 'MPI.Win(WIN_NULL)');
  deepStrictEqual(gone.slice(before).map(([, kv, v]) => [kv, v]).sort((a, b) => Number(a[0]) - Number(b[0])),
    [[k, 'third'], [k2, [1, 2, 3]]].sort((a, b) => Number(a[0]) - Number(b[0])));
  ok(inside instanceof MPI.Exception, 'a delete_fn inside Free is refused the window');
  ok(/Win\.Get_attr: MPI_ERR_WIN: the window is being freed/.test((inside as Error).message), (inside as Error).message);

  // A delete_fn that throws: the call throws it once MPI returns; the value is gone all the same.
  const boom = new Error('delete_fn failed');
  const k3 = MPI.Win.Create_keyval(null, () => {
    throw boom;
  });
  const w2 = MPI.Win.Create(new Uint8Array(4), 1, MPI.INFO_NULL, comm);
  w2.Set_attr(k3, 'x');
  throwsLike(() => w2.Delete_attr(k3), Error, /delete_fn failed/);
  strictEqual(w2.Get_attr(k3), undefined);
  w2.Set_attr(k3, 'y');
  throwsLike(() => w2.Free(), Error, /delete_fn failed/);
  strictEqual(String(w2), 'MPI.Win(WIN_NULL)'); // freed all the same

  // nopython: integers as MPI stores them (bigints beyond 2**53); anything else refused.
  const k4 = MPI.Win.Create_keyval({ nopython: true });
  const w3 = MPI.Win.Create_dynamic(MPI.INFO_NULL, comm);
  w3.Set_attr(k4, 42);
  strictEqual(w3.Get_attr(k4), 42);
  w3.Set_attr(k4, -7n);
  strictEqual(w3.Get_attr(k4), -7);
  throwsLike(() => w3.Set_attr(k4, { no: 1 }), TypeError, /Win\.Set_attr: attrval must be an integer/);
  // The predefined keys are MPI's, read-only.
  throwsLike(() => w3.Set_attr(MPI.WIN_SIZE, 1), MPI.Exception, /^Win\.Set_attr: MPI_ERR_KEYVAL: keyval \d+ is not a window keyval/);
  throwsLike(() => w3.Delete_attr(MPI.WIN_BASE), MPI.Exception, /^Win\.Delete_attr: MPI_ERR_KEYVAL/);
  // A communicator's keyval is not a window's.
  const ck = MPI.Comm.Create_keyval();
  throwsLike(() => w3.Get_attr(ck), MPI.Exception, /^Win\.Get_attr: MPI_ERR_KEYVAL/);
  MPI.Comm.Free_keyval(ck);
  // A keyval freed: KEYVAL_INVALID back; a value still attached keeps its delete_fn until Free.
  const k5 = MPI.Win.Create_keyval(null, (_w: unknown, _kv: number, v: unknown) => gone.push([null, -1, v]));
  w3.Set_attr(k5, 'kept');
  strictEqual(MPI.Win.Free_keyval(k5), MPI.KEYVAL_INVALID);
  throwsLike(() => w3.Get_attr(k5), MPI.Exception, /^Win\.Get_attr: MPI_ERR_KEYVAL/); // freed
  const n = gone.length;
  w3.Free();
  deepStrictEqual(gone.slice(n).map(([, , v]) => v), ['kept']);
  // A freed window refuses the attribute calls as every other, naming the call.
  throwsLike(() => w3.Set_attr(k, 1), MPI.Exception, /Win\.Set_attr: MPI_ERR_WIN/);
  throwsLike(() => w3.Get_attr(k), MPI.Exception, /Win\.Get_attr: MPI_ERR_WIN/);
  throwsLike(() => w3.Delete_attr(k), MPI.Exception, /Win\.Delete_attr: MPI_ERR_WIN/);
  for (const key of [k, k2, k3, k4]) strictEqual(MPI.Win.Free_keyval(key), MPI.KEYVAL_INVALID);
});
