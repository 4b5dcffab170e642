// The addon does not trust lib/ for what keeps MPI inside memory: called
// directly (as a caller bypassing lib/win.ts and lib/spawn.ts would), Fetch_and_op
// and Compare_and_swap refuse buffers of more or fewer than one element or of
// another datatype than the origin's (MPI reads and writes one origin item in
// each), and Spawn_multiple refuses lists whose lengths differ from maxprocs'
// (MPI reads that many of each at the root). The rank lives on.
import { strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, rank, throwsLike } from './harness';

type Id = number;
const { native } = require(path.join(__dirname, '../../../dist/native.js')) as {
  native: {
    win: {
      Fetch_and_op(win: Id, ...a: unknown[]): void;
      Compare_and_swap(win: Id, ...a: unknown[]): void;
    };
    spawn: { Spawn_multiple(comm: Id, commands: unknown, args: unknown, maxprocs: unknown, infos: unknown, root: number): unknown };
  };
};

const h = (x: unknown): Id => (x as { handle: Id }).handle;

program(() => {
  const target = new Float64Array(4);
  const win = MPI.Win.Create(target, 8, MPI.INFO_NULL, comm);
  const W = native.win;
  const [INT, DOUBLE, SHORT, SUM] = [h(MPI.INT), h(MPI.DOUBLE), h(MPI.SHORT), h(MPI.SUM)];
  win.Lock(rank);
  // (win, origin view/count/type, result view/count/type, rank, disp, op)
  throwsLike(() => W.Fetch_and_op(h(win), new Int32Array(1), 0, INT, new Int32Array(1), 1, INT, rank, 0, SUM),
    RangeError, /^Win\.Fetch_and_op: origin: expecting a single element, got 0$/);
  throwsLike(() => W.Fetch_and_op(h(win), new Int32Array(2), 1, INT, new Int32Array(2), 2, INT, rank, 0, SUM),
    RangeError, /^Win\.Fetch_and_op: result: expecting a single element, got 2$/);
  // A result of a smaller type: MPI would write 8 bytes into 2.
  throwsLike(() => W.Fetch_and_op(h(win), new Float64Array(1), 1, DOUBLE, new Int16Array(1), 1, SHORT, rank, 0, SUM),
    TypeError, /^Win\.Fetch_and_op: mismatch in origin and result MPI datatypes$/);
  // (win, origin, compare, result triples, rank, disp)
  throwsLike(() => W.Compare_and_swap(h(win), new Float64Array(1), 1, DOUBLE, new Float64Array(1), 0, DOUBLE, new Float64Array(1), 1, DOUBLE, rank, 0),
    RangeError, /^Win\.Compare_and_swap: compare: expecting a single element, got 0$/);
  throwsLike(() => W.Compare_and_swap(h(win), new Float64Array(1), 1, DOUBLE, new Float64Array(1), 1, DOUBLE, new Int16Array(1), 1, SHORT, rank, 0),
    TypeError, /^Win\.Compare_and_swap: mismatch in origin and result MPI datatypes$/);
  // PROC_NULL touches nothing: any counts go (as lib/win.ts lets them).
  W.Fetch_and_op(h(win), new Int32Array(1), 0, INT, new Int32Array(1), 0, INT, MPI.PROC_NULL, 0, SUM);
  // The valid call still works.
  const result = new Float64Array(1);
  W.Fetch_and_op(h(win), Float64Array.of(2), 1, DOUBLE, result, 1, DOUBLE, rank, 0, SUM);
  win.Unlock(rank);
  strictEqual(target[0], 2);
  win.Free();

  // Spawn_multiple's lists at the root: commands, infos and args as long as maxprocs.
  const S = native.spawn;
  const c = h(comm);
  const info = h(MPI.INFO_NULL);
  throwsLike(() => S.Spawn_multiple(c, ['a', 'b'], null, [1], [info], 0), RangeError, /^Spawn_multiple: command has 2 entries for 1 commands$/);
  throwsLike(() => S.Spawn_multiple(c, ['a'], null, [1], [], 0), RangeError, /^Spawn_multiple: info has 0 entries for 1 commands$/);
  throwsLike(() => S.Spawn_multiple(c, ['a'], [['x'], ['y']], [1], [info], 0), RangeError, /^Spawn_multiple: args has 2 entries for 1 commands$/);
  throwsLike(() => S.Spawn_multiple(c, ['a'], ['x'], [1], [info], 0), TypeError, /^Spawn_multiple: args\[0\] must be an array$/);
  throwsLike(() => S.Spawn_multiple(c, ['a'], null, 1, [info], 0), TypeError, /^Spawn_multiple: maxprocs must be an array$/);
  throwsLike(() => S.Spawn_multiple(c, ['a'], null, [1], info, 0), TypeError, /^Spawn_multiple: info must be an array$/);
  comm.Barrier(); // every rank lived on
});
