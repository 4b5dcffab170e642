// Node 24's Float16Array: MPI (Open MPI 4.1) has no 16-bit float, so every form
// of it is refused by name, never sized as something else.
import { comm, MPI, program, rank, throwsLike } from './harness';

declare const Float16Array: new (n: number) => ArrayBufferView;

program(() => {
  const half = new Float16Array(4);
  throwsLike(() => comm.Send(half, rank), TypeError, /Float16Array: MPI has no 16-bit float/);
  // With an explicit datatype the view reaches the addon, whose table refuses it too.
  throwsLike(() => comm.Recv([half, 8, MPI.BYTE] as never, MPI.PROC_NULL), TypeError, /^Recv: buf is a Float16Array, which has no MPI datatype/);
  throwsLike(() => comm.Irecv([half, MPI.BYTE] as never, MPI.PROC_NULL), TypeError, /^Irecv: buf is a Float16Array/);
});
