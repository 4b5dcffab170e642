// Dup, Split, Split_type, Compare, Free, names, and groups: Get_group, Incl,
// Excl, Translate_ranks, Create.
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(async () => {
  const dup = comm.Dup();
  strictEqual(dup.size, size);
  strictEqual(dup.rank, rank);
  strictEqual(comm.Compare(dup), MPI.CONGRUENT);
  strictEqual(comm.Compare(comm), MPI.IDENT);
  // Traffic on the duplicate never meets traffic on the original.
  dup.isend('dup', rank, 1);
  comm.isend('world', rank, 1);
  strictEqual(comm.recv(rank, 1), 'world');
  strictEqual(dup.recv(rank, 1), 'dup');
  // Freeing a communicator ends the object receives still waiting on it.
  const other = comm.Dup();
  const orphan = other.irecv(0, 3);
  other.Free();
  let why: unknown;
  await orphan.then(undefined, (e) => (why = e));
  ok(why instanceof MPI.Exception && why.error_class === MPI.ERR_COMM);
  dup.Set_name('my dup');
  strictEqual(dup.Get_name(), 'my dup');
  if (comm === MPI.COMM_WORLD) strictEqual(comm.Get_name(), 'MPI_COMM_WORLD');
  if (comm === MPI.COMM_SELF) strictEqual(comm.Get_name(), 'MPI_COMM_SELF');
  dup.Free();
  throws(() => dup.barrier(), MPI.Exception);

  // Split by parity; key = -rank reverses the order.
  const half = comm.Split(rank % 2, -rank);
  const members = Array.from({ length: size }, (_, r) => r).filter((r) => r % 2 === rank % 2).reverse();
  strictEqual(half.size, members.length);
  strictEqual(half.rank, members.indexOf(rank));
  deepStrictEqual(half.allgather(rank), members);
  strictEqual(comm.Compare(half), size === 1 ? MPI.CONGRUENT : MPI.UNEQUAL);
  // MPI.UNDEFINED as color leaves a rank out: COMM_NULL.
  const none = comm.Split(rank === 0 ? MPI.UNDEFINED : 1);
  strictEqual(none === MPI.COMM_NULL, rank === 0);

  const node = comm.Split_type(MPI.COMM_TYPE_SHARED);
  strictEqual(node.size, size); // one machine
  node.Free();

  // Groups.
  const group = comm.Get_group();
  strictEqual(group.size, size);
  strictEqual(group.rank, rank);
  const evens = group.Incl(Array.from({ length: size }, (_, r) => r).filter((r) => r % 2 === 0));
  const odds = group.Excl(Array.from({ length: size }, (_, r) => r).filter((r) => r % 2 === 0));
  strictEqual(evens.size + odds.size, size);
  deepStrictEqual(evens.Translate_ranks([0], group), [0]);
  strictEqual(evens.rank, rank % 2 === 0 ? rank / 2 : MPI.UNDEFINED);
  strictEqual(MPI.Group.Union(evens, odds).size, size);
  strictEqual(MPI.Group.Intersection(evens, odds).size, 0);
  strictEqual(MPI.Group.Difference(group, odds).Compare(evens), MPI.IDENT);
  const sub = comm.Create(evens);
  if (rank % 2 === 0) {
    strictEqual(sub.size, evens.size);
    strictEqual(sub.allreduce(1), evens.size);
  } else {
    strictEqual(sub, MPI.COMM_NULL);
  }
  evens.Free();
  odds.Free();
  group.Free();
});
