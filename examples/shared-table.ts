// One lookup table per node, shared by every rank on it: the node's first rank
// fills a window from Allocate_shared; the others read the same memory through
// Shared_query, with no copy and no message. (On a Raspberry Pi cluster: one
// table per Pi, not one per core.)
//   mpirun -n 4 node .build/examples/shared-table.js [entries]
import { MPI } from 'mpi4js';

const world = MPI.COMM_WORLD;
const entries = Number(process.argv[2] ?? 1_000_000);

// The ranks that can share memory with this one.
const node = world.Split_type(MPI.COMM_TYPE_SHARED);
// Only the node's rank 0 asks for memory; the others ask for none.
const win = MPI.Win.Allocate_shared(node.rank === 0 ? 8 * entries : 0, 8, { comm: node });
const [memory] = win.Shared_query(0);
const table = new Float64Array(memory.buffer, memory.byteOffset, entries);

if (node.rank === 0) {
  for (let i = 0; i < entries; i++) table[i] = Math.sqrt(i);
}
win.Fence(); // the table is complete before anyone reads it

// Every rank looks up its share of the entries in the one table.
let sum = 0;
for (let i = world.rank; i < entries; i += world.size) sum += table[i];
const total = world.allreduce<number>(sum, MPI.SUM);
const nodes = world.allreduce<number>(node.rank === 0 ? 1 : 0, MPI.SUM);
win.Fence();

if (world.rank === 0) console.log(`${nodes} table(s) of ${entries} square roots shared by ${world.size} ranks; sum ${total.toFixed(3)}`);
win.Free(); // the table's memory is gone: `table` now holds nothing
node.Free();
