// Uppercase point-to-point: typed arrays, Buffers and DataViews, no copies.
import { expectProgram } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('buffers of every element type, in every spec form', () => expectProgram('buffers-of-every-element-type', np));
  test('Isend, Irecv and Issend with Wait, Waitall, Waitany, Waitsome, Testsome and await', () => expectProgram('nonblocking-buffers', np));
});
