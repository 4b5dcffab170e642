/**
 * The sanitizer run's proof that it can fail (test/sanitizer/run.ts): calls the
 * deliberate one-past-the-end read that only the sanitizer build has
 * (test/native/sanitizer-self-test.cc), which must then be reported as a
 * finding in mpi4js's code. Prints `ok 0/1` once the call has returned (the
 * build recovers from reports), so a crash is told apart from a miss.
 */
import * as path from 'node:path';

import { MPI } from 'mpi4js';

// The addon itself: the public API has no way to it, by design.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { native } = require(path.join(path.dirname(require.resolve('mpi4js')), 'native.js')) as {
  native: { __asanSelfTest?: () => number };
};
if (typeof native.__asanSelfTest !== 'function') {
  throw new Error('sanitizer self-test: this addon has no __asanSelfTest (not the sanitizer build)');
}
native.__asanSelfTest();
MPI.COMM_WORLD.barrier();
process.stdout.write(`ok ${MPI.COMM_WORLD.rank}/${MPI.COMM_WORLD.size}\n`);
