// MPI.Finalize deletes COMM_SELF's attributes first (MPI-4.1 §11.2.6): their
// delete functions run, with the value, before MPI ends.
import { strictEqual } from 'node:assert/strict';

import { MPI } from './harness';

const deleted: unknown[] = [];
const keyval = MPI.Comm.Create_keyval(null, (_comm, key, value) => {
  strictEqual(key, keyval);
  deleted.push(value);
});
MPI.COMM_SELF.Set_attr(keyval, { rank: MPI.COMM_WORLD.rank });
MPI.Finalize();
strictEqual(deleted.length, 1);
strictEqual((deleted[0] as { rank: number }).rank >= 0, true);
process.stdout.write(`deleted at finalize on rank ${(deleted[0] as { rank: number }).rank}\n`);
