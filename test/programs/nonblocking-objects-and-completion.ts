// isend/irecv with wait, test, waitany, testany, waitall, testall, waitsome, testsome — and await.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;

  // test() before the send is [false, undefined]; after, [true, value].
  const early = comm.irecv(left, 50);
  deepStrictEqual(early.test(), [false, undefined]);
  comm.barrier();
  const s = comm.isend('late', right, 50);
  let r: [boolean, unknown];
  do r = early.test(); while (!r[0]);
  deepStrictEqual(r, [true, 'late']);
  strictEqual(early.active, false);
  s.wait();

  // Three receives on tags 1, 2, 3 complete through waitany in the order sent.
  const reqs = [1, 2, 3].map((tag) => comm.irecv(left, tag));
  const sends = [1, 2, 3].map((tag) => comm.isend(tag * 10, right, tag));
  const order: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [index, value] = MPI.Request.waitany(reqs);
    order.push(index);
    strictEqual(value, (index + 1) * 10);
  }
  deepStrictEqual(order.sort(), [0, 1, 2]);
  deepStrictEqual(MPI.Request.waitany(reqs), [MPI.UNDEFINED, undefined]);
  deepStrictEqual(MPI.Request.testany(reqs), [MPI.UNDEFINED, true, undefined]);
  MPI.Request.waitall(sends);

  // waitall of a send and a receive: [undefined, value], statuses filled in.
  const statuses: InstanceType<typeof MPI.Status>[] = [];
  const pair = [comm.isend({ k: rank }, right, 9), comm.irecv(left, 9)];
  deepStrictEqual(MPI.Request.waitall(pair, statuses), [undefined, { k: left }]);
  strictEqual(statuses.length, 2);
  strictEqual(statuses[1].source, left);

  // waitsome/testsome: [indices, values] of what completed, statuses[k] for
  // indices[k]; [undefined, undefined] once none is active.
  const three = [21, 22, 23].map((tag) => comm.irecv(left, tag));
  deepStrictEqual(MPI.Request.testsome(three), [[], []]);
  comm.barrier(); // nothing is sent before every rank has seen testsome find nothing
  const last = comm.isend('c', right, 23);
  const someStatuses: InstanceType<typeof MPI.Status>[] = [];
  deepStrictEqual(MPI.Request.waitsome(three, someStatuses), [[2], ['c']]);
  strictEqual(someStatuses[0].tag, 23);
  strictEqual(someStatuses[0].source, left);
  comm.barrier(); // tags 21 and 22 are sent only once every rank has had tag 23 alone
  const firstTwo = [21, 22].map((tag) => comm.isend(tag, right, tag));
  const arrived = new Map<number, unknown>();
  while (arrived.size < 2) {
    const [indices, values] = MPI.Request.waitsome(three);
    indices?.forEach((index, k) => arrived.set(index, values?.[k]));
  }
  deepStrictEqual(arrived, new Map([[0, 21], [1, 22]]));
  deepStrictEqual(MPI.Request.waitsome(three), [undefined, undefined]);
  deepStrictEqual(MPI.Request.testsome(three), [undefined, undefined]);
  MPI.Request.waitall([last, ...firstTwo]);

  // testall: false until everything is done, then the values.
  const r2 = comm.irecv(left, 11);
  deepStrictEqual(MPI.Request.testall([r2]), [false, undefined]);
  comm.barrier(); // nobody sends before every rank has seen testall say false
  const s2 = comm.isend([rank], right, 11);
  let all: [boolean, unknown[] | undefined];
  do all = MPI.Request.testall([s2, r2]);
  while (!all[0]);
  deepStrictEqual(all[1], [undefined, [left]]);

  // Awaiting requests, and Promise.all over many.
  const got = comm.irecv(left, 12);
  comm.isend(new Map([['r', rank]]), right, 12);
  deepStrictEqual(await got, new Map([['r', left]]));
  const many = Array.from({ length: 20 }, (_, i) => comm.irecv(left, 200 + i));
  const out = Array.from({ length: 20 }, (_, i) => comm.isend(i * rank, right, 200 + i));
  deepStrictEqual(await Promise.all(many), Array.from({ length: 20 }, (_, i) => i * left));
  await Promise.all(out);
});
