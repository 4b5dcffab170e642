// Receives, probes and waits given {timeout} throw MPI.TimeoutError naming the
// call, source, tag and communicator; nothing is half-received, so the message
// that comes later is still there for the next receive.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

/** s as a literal in a RegExp. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  // The communicator by its name (Open MPI names a Dup or Split itself), the rank by COMM_WORLD's.
  const name = comm.Get_name();
  if (comm === MPI.COMM_WORLD) strictEqual(name, 'MPI_COMM_WORLD');
  if (comm === MPI.COMM_SELF) strictEqual(name, 'MPI_COMM_SELF');
  const t0 = Date.now();
  const e = throwsLike(() => comm.recv({ source: left, tag: 10, timeout: 200 }), MPI.TimeoutError,
    new RegExp(`^recv\\(source=${left}, tag=10, comm=${escape(name)}\\) timed out after 200 ms on rank ${MPI.COMM_WORLD.rank}$`)) as InstanceType<typeof MPI.TimeoutError>;
  ok(Date.now() - t0 >= 190);
  strictEqual(e.source, left);
  strictEqual(e.tag, 10);
  strictEqual(e.comm, name);
  throwsLike(() => comm.Recv(new Int32Array(1), { source: left, tag: 11, timeout: 50 }), MPI.TimeoutError, /^Recv\(source=\d+, tag=11/);
  throwsLike(() => comm.probe({ source: left, tag: 12, timeout: 50 }), MPI.TimeoutError, /^Probe\(/);
  throwsLike(() => comm.mprobe({ source: left, tag: 13, timeout: 50 }), MPI.TimeoutError, /^Mprobe\(/);
  const pending = comm.irecv(left, 14);
  throwsLike(() => pending.wait({ timeout: 50 }), MPI.TimeoutError, /^wait\(\) timed out after 50 ms/);
  ok(pending.active); // still waiting for its message
  let rejected: unknown;
  await comm.irecv({ source: left, tag: 15, timeout: 100 }).then(undefined, (err) => (rejected = err));
  ok(rejected instanceof MPI.TimeoutError);
  strictEqual((rejected as InstanceType<typeof MPI.TimeoutError>).call, 'irecv');
  let rejectedBuffer: unknown;
  await comm.Irecv(new Int32Array(1), { source: left, tag: 16, timeout: 100 }).then(undefined, (err) => (rejectedBuffer = err));
  ok(rejectedBuffer instanceof MPI.TimeoutError);

  // Now the messages come: every one is still there, whole, for the next receive.
  comm.barrier();
  // Sent without waiting: on a communicator of one rank these go to oneself, and a
  // blocking send before its receive is posted may wait for ever (MPICH's does).
  const sends: MPI.Request[] = [];
  for (let tag = 10; tag <= 16; tag++) sends.push(comm.isend({ tag, from: rank }, right, tag));
  for (const tag of [10, 12, 13, 15]) deepStrictEqual(comm.recv({ source: left, tag, timeout: 5000 }), { tag, from: left });
  deepStrictEqual(comm.recv(left, 11), { tag: 11, from: left });
  deepStrictEqual(pending.wait({ timeout: 5000 }), { tag: 14, from: left });
  deepStrictEqual(await comm.irecv({ source: left, tag: 16, timeout: 5000 }), { tag: 16, from: left });
  MPI.Request.waitall(sends);
  // An infinite timeout waits as long as it takes.
  const patience = comm.isend('patience', right, 21);
  strictEqual(comm.recv({ source: left, tag: 21, timeout: Infinity }), 'patience');
  patience.wait();
  // A timeout that does not pass changes nothing.
  const sent = comm.Isend(new Float64Array([rank]), right, 20);
  const x = new Float64Array(1);
  comm.Recv(x, { source: left, tag: 20, timeout: 5000 });
  strictEqual(x[0], left);
  sent.Wait();
});
