// Uppercase collectives on buffers.
import { expectProgram } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('Bcast, Scatter, Gather, Allgather, Alltoall from every root, with IN_PLACE', () =>
    expectProgram('buffer-collectives-from-every-root', np));
  test('Scatterv, Gatherv, Allgatherv, Alltoallv', () => expectProgram('vector-collectives', np));
  test('Reduce, Allreduce, Reduce_scatter_block, Scan, Exscan with every op', () => expectProgram('buffer-reductions', np));
  test('nonblocking collectives, waited and awaited', () => expectProgram('nonblocking-collectives', np));
});
