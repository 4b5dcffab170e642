// Reduce, Allreduce, Reduce_scatter_block, Scan and Exscan on every element type
// with SUM, PROD, MAX, MIN; logical and bitwise ops on integers; MAXLOC and
// MINLOC on pair types; IN_PLACE.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';
import { filled, items, KINDS } from './typed';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

program(() => {
  const ranks = Array.from({ length: size }, (_, r) => r);
  for (const kind of KINDS) {
    const n = 3;
    const send = kind.make(n);
    for (let i = 0; i < n; i++) send[i] = kind.value(i + rank) as never;
    const cases: [InstanceType<typeof MPI.Op>, (i: number) => number][] = [
      [MPI.SUM, (i) => ranks.reduce((a, r) => a + i + r, 0)],
      [MPI.PROD, (i) => ranks.reduce((a, r) => a * (i + r), 1)],
      [MPI.MAX, (i) => i + size - 1],
      [MPI.MIN, (i) => i],
    ];
    for (const [op, expect] of cases) {
      const want = range(n, expect);
      if (Math.max(...want) > 100) continue; // stays within every type's range
      for (let root = 0; root < size; root++) {
        const r = rank === root ? kind.make(n) : null;
        comm.Reduce(send, r, op, root);
        if (r) deepStrictEqual(items(r), want, `Reduce ${op} ${kind.name}`);
      }
      const all = kind.make(n);
      comm.Allreduce(send, all, { op });
      deepStrictEqual(items(all), want, `Allreduce ${op} ${kind.name}`);
      const inplace = kind.make(n);
      inplace.set(send as never);
      comm.Allreduce(MPI.IN_PLACE, inplace, op);
      deepStrictEqual(items(inplace), want);
    }
    // Scan and Exscan of SUM.
    const scanned = kind.make(1);
    comm.Scan(filled(kind, 1, 1), scanned);
    strictEqual(items(scanned)[0], rank + 1);
    const ex = filled(kind, 1, 42);
    comm.Exscan(filled(kind, 1, 1), ex);
    strictEqual(items(ex)[0], rank === 0 ? 42 : rank); // rank 0's is left as it was
    // Reduce_scatter_block: rank r gets block r of the sum.
    const blocks = kind.make(size * 2);
    for (let i = 0; i < size * 2; i++) blocks[i] = kind.value(1) as never;
    const block = kind.make(2);
    comm.Reduce_scatter_block(blocks, block, MPI.SUM);
    deepStrictEqual(items(block), [size, size]);
  }
  // Reduce_scatter_block in place: the buffer holds every block, rank r keeps block r.
  const all = new Int32Array(size * 2).fill(1);
  comm.Reduce_scatter_block(MPI.IN_PLACE, all, MPI.SUM);
  deepStrictEqual([...all.subarray(0, 2)], [size, size]);
  // Logical and bitwise ops on integers.
  const flags = new Int32Array([rank % 2, 1, 0]);
  const out = new Int32Array(3);
  comm.Allreduce(flags, out, MPI.LAND);
  deepStrictEqual([...out], [size === 1 ? 0 : 0, 1, 0]);
  comm.Allreduce(flags, out, MPI.LOR);
  deepStrictEqual([...out], [size > 1 ? 1 : 0, 1, 0]);
  comm.Allreduce(flags, out, MPI.LXOR);
  deepStrictEqual([...out], [Math.floor(size / 2) % 2, size % 2, 0]);
  const bits = new Uint32Array([1 << rank, 0xff ^ (1 << rank)]);
  const bout = new Uint32Array(2);
  comm.Allreduce(bits, bout, MPI.BOR);
  strictEqual(bout[0], (1 << size) - 1);
  comm.Allreduce(bits, bout, MPI.BAND);
  strictEqual(bout[1], ranks.reduce((a, r) => a & (0xff ^ (1 << r)), 0xff));
  comm.Allreduce(bits, bout, MPI.BXOR);
  strictEqual(bout[0], (1 << size) - 1);
  // MAXLOC/MINLOC on (value, index) pairs: TWOINT as an Int32Array.
  const pair = new Int32Array([rank % 2 === 0 ? 5 : 9, rank]);
  const best = new Int32Array(2);
  comm.Allreduce([pair, 1, MPI.TWOINT], [best, 1, MPI.TWOINT], MPI.MAXLOC);
  deepStrictEqual([...best], size > 1 ? [9, 1] : [5, 0]);
  comm.Allreduce([pair, 1, MPI.TWOINT], [best, 1, MPI.TWOINT], MPI.MINLOC);
  deepStrictEqual([...best], [5, 0]);
  // DOUBLE_INT: a double then an int, 16 bytes with padding.
  const extent = MPI.DOUBLE_INT.extent;
  const di = new DataView(new ArrayBuffer(extent));
  di.setFloat64(0, -rank, true);
  di.setInt32(8, rank, true);
  const dout = new DataView(new ArrayBuffer(extent));
  comm.Allreduce([di, MPI.DOUBLE_INT], [dout, MPI.DOUBLE_INT], MPI.MINLOC);
  deepStrictEqual([dout.getFloat64(0, true), dout.getInt32(8, true)], [-(size - 1), size - 1]);
});
