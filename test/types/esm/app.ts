// An ES module user of mpi4js ("type": "module", module nodenext): both import
// forms, and received values typed through the type parameters. Every
// annotation below is checked by `tsc --strict`; the run checks the values.
import mpi from 'mpi4js';
import { MPI } from 'mpi4js';
import { as_completed, Executor, FIRST_COMPLETED, Future, get_comm_workers, ProcessPoolExecutor, ThreadPoolExecutor, wait } from 'mpi4js/futures';
import { pkl5 } from 'mpi4js/util';

const comm: MPI.Intracomm = mpi.COMM_WORLD;
if (comm !== MPI.COMM_WORLD) throw new Error('the default and the named import are not the same MPI');
const rank: number = comm.rank;
const size: number = comm.size;
const next = (rank + 1) % size;
const prev = (rank + size - 1) % size;

const answer: number = comm.bcast<number>(rank === 0 ? 42 : undefined, 0);

// Top-level await of a typed Request.
const incoming: MPI.Request<string> = comm.irecv<string>(prev, 7);
comm.isend(`from ${rank}`, next, 7);
const greeting: string = await incoming;

const gathered: number[] | undefined = comm.gather<number>(rank * 10, 0);
const total: number = comm.allreduce<number>(rank + 1);

// waitall types each request of a tuple.
const sends = [comm.isend(`tag8 ${rank}`, next, 8), comm.isend(rank * 100, next, 9)];
const [word, hundreds]: [string, number] = MPI.Request.waitall([comm.irecv<string>(prev, 8), comm.irecv<number>(prev, 9)]);
MPI.Request.waitall(sends);

// wait() and test() give T.
const req = comm.irecv<{ n: bigint }>(prev, 10);
comm.send({ n: BigInt(rank) }, next, 10);
const got: { n: bigint } = req.wait();
const probe = comm.ibcast<string[]>(rank === 0 ? ['a', 'b'] : undefined, 0);
let tested: [true, string[]] | [false, undefined] = probe.test();
while (!tested[0]) tested = probe.test();
const letters: string[] = tested[1];

// A generalized request typed by what complete(obj) gives; a persistent request, inactive between rounds.
const greq: MPI.Grequest<string> = MPI.Grequest.Start<string>((status: MPI.Status) => status.Set_source(rank));
setTimeout(() => greq.complete('done'), 1);
const completed: string = await greq;
const persistent: MPI.Prequest = comm.Send_init(new Int32Array(1), MPI.PROC_NULL);
MPI.Prequest.Startall([persistent]);
const flag: boolean = persistent.Get_status();
persistent.Wait();
persistent.Free();
if (completed !== 'done' || typeof flag !== 'boolean') throw new Error('a Grequest or a Prequest misbehaved');
// Buffer calls added by issue 12 (send modes and collectives): their names and types as users see them.
const ring = Int32Array.of(rank);
comm.Sendrecv_replace(ring, next, 11, prev, 11);
if (ring[0] !== prev) throw new Error('Sendrecv_replace did not rotate the ring');
const automatic: MPI.BufferAutomatic = MPI.BUFFER_AUTOMATIC;
const scattered = new Int32Array(1);
comm.Reduce_scatter(new Int32Array(size).fill(1), scattered, { op: MPI.SUM });
if (scattered[0] !== size || !Object.isFrozen(automatic)) throw new Error('Reduce_scatter gave the wrong sum');
// mpi4js/util's pkl5 (mpi4py 4): Comm over any communicator, Intercomm across two groups, typed.
const anyComm: pkl5.Comm = new pkl5.Comm(comm);
const viaComm: number = anyComm.bcast<number>(rank === 0 ? 5 : undefined, 0);
const halves = comm.Split(rank < size / 2 ? 0 : 1, rank);
const inter: pkl5.Intercomm = new pkl5.Intercomm(halves.Create_intercomm(0, comm, rank < size / 2 ? Math.floor(size / 2) : 0, 12));
halves.Free();
const fromA: string | undefined = inter.bcast<string | undefined>(rank === 0 ? 'from A' : undefined, rank < size / 2 ? (rank === 0 ? MPI.ROOT : MPI.PROC_NULL) : 0);
const theirs: number[] = inter.allgather<number>(rank);
const pending: pkl5.Request<undefined> = inter.isend(rank, 0, 13);
const firsts: number[] = [];
for (let i = 0; i < (inter.rank === 0 ? inter.Get_remote_size() : 0); i++) firsts.push(inter.mprobe<number>(MPI.ANY_SOURCE, 13).recv());
await pending;
const isComm: boolean = inter instanceof pkl5.Comm && inter.Dup() instanceof pkl5.Intercomm;
inter.Free();
if (viaComm !== 5 || (rank >= size / 2 && fromA !== 'from A') || theirs.length !== (rank < size / 2 ? size - Math.floor(size / 2) : Math.floor(size / 2)) || !isComm) {
  throw new Error(`pkl5 misbehaved: ${viaComm} ${fromA} ${theirs} ${firsts} ${isComm}`);
}

// mpi4js/futures' wait, as_completed, Executor, ThreadPoolExecutor and get_comm_workers as users see them.
const settled = new Future<number>();
settled.set_running_or_notify_cancel();
settled.set_result(5);
const [doneSet, pendingSet]: [Set<Future<number>>, Set<Future<number>>] = await wait([settled, new Future<number>()], { return_when: FIRST_COMPLETED, timeout: 10 });
for await (const f of as_completed([settled])) if ((f as unknown as Future<number>) !== settled) throw new Error('as_completed');
const threaded: Executor = new ThreadPoolExecutor({ max_workers: 1 });
const spawning: Executor = new ProcessPoolExecutor({ max_workers: 1 });
await threaded.shutdown();
await spawning.shutdown();
let outside = '';
try {
  get_comm_workers();
} catch (e) {
  outside = (e as Error).message;
}
if (doneSet.size !== 1 || pendingSet.size !== 1 || !/not accessible/.test(outside)) throw new Error('mpi4js/futures names misbehaved');
console.log(`ok ${rank}/${size} esm ${answer} [${greeting}] ${gathered ? gathered.join(',') : 'none'} ${total} [${word}] ${hundreds} ${got.n} ${letters.join('')}`);
