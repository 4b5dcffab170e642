// Faults on the cluster (argv[2]): rank 2 `kill`s itself with SIGKILL, or
// `throw`s, or every rank keeps calling Allreduce while the test takes a
// host's link down (`link`). The job must end, naming the rank or host.
import { comm, rank } from './harness';

const fault = process.argv[2];
const data = new Float64Array(1024);
const sum = new Float64Array(1024);

comm.Allreduce(data, sum);
process.stdout.write(`ready ${rank}\n`);
if (fault === 'link') {
  for (;;) comm.Allreduce(data, sum);
}
if (rank === 2) {
  if (fault === 'kill') process.kill(process.pid, 'SIGKILL');
  throw new Error('deliberate failure mid-job');
}
comm.Allreduce(data, sum); // rank 2 never joins
