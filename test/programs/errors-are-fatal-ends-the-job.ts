// MPI.ERRORS_ARE_FATAL on COMM_WORLD: an error MPI finds (a truncated receive on
// the last rank) ends the whole job instead of throwing MPI.Exception.
import { MPI } from './harness';

const world = MPI.COMM_WORLD;
world.Set_errhandler(MPI.ERRORS_ARE_FATAL);
const last = world.size - 1;
if (world.rank === last) {
  world.Isend(new Int32Array(4), last, 1); // a blocking send to itself may wait for the receive (MPICH does)
  try {
    world.Recv(new Int32Array(1), last, 1);
  } catch {
    // not reached: the job ends inside Recv
  }
  process.stdout.write('survived the error\n');
} else {
  world.recv(last, 2); // never sent: only the abort ends this wait
}
