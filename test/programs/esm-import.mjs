// `import { MPI } from 'mpi4js'` works from an ES module, and is the same
// module as `require('mpi4js')`.
import { createRequire } from 'node:module';
import { strictEqual } from 'node:assert/strict';

import { MPI } from 'mpi4js';
import MPIdefault from 'mpi4js';

const require = createRequire(import.meta.url);
const { MPI: fromRequire } = require('mpi4js');
strictEqual(MPI, fromRequire);
strictEqual(MPIdefault, fromRequire);
const comm = MPI.COMM_WORLD;
strictEqual(comm.allreduce(1), comm.size);
process.stdout.write(`ok ${comm.rank}/${comm.size}\n`);
