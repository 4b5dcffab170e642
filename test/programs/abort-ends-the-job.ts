// comm.Abort(errorcode) on one rank ends every rank; mpirun exits with the code.
import { comm, rank } from './harness';

if (rank === 0) comm.Abort(7);
else comm.recv(0, 0); // never sent
