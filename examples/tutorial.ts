// The Raspberry Pi cluster tutorial program, in TypeScript.
//   mpirun -n 4 node .build/examples/tutorial.js      (or: npm run demo)
//
// Every rank says hello; the root broadcasts the numbers 1–6; the powers 1–5 are
// dealt out across however many ranks run; each rank raises every number to each
// of its powers; the root gathers the rows and prints the table, then sends the
// table to every other rank; finally the sum of every value is reduced to the root.
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
const size = comm.size;
const root = 0;

console.log(`Hello from rank ${rank} of ${size} on ${MPI.Get_processor_name()}`);
comm.barrier();

// The root's numbers, broadcast to everyone. The type parameter says what arrives
// (unknown without it): a claim about what the root sends, not checked at run time.
const numbers = comm.bcast<number[]>(rank === root ? [1, 2, 3, 4, 5, 6] : undefined, root);

// The powers 1–5 dealt out round-robin: with 2 ranks, rank 0 gets 1, 3, 5 and rank 1 gets 2, 4.
const powers = [1, 2, 3, 4, 5];
const dealt = Array.from({ length: size }, (_, r) => powers.filter((_, i) => i % size === r));
const mine = comm.scatter<number[]>(rank === root ? dealt : undefined, root);

// Each rank raises every number to each of its powers: one row per power.
type Row = [power: number, values: number[]];
const rows: Row[] = mine.map((p) => [p, numbers.map((n) => n ** p)]);

// The root gathers every rank's rows and prints them as a table, in power order.
const gathered = comm.gather<Row[]>(rows, root); // Row[][] at the root, undefined elsewhere
let table: Row[] | undefined;
if (rank === root && gathered) {
  table = gathered.flat().sort((a, b) => a[0] - b[0]);
  const width = String(Math.max(...table.flatMap(([, row]) => row))).length + 2;
  console.log(`\nn^p for n = ${numbers.join(', ')} (rows computed by ${size} rank${size > 1 ? 's' : ''}):`);
  console.log('p'.padStart(3) + numbers.map((n) => String(n).padStart(width)).join(''));
  for (const [p, row] of table) console.log(String(p).padStart(3) + row.map((x) => String(x).padStart(width)).join(''));
  // The root sends the finished table to every other rank.
  for (let r = 0; r < size; r++) if (r !== root) comm.send(table, r, 1);
} else {
  table = comm.recv<Row[]>(root, 1);
}

// Everyone got the same table: the sum of every value in it, reduced to the root.
const local = mine.length ? rows.reduce((s, [, row]) => s + row.reduce((a, b) => a + b, 0), 0) : 0;
const total = comm.reduce(local, MPI.SUM, root);
if (rank === root) console.log(`\nSum of every value: ${total}`);
else console.log(`rank ${rank} received the table: ${table.length} rows`);
