// With MPI4JS_ABORT_ON_ERROR=0 an uncaught exception is Node's own: printed,
// and the process exits 1 without MPI_Abort. Run alone (one rank).
import { MPI } from './harness';

if (MPI.rc.abort_on_error) throw new Error('expected MPI4JS_ABORT_ON_ERROR=0');
throw new Error('plain failure');
