// A ring exchange repeated in an inner loop through persistent requests: set up
// once, started every step, and a generalized request completed by hand.
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const right = (rank + 1) % size;
const left = (rank - 1 + size) % size;

const outgoing = new Int32Array(4);
const incoming = new Int32Array(4);
let send = comm.Send_init([outgoing, MPI.INT], { dest: right, tag: 7 });
let recv = comm.Recv_init([incoming, MPI.INT], { source: left, tag: 7 });
let total = 0;
for (let step = 0; step < 5; step++) {
  outgoing.set([rank, step, rank * step, 1]);
  MPI.Prequest.Startall([send, recv]);
  MPI.Request.Waitall([send, recv]);
  total += incoming.reduce((a, b) => a + b, 0);
  console.log(`rank ${rank}: step ${step} got ${Array.from(incoming).join(' ')}`);
}
console.log(`rank ${rank}: total ${total}`);
send.Free();
recv.Free();

// Synchronous-mode persistent sends, started one at a time.
const ssend = comm.Ssend_init([outgoing, MPI.INT], { dest: right, tag: 8 });
recv = comm.Recv_init([incoming, MPI.INT], { source: left, tag: 8 });
for (let step = 0; step < 3; step++) {
  outgoing.fill(step + rank);
  recv.Start();
  ssend.Start();
  const status = new MPI.Status();
  recv.Wait(status);
  ssend.Wait();
  console.log(`rank ${rank}: ssend step ${step} from ${status.Get_source()} count ${status.Get_count(MPI.INT)} first ${incoming[0]}`);
}
ssend.Free();
recv.Free();

// A generalized request: some work done outside MPI, completed by hand.
function query(status: MPI.Status): void {
  status.Set_source(rank);
  status.Set_tag(42);
}

function free(): void {}

function cancel(completed: boolean): void {}

const greq = MPI.Grequest.Start(query, free, cancel);
console.log(`rank ${rank}: grequest done before Complete ${greq.Test() ? 'True' : 'False'}`);
greq.Complete();
const gstatus = new MPI.Status();
greq.Wait(gstatus);
console.log(`rank ${rank}: grequest done, source ${gstatus.Get_source()} tag ${gstatus.Get_tag()}`);
void send;
