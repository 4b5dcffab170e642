// Lowercase reductions on a tree (lib/tree.ts, mpi4py's fast_reduce) and by
// gather-then-fold: the serial left fold in rank order at every root, on 1, 2
// and 4 ranks over the harness's communicators, and on 3, 5 and 8 ranks (sizes
// that are not powers of two, and a deeper tree); MPI4JS_FAST_REDUCE=0 sets
// MPI.rc.fast_reduce off (the program checks it, then runs both paths anyway).
import { expectProgram, GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAM = 'object-reductions-on-a-tree';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup([PROGRAM], np);
  test('reduce, allreduce, scan and exscan fold in rank order; user messages are never matched', () => check(PROGRAM), GROUP_TIMEOUT);
});

describe.each([3, 5, 8])('on %i ranks', (np) => {
  test('reduce, allreduce, scan and exscan fold in rank order', () => expectProgram(PROGRAM, np, { timeout: 240_000 }), 300_000);
});

test('MPI4JS_FAST_REDUCE=0 turns MPI.rc.fast_reduce off', () => expectProgram(PROGRAM, 3, { env: { MPI4JS_FAST_REDUCE: '0' }, comms: 'world', timeout: 120_000 }), 150_000);
