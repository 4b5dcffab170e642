// Reductions with operations of one's own, on buffers: a complex product, an
// elementwise max of absolute values, and a scan that carries a running maximum.
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();

function complex_product(invec: unknown, inoutvec: unknown, datatype?: MPI.Datatype): void {
  const a = invec as Float64Array;
  const b = inoutvec as Float64Array;
  for (let i = 0; i < a.length; i += 2) {
    const re = a[i] * b[i] - a[i + 1] * b[i + 1];
    const im = a[i] * b[i + 1] + a[i + 1] * b[i];
    b[i] = re;
    b[i + 1] = im;
  }
}

function max_abs(invec: unknown, inoutvec: unknown, datatype?: MPI.Datatype): void {
  const a = invec as Int32Array;
  const b = inoutvec as Int32Array;
  for (let i = 0; i < a.length; i++) {
    b[i] = Math.max(Math.abs(a[i]), Math.abs(b[i]));
  }
}

const cprod = MPI.Op.Create(complex_product, { commute: true });
const maxabs = MPI.Op.Create(max_abs, { commute: true });
console.log(`rank ${rank}: commutative ${cprod.Is_commutative() ? 'True' : 'False'}`);

// (1 + rank i) multiplied over every rank, twice over.
const z = new Float64Array([1.0, rank, 0.0, 1.0]);
const zz = new Float64Array(4);
comm.Allreduce([z, MPI.DOUBLE], [zz, MPI.DOUBLE], { op: cprod });
console.log(`rank ${rank}: product ${Array.from(zz, Math.trunc).join(' ')}`);

const v = Int32Array.from({ length: 3 }, (_, i) => (-1) ** rank * (rank + i));
const m = new Int32Array(3);
comm.Reduce([v, MPI.INT], [m, MPI.INT], { op: maxabs, root: 0 });
if (rank === 0) {
  console.log(`rank ${rank}: max abs ${Array.from(m).join(' ')}`);
}

// A running maximum of absolute values up to each rank.
const s = new Int32Array(3);
comm.Scan([v, MPI.INT], [s, MPI.INT], { op: maxabs });
console.log(`rank ${rank}: scan ${Array.from(s).join(' ')}`);

// The same op on local buffers.
const w = new Int32Array([5, -7, 2]);
maxabs.Reduce_local([v, MPI.INT], [w, MPI.INT]);
console.log(`rank ${rank}: local ${Array.from(w).join(' ')}`);

cprod.Free();
maxabs.Free();
void size;
