// Lowercase collectives: JavaScript values across the communicator.
import { expectProgram } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('bcast from every root', () => expectProgram('bcast-from-every-root', np));
  test('scatter and gather from every root', () => expectProgram('scatter-and-gather-from-every-root', np));
  test('allgather and alltoall', () => expectProgram('allgather-and-alltoall', np));
  test('reduce and allreduce with every op at every root', () => expectProgram('reduce-with-every-op-at-every-root', np));
  test('scan and exscan', () => expectProgram('scan-and-exscan', np));
});
