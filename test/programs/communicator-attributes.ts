// Communicator attributes (mpi4py's test_attributes.py and test_environ.py's
// world attributes): keys, any JavaScript value kept while attached, copy
// functions on Dup (true, false, NotImplemented, a function), delete functions on
// Delete_attr, overwrite and Free, nopython integers, errors from the functions,
// and the predefined keys (MPI.TAG_UB …) as integers.
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

type Event = [what: string, keyval: number, value: unknown, commSize?: number];

program(() => {
  // ---- a value of any kind, the same object back; undefined when not set
  {
    const keyval = MPI.Comm.Create_keyval();
    ok(Number.isInteger(keyval) && keyval !== MPI.KEYVAL_INVALID, `a keyval: ${keyval}`);
    strictEqual(comm.Get_attr(keyval), undefined);
    const value = { list: [1, 2, 3], rank };
    comm.Set_attr(keyval, value);
    strictEqual(comm.Get_attr(keyval), value, 'the very object comes back');
    // No copy_fn: a duplicate has no value.
    const dup = comm.Dup();
    strictEqual(dup.Get_attr(keyval), undefined);
    dup.Free();
    comm.Delete_attr(keyval);
    strictEqual(comm.Get_attr(keyval), undefined);
    strictEqual(MPI.Comm.Free_keyval(keyval), MPI.KEYVAL_INVALID);
  }

  // ---- copy_fn true copies the same value; false does not; options object form
  for (const [copy, copied] of [[true, true], [false, false], [null, false]] as const) {
    const keyval = MPI.Comm.Create_keyval({ copy_fn: copy });
    const value = [rank, 'x'];
    comm.Set_attr(keyval, value);
    const dup = comm.Dup();
    strictEqual(dup.Get_attr(keyval), copied ? value : undefined, `copy_fn ${copy}`);
    dup.Free();
    comm.Delete_attr(keyval);
    MPI.Comm.Free_keyval(keyval);
  }

  // ---- functions: what they are called with, and when
  {
    const events: Event[] = [];
    const keyval = MPI.Comm.Create_keyval(
      (c, k, v) => {
        events.push(['copy', k, v, c.Get_size()]);
        return v === 'skip' ? MPI.NotImplemented : `${v}+copy`;
      },
      (c, k, v) => {
        events.push(['delete', k, v, c.Get_size()]);
      },
    );
    const d = comm.Dup();
    d.Set_attr(keyval, 'first');
    d.Set_attr(keyval, 'second'); // the first value's delete_fn runs
    deepStrictEqual(events, [['delete', keyval, 'first', size]]);
    const d2 = d.Dup();
    strictEqual(d2.Get_attr(keyval), 'second+copy');
    deepStrictEqual(events.slice(1), [['copy', keyval, 'second', size]]);
    d.Delete_attr(keyval);
    strictEqual(d.Get_attr(keyval), undefined);
    deepStrictEqual(events.slice(2), [['delete', keyval, 'second', size]]);
    // Free deletes what is attached; a freed keyval's values keep their functions.
    strictEqual(MPI.Comm.Free_keyval(keyval), MPI.KEYVAL_INVALID);
    d2.Free();
    deepStrictEqual(events.slice(3), [['delete', keyval, 'second+copy', size]]);
    throws(() => d2.Get_size(), MPI.Exception, 'd2 is now COMM_NULL');
    // MPI.NotImplemented: not copied.
    const keyval2 = MPI.Comm.Create_keyval((_c, _k, v) => (v === 'skip' ? MPI.NotImplemented : v));
    d.Set_attr(keyval2, 'skip');
    const d3 = d.Dup();
    strictEqual(d3.Get_attr(keyval2), undefined);
    d3.Free();
    d.Set_attr(keyval2, undefined);
    const d4 = d.Dup();
    strictEqual(d4.Get_attr(keyval2), undefined, 'undefined is copied as undefined');
    d4.Free();
    d.Free();
    MPI.Comm.Free_keyval(keyval2);
  }

  // ---- nopython: integers stored as they are, copied by the function's result
  {
    const big = 123456789;
    const events: Event[] = [];
    const keyval = MPI.Comm.Create_keyval(
      (_c, k, v) => {
        events.push(['copy', k, v]);
        return v;
      },
      (_c, k, v) => {
        events.push(['delete', k, v]);
      },
      true,
    );
    for (const value of [big, 0, -5, 2 ** 53 - 1]) {
      comm.Set_attr(keyval, value);
      strictEqual(comm.Get_attr(keyval), value);
      const dup = comm.Dup();
      strictEqual(dup.Get_attr(keyval), value);
      dup.Free();
      comm.Delete_attr(keyval);
      strictEqual(comm.Get_attr(keyval), undefined);
    }
    strictEqual(events.length, 12);
    deepStrictEqual(events.slice(0, 3), [['copy', keyval, big], ['delete', keyval, big], ['delete', keyval, big]]);
    throws(() => comm.Set_attr(keyval, 'text'), { name: 'TypeError', message: /^Set_attr: attrval must be an integer/ });
    throws(() => comm.Set_attr(keyval, 2 ** 53), { name: 'RangeError', message: /^Set_attr: attrval 9007199254740992 is not an exact integer/ });
    strictEqual(comm.Get_attr(keyval), undefined, 'a refused value is not attached');
    MPI.Comm.Free_keyval(keyval);
  }

  // ---- what a function throws reaches the call
  {
    const copyFails = MPI.Comm.Create_keyval(() => {
      throw new Error('copy_fn failed');
    });
    comm.Set_attr(copyFails, 'v');
    throws(() => comm.Dup(), /^Error: copy_fn failed$/);
    comm.Delete_attr(copyFails);
    MPI.Comm.Free_keyval(copyFails);
    const deleteFails = MPI.Comm.Create_keyval(null, () => {
      throw new RangeError('delete_fn failed');
    });
    comm.Set_attr(deleteFails, 1);
    throws(() => comm.Delete_attr(deleteFails), { name: 'RangeError', message: 'delete_fn failed' });
    strictEqual(comm.Get_attr(deleteFails), undefined, 'deleted all the same');
    const d = comm.Dup();
    d.Set_attr(deleteFails, 2);
    throws(() => d.Free(), { name: 'RangeError', message: 'delete_fn failed' });
    throws(() => d.Get_size(), MPI.Exception, 'freed all the same');
    MPI.Comm.Free_keyval(deleteFails);
    // The communicator works on.
    strictEqual(comm.allreduce(1), size);
  }

  // ---- bad keys and arguments
  {
    throws(() => comm.Get_attr(1.5), { name: 'TypeError', message: /^Get_attr: keyval must be an integer/ });
    throws(() => comm.Set_attr(2 ** 40, 1), { name: 'RangeError', message: /^Set_attr: keyval 1099511627776 does not fit in a C int/ });
    throws(() => MPI.Comm.Create_keyval('x' as never), { name: 'TypeError', message: /^Create_keyval: copy_fn must be a function/ });
    throws(() => MPI.Comm.Create_keyval({ nopython: 1 as never }), { name: 'TypeError', message: /^Create_keyval: nopython must be a boolean/ });
    throws(() => MPI.Comm.Create_keyval({ bogus: 1 } as never), { name: 'TypeError', message: /^Create_keyval: unexpected option 'bogus'/ });
    throws(() => comm.Get_attr(MPI.KEYVAL_INVALID), MPI.Exception);
    throws(() => MPI.COMM_NULL.Get_attr(MPI.TAG_UB), (e: unknown) => e instanceof MPI.Exception && e.error_class === MPI.ERR_COMM);
    // A predefined key cannot be set or deleted.
    throws(() => comm.Set_attr(MPI.TAG_UB, 5), MPI.Exception);
  }

  // ---- the predefined keys: integers, on COMM_WORLD (and what inherits them)
  {
    const world = MPI.COMM_WORLD; // COMM_WORLD itself: the predefined attributes are set on it (Open MPI: not on COMM_SELF)
    const tagUb = world.Get_attr(MPI.TAG_UB);
    ok(Number.isInteger(tagUb) && tagUb >= 32767, `TAG_UB ${tagUb}`);
    // The tag checks use the same bound: TAG_UB itself is a valid tag.
    const r = comm.isend('top', rank, tagUb);
    strictEqual(comm.recv(rank, tagUb), 'top');
    r.wait();
    const here = comm.Get_attr(MPI.TAG_UB);
    ok(here === undefined || here === tagUb, `TAG_UB on ${comm.Get_name()}: ${here}`);
    const io = world.Get_attr(MPI.IO);
    ok(io === undefined || io === MPI.ANY_SOURCE || io === MPI.PROC_NULL || (io >= 0 && io < world.size), `IO ${io}`);
    const wtg = world.Get_attr(MPI.WTIME_IS_GLOBAL);
    ok(wtg === undefined || wtg === 0 || wtg === 1, `WTIME_IS_GLOBAL ${wtg}`);
    const appnum = world.Get_attr(MPI.APPNUM);
    ok(appnum === undefined || appnum === MPI.UNDEFINED || appnum >= 0, `APPNUM ${appnum}`);
    const universe = world.Get_attr(MPI.UNIVERSE_SIZE);
    ok(universe === undefined || universe === MPI.UNDEFINED || universe >= 0, `UNIVERSE_SIZE ${universe}`);
    const host = world.Get_attr(MPI.HOST);
    ok(host === undefined || host === MPI.PROC_NULL || (host >= 0 && host < world.size), `HOST ${host}`);
    const last = world.Get_attr(MPI.LASTUSEDCODE);
    ok(Number.isInteger(last) && last >= 0, `LASTUSEDCODE ${last}`);
  }
});
