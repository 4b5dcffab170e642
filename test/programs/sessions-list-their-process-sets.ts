// MPI-4 sessions (issue 13 part 1): a session lists its process sets
// (Get_num_psets, Get_nth_pset), among them mpi://WORLD and mpi://SELF, each
// with hints (Get_pset_info) and a group (Create_group); the session's own
// hints (Get_info, .info); the same list on every process of the harness comm.
// A null session (new MPI.Session()) is MPI.SESSION_NULL's kind. Where the
// library is older than MPI-4.0 (Open MPI 4.1), NotImplementedError.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, throwsLike } from './harness';

/** The addon id behind a handle object (internal, so not in the typings). */
const idOf = (x: object): number => (x as { handle: number }).handle;

const { features } = (require(path.join(__dirname, '../../../dist/native.js')) as { native: { environment: { features: { mpi4: boolean } } } }).native.environment;

program(() => {
  if (process.env.MPI4JS_TEST_MPI === 'MPICH') ok(features.mpi4, 'the MPICH build is MPI-4');
  const nul = new MPI.Session();
  strictEqual(idOf(nul), idOf(MPI.SESSION_NULL));
  strictEqual(String(nul), 'MPI.SESSION_NULL');
  if (!features.mpi4) {
    for (const [name, f] of [
      ['Session.Get_num_psets', () => nul.Get_num_psets()],
      ['Session.Get_nth_pset', () => nul.Get_nth_pset(0)],
      ['Session.Get_info', () => nul.Get_info()],
      ['Session.info', () => nul.info],
      ['Session.Finalize', () => nul.Finalize()],
    ] as const) {
      throwsLike(f, MPI.NotImplementedError, new RegExp(`^${name.replace('.', '\\.')}: not provided by .* \\(an MPI-4\\.0 routine\\)$`));
    }
    nul[Symbol.dispose](); // a null session: nothing to end, nothing thrown
    return;
  }
  const session = MPI.Session.Init();
  const n = session.Get_num_psets();
  ok(Number.isInteger(n) && n >= 2, `${n} process sets`);
  strictEqual(session.Get_num_psets(MPI.INFO_NULL), n);
  strictEqual(session.Get_num_psets({ info: MPI.INFO_NULL }), n);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = session.Get_nth_pset(i);
    ok(name.length > 0);
    strictEqual(session.Get_nth_pset(i, MPI.INFO_NULL), name);
    strictEqual(session.Get_nth_pset({ n: i }), name);
    names.push(name);
    const info = session.Get_pset_info(name);
    ok(info instanceof MPI.Info);
    const psize = Number(info.Get('mpi_size'));
    ok(Number.isInteger(psize) && psize >= 1, `${name}: mpi_size ${info.Get('mpi_size')}`);
    info.Free();
    const group = session.Create_group(name);
    strictEqual(group.Get_size(), psize);
    group.Free();
  }
  ok(names.includes('mpi://WORLD'), names.join(', '));
  ok(names.includes('mpi://SELF'), names.join(', '));
  // Every process of comm sees the same list.
  for (const other of comm.allgather(names)) deepStrictEqual(other, names);
  throwsLike(() => session.Get_nth_pset(n), RangeError, /^Session\.Get_nth_pset: n \d+ is not in \[0, \d+\)$/);
  throwsLike(() => session.Get_nth_pset(-1), RangeError, /^Session\.Get_nth_pset: n -1 is not in/);
  // The session's hints: an info object of its own to free.
  const hints = session.Get_info();
  ok(hints instanceof MPI.Info);
  ok(idOf(hints) !== idOf(MPI.INFO_NULL));
  hints.Free();
  const hints2 = session.info;
  ok(hints2 instanceof MPI.Info);
  hints2.Free();
  // A process set it does not have is MPI's error, thrown.
  throwsLike(() => session.Create_group('mpi4js://no-such-pset'), MPI.Exception, /^MPI_Group_from_session_pset: /);
  // A second object of the handle (mpi4py: Session(session)).
  const again = new MPI.Session(session);
  strictEqual(idOf(again), idOf(session));
  // `using`'s end of scope: Finalize, the object then null; a second time nothing.
  session[Symbol.dispose]();
  strictEqual(idOf(session), idOf(MPI.SESSION_NULL));
  session[Symbol.dispose]();
});
