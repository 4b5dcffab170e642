// A user error handler that throws ends the job (mpi4py: errors in error
// handlers are unrecoverable), with the error printed.
import { MPI } from './harness';

const world = MPI.COMM_WORLD;
const handler = MPI.Comm.Create_errhandler(() => {
  throw new Error('deliberate failure in an error handler');
});
world.Set_errhandler(handler);
if (world.rank === world.size - 1) {
  try {
    world.Call_errhandler(MPI.ERR_OTHER);
  } catch {
    // not reached: the job ends inside Call_errhandler
  }
  process.stdout.write('survived the handler\n');
} else {
  world.recv(world.size - 1, 2); // never sent: only the abort ends this wait
}
