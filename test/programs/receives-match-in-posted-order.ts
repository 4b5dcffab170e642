// Object receives match messages in the order the receives were posted, as
// MPI's posted receives do: two irecvs for the same source and tag get the
// first and second message, whichever is waited first; a later blocking recv
// does not overtake them.
import { strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const first = comm.irecv(left, 4);
  const second = comm.irecv(left, 4);
  comm.barrier();
  for (const word of ['one', 'two']) comm.send(word, right, 4);
  // No receive is posted for the third until recv below: a blocking send of it
  // to oneself (a communicator of one rank) may wait for ever (MPICH does).
  const third = comm.isend('three', right, 4);
  strictEqual(comm.recv(left, 4), 'three');
  third.wait();
  strictEqual(second.wait(), 'two');
  strictEqual(first.wait(), 'one');
  const a = comm.irecv(left, 5);
  const b = comm.irecv(left, 5);
  comm.barrier();
  comm.send('A', right, 5);
  comm.send('B', right, 5);
  strictEqual(await b, 'B');
  strictEqual(await a, 'A');
  // An older wildcard receive gets the first message it matches, even when a
  // newer receive for one source probes first: no message is held back from it.
  if (size >= 3 && rank === 0) {
    const any = comm.irecv(MPI.ANY_SOURCE, 6);
    comm.send('go', 2, 7); // rank 2 sends first, then tells rank 1 to send
    strictEqual(comm.recv(1, 6), 'from 1');
    strictEqual(await any, 'from 2');
  } else if (size >= 3 && rank === 2) {
    comm.recv(0, 7);
    comm.send('from 2', 0, 6);
    comm.send('now', 1, 8);
  } else if (size >= 3 && rank === 1) {
    comm.recv(2, 8);
    // Let rank 2's message reach rank 0 (and its wildcard receive) first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    comm.send('from 1', 0, 6);
  }
});
