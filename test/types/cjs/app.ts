// A CommonJS user of mpi4js written in TypeScript (no "type": "module"):
// the named import, the default import and `import = require`, with received
// values typed through the type parameters; plain.js requires it from JavaScript.
import mpi, { MPI } from 'mpi4js';
import mpi4js = require('mpi4js');
import { fromRequire } from './plain.js';

const comm: MPI.Intracomm = MPI.COMM_WORLD;
if (mpi.COMM_WORLD !== comm || mpi4js.MPI.COMM_WORLD !== comm || fromRequire() !== comm) {
  throw new Error('the import forms do not give the same MPI');
}
const rank: number = comm.rank;
const size: number = comm.size;
const next = (rank + 1) % size;
const prev = (rank + size - 1) % size;

const answer: number = comm.bcast<number>(rank === 0 ? 42 : undefined, 0);
const pieces: string = comm.scatter<string>(rank === 0 ? ['zero', 'one'] : undefined, 0);
const everyone: number[] = comm.allgather<number>(rank);
// Derived datatypes: constructors chain into Commit (which returns the type), queries are typed.
const column: MPI.Datatype = MPI.DOUBLE.Create_vector(2, 1, 3).Commit();
const [, columnExtent]: [number, number] = column.Get_extent();
const record = MPI.Datatype.Create_struct([1, 1], [0, 8n], [MPI.INT32_T, MPI.DOUBLE]);
if (columnExtent !== 32 || record.size !== 12) throw new Error('derived datatype layouts');
column.Free();
record.Free();

async function main(): Promise<void> {
  const incoming: MPI.Request<string> = comm.irecv<string>(prev, 7);
  comm.isend(`from ${rank}`, next, 7);
  const greeting: string = await incoming;
  const reduced: number | undefined = await comm.ireduce<number>(rank + 1, MPI.SUM, 0);
  const swapped: { rank: number } = comm.sendrecv<{ rank: number }>({ rank }, next, 3, prev, 3);
  const sent = comm.isend(`any ${rank}`, next, 4);
  const [index, first]: [number, string | undefined] = MPI.Request.waitany([comm.irecv<string>(prev, 4)]);
  sent.wait();
  console.log(`ok ${rank}/${size} cjs ${answer} ${pieces} ${everyone.join(',')} [${greeting}] ${reduced ?? 'none'} ${swapped.rank} ${index} [${first}]`);
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
