// Send modes, Sendrecv variants and the collectives of issue 12's WP3 (mpi4py
// 4.x names): programs over COMM_SELF, COMM_WORLD, a Dup and a Split, one
// launch per size; and the pure parts (the BufSpecW resolver, the MPI-4.1
// markers) in-process.
import { BUFFER_AUTOMATIC, missing41 } from '../lib/bsend';
import { IN_PLACE, messageW } from '../lib/buffer';
import { DOUBLE, INT } from '../lib/datatype';
import { NotImplementedError } from '../lib/errors';
import { native } from '../lib/native';
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

describe('the BufSpecW resolver of Alltoallw (in-process)', () => {
  const buf = new Float64Array(4);
  test('[buf, datatypes]: counts 1 and displacements 0, one datatype per rank', () => {
    const m = messageW([buf, [INT, DOUBLE, 'd']], 3, 'Alltoallw: sendbuf');
    expect(m.view).toBe(buf);
    expect([...(m.ints as Int32Array)]).toEqual([1, 1, 1, 0, 0, 0]);
    expect([...(m.types as Int32Array)]).toEqual([INT.handle, DOUBLE.handle, DOUBLE.handle]);
    expect(m.datatypes).toEqual([INT, DOUBLE, DOUBLE]);
  });
  test('[buf, [counts, displs], datatypes] and [buf, counts, displs, datatypes]: displacements in bytes', () => {
    for (const spec of [[buf, [[1, 2], [0, 8]], [DOUBLE, DOUBLE]], [buf, [1, 2], Int32Array.of(0, 8), [DOUBLE, DOUBLE]]] as const) {
      const m = messageW(spec as never, 2, 'Alltoallw: recvbuf');
      expect(m.view).toBe(buf);
      expect([...(m.ints as Int32Array)]).toEqual([1, 2, 0, 8]);
    }
  });
  test('MPI.IN_PLACE passes through', () => {
    expect(messageW(IN_PLACE, 2, 'Alltoallw: sendbuf').view).toBe(IN_PLACE);
  });
  test('bad specifications are TypeErrors and RangeErrors naming the call and side', () => {
    expect(() => messageW(buf as never, 2, 'Alltoallw: sendbuf')).toThrow(new TypeError('Alltoallw: sendbuf: expecting [buf, datatypes], [buf, [counts, displs], datatypes] or [buf, counts, displs, datatypes], got Float64Array'));
    expect(() => messageW([buf, [INT]], 2, 'Alltoallw: sendbuf')).toThrow(new RangeError('Alltoallw: sendbuf: expecting 2 datatypes (one per rank), got 1'));
    expect(() => messageW([buf, [1], [0], [INT]], 1, 'Ialltoallw: recvbuf')).not.toThrow();
    expect(() => messageW([buf, [-1], [0], [INT]], 1, 'Ialltoallw: recvbuf')).toThrow(RangeError);
    expect(() => messageW([buf, [1], [2 ** 31], [INT]], 1, 'Ialltoallw: recvbuf')).toThrow(/^Ialltoallw: recvbuf/);
    expect(() => messageW([buf, [1, 2] as never, [INT]], 1, 'Alltoallw: sendbuf')).toThrow(TypeError);
    expect(() => messageW([buf, 'x' as never], 1, 'Alltoallw: sendbuf')).toThrow(new TypeError('Alltoallw: sendbuf: datatypes must be a list, got string'));
    expect(() => messageW([buf, [{} as never]], 1, 'Alltoallw: sendbuf')).toThrow(/^Alltoallw: sendbuf: datatypes\[0\]/);
  });
});

describe('the MPI-4.1 buffer names (in-process)', () => {
  test('BUFFER_AUTOMATIC is a frozen marker', () => {
    expect(Object.isFrozen(BUFFER_AUTOMATIC)).toBe(true);
  });
  test('a missing routine names the call and why', () => {
    const e = missing41('Comm.Flush_buffer', 'MPI_Comm_flush_buffer');
    expect(e).toBeInstanceOf(NotImplementedError);
    expect(e.name).toBe('NotImplementedError');
    expect(e.message).toMatch(native.environment.features.mpi41 ? /^Comm\.Flush_buffer: MPI_Comm_flush_buffer is not implemented by mpi4js yet$/ : /^Comm\.Flush_buffer: not provided by .+ \(an MPI-4\.1 routine\)$/);
  });
});
