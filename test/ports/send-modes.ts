// Every send mode between neighbours on a ring: standard, synchronous, buffered
// through an attached buffer, ready (the receive posted first), and a
// Sendrecv_replace that shifts a buffer in place.
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const right = (rank + 1) % size;
const left = (rank - 1 + size) % size;

const data = Float64Array.from({ length: 8 }, (_, i) => i + 10 * rank);
const got = new Float64Array(8);

// Synchronous: completes once the receive has started.
let req = comm.Irecv([got, MPI.DOUBLE], { source: left, tag: 1 });
comm.Ssend([data, MPI.DOUBLE], { dest: right, tag: 1 });
req.Wait();
console.log(`rank ${rank}: ssend ${Array.from(got).join(' ')}`);

// Buffered: copied into the attached buffer, returns at once.
const buf = new Uint8Array(MPI.BSEND_OVERHEAD + data.byteLength);
MPI.Attach_buffer(buf);
comm.Bsend([data, MPI.DOUBLE], { dest: right, tag: 2 });
comm.Recv([got, MPI.DOUBLE], { source: left, tag: 2 });
const detached = MPI.Detach_buffer() as Uint8Array;
console.log(`rank ${rank}: bsend ${Array.from(got).join(' ')} detached ${detached.length === buf.length ? 'True' : 'False'}`);

// Ready: the receive is posted before the barrier, the send after it.
req = comm.Irecv([got, MPI.DOUBLE], { source: left, tag: 3 });
comm.Barrier();
comm.Rsend([data.map((x) => x * 2), MPI.DOUBLE], { dest: right, tag: 3 });
req.Wait();
console.log(`rank ${rank}: rsend ${Array.from(got).join(' ')}`);

// Shift in place.
const ring = new Int32Array([rank, rank * rank]);
const status = new MPI.Status();
comm.Sendrecv_replace([ring, MPI.INT], { dest: right, sendtag: 4, source: left, recvtag: 4, status });
console.log(`rank ${rank}: replace ${Array.from(ring).join(' ')} from ${status.Get_source()} tag ${status.Get_tag()}`);

// Nonblocking buffered and synchronous sends, waited on together.
MPI.Attach_buffer(buf);
const reqs = [comm.Ibsend([data, 4, MPI.DOUBLE], { dest: right, tag: 5 }), comm.Issend([data, MPI.DOUBLE], { dest: right, tag: 6 })];
const first = new Float64Array(4);
comm.Recv([first, MPI.DOUBLE], { source: left, tag: 5 });
comm.Recv([got, MPI.DOUBLE], { source: left, tag: 6 });
MPI.Request.Waitall(reqs);
MPI.Detach_buffer();
console.log(`rank ${rank}: ibsend ${Array.from(first).join(' ')} issend ${got.reduce((a, b) => a + b, 0)}`);
