// Send modes, Sendrecv variants and the collectives of issue 12's WP3 (mpi4py
// 4.x names): programs over COMM_SELF, COMM_WORLD, a Dup and a Split, one launch per size.
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Send, Ssend, Bsend, Rsend and their I-forms, bsend/ibsend, the attached buffer', 'every-send-mode'],
  ['Sendrecv_replace around a ring, with a derived layout and with an irecv pending', 'sendrecv-replace'],
  ['Isendrecv and Isendrecv_replace where the library is MPI-4, else NotImplementedError', 'isendrecv-where-the-library-is-mpi-4'],
  ['Reduce_scatter, Ireduce_scatter(_block), Alltoallw and Ialltoallw', 'reduce-scatter-and-alltoallw'],
  ['Igatherv, Iscatterv, Iallgatherv, Ialltoallv, Iscan, Iexscan equal their blocking forms, behind an ibcast', 'nonblocking-v-collectives-and-scans'],
];

describe.each([1, 2, 3, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
