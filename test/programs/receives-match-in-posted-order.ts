// Object receives match messages in the order the receives were posted, as
// MPI's posted receives do: two irecvs for the same source and tag get the
// first and second message, whichever is waited first; a later blocking recv
// does not overtake them.
import { strictEqual } from 'node:assert/strict';

import { comm, program, rank, size } from './harness';

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const first = comm.irecv(left, 4);
  const second = comm.irecv(left, 4);
  comm.barrier();
  for (const word of ['one', 'two', 'three']) comm.send(word, right, 4);
  strictEqual(comm.recv(left, 4), 'three');
  strictEqual(second.wait(), 'two');
  strictEqual(first.wait(), 'one');
  const a = comm.irecv(left, 5);
  const b = comm.irecv(left, 5);
  comm.barrier();
  comm.send('A', right, 5);
  comm.send('B', right, 5);
  strictEqual(await b, 'B');
  strictEqual(await a, 'A');
});
