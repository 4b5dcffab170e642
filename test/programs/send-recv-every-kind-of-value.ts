// Lowercase send/recv carries every kind of value the structured serializer
// handles, around a ring (a rank sends to itself when it runs alone).
import { deepStrictEqual } from 'node:assert/strict';

import { comm, program, rank, size, VALUES } from './harness';

program(() => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  VALUES.forEach((value, tag) => {
    const sent = comm.isend(value, right, tag);
    deepStrictEqual(comm.recv(left, tag), value);
    sent.wait();
  });
  // The whole corpus as one message, with the options form.
  const sent = comm.isend(VALUES, { dest: right, tag: 99 });
  deepStrictEqual(comm.recv({ source: left, tag: 99 }), VALUES);
  sent.wait();
  // A chain: rank 0 starts, the middle ranks forward, the last keeps it.
  const message = { from: 0, hops: [] as number[] };
  if (size > 1) {
    if (rank === 0) comm.send(message, 1, 7);
    else {
      const got = comm.recv(rank - 1, 7) as typeof message;
      got.hops.push(rank);
      if (rank < size - 1) comm.send(got, rank + 1, 7);
      else deepStrictEqual(got.hops, Array.from({ length: size - 1 }, (_, i) => i + 1));
    }
  }
});
