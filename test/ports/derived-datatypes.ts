// A column of a matrix, a struct of mixed fields and the face of a 3-D block,
// each described by a derived datatype and sent as is.
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const right = (rank + 1) % size;
const left = (rank - 1 + size) % size;

// Column 2 of a 4 x 5 matrix of doubles, in row-major order.
const column = MPI.DOUBLE.Create_vector(4, 1, 5).Commit();
const matrix = Float64Array.from({ length: 20 }, (_, i) => i + 100 * rank);
const col = new Float64Array(4);
comm.Sendrecv([matrix.subarray(2), 1, column], right, { recvbuf: [col, MPI.DOUBLE], source: left });
console.log(`rank ${rank}: column ${Array.from(col).join(' ')}`);
console.log(`rank ${rank}: column type size ${column.Get_size()} extent ${column.Get_extent()[1]}`);

// A record of an int and two doubles, 24 bytes with padding.
const record = MPI.Datatype.Create_struct([1, 2], [0, 8], [MPI.INT, MPI.DOUBLE]).Commit();
const raw = new Uint8Array(3 * 24);
const ints = new Int32Array(raw.buffer);
const doubles = new Float64Array(raw.buffer);
for (let i = 0; i < 3; i++) {
  ints[6 * i] = 10 * rank + i;
  doubles[3 * i + 1] = 0.5 * i;
  doubles[3 * i + 2] = rank + 0.25;
}
comm.Bcast([raw, 3, record], { root: size - 1 });
console.log(`rank ${rank}: records [${[0, 1, 2].map((i) => `(${ints[6 * i]}, ${py(doubles[3 * i + 1])}, ${py(doubles[3 * i + 2])})`).join(', ')}]`);

// The x = 1 face of a 3 x 4 x 5 block of ints, as a subarray.
const face = MPI.INT.Create_subarray([3, 4, 5], [1, 4, 5], [1, 0, 0]).Commit();
const block = Int32Array.from({ length: 60 }, (_, i) => i + 1000 * rank);
const got = new Int32Array(20);
comm.Sendrecv([block, 1, face], right, { recvbuf: [got, MPI.INT], source: left });
console.log(`rank ${rank}: face ${got[0]}..${got[got.length - 1]} sum ${got.reduce((a, b) => a + b, 0)}`);
console.log(`rank ${rank}: face type size ${face.Get_size()} extent ${face.Get_extent()[1]} true extent (${face.Get_true_extent().join(', ')})`);

// Pack a column and a record, unpack them elsewhere.
const packed = new Uint8Array(column.Pack_size(1, comm) + record.Pack_size(3, comm));
let position = column.Pack(matrix, packed, 0, comm);
position = record.Pack(raw, packed, position, comm);
const again = new Float64Array(20);
column.Unpack(packed, 0, again, comm);
console.log(`rank ${rank}: packed ${position} bytes, column back ${Array.from(again.filter((_, i) => i % 5 === 0)).join(' ')}`);

for (const t of [column, record, face]) t.Free();

/** A float as Python prints it (0.0, 1.25). */
function py(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}
