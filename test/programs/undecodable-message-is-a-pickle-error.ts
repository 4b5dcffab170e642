// A message that no codec wrote (raw bytes sent with Send, or by a custom
// MPI.pickle) or whose body is corrupt is an MPI.PickleError naming the call,
// both ranks, the communicator and both codecs (or the unknown byte); the rank
// lives on and the next message arrives intact. Over COMM_WORLD and a Dup.
import { ok, strictEqual } from 'node:assert/strict';

import { comm as world, MPI, program, rank, size, throwsLike } from './harness';

const mine = process.env.MPI4JS_PICKLE === 'msgpack' ? 'msgpack' : 'v8';

async function rejectsLike(p: PromiseLike<unknown>, message: RegExp): Promise<MPI.PickleError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof MPI.PickleError)) throw new Error(`expected MPI.PickleError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    ok(message.test(e.message), `expected a message like ${message}, got: ${e.message}`);
    return e;
  }
  throw new Error(`expected MPI.PickleError matching ${message}, nothing was thrown`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function exercise(comm: MPI.Intracomm): Promise<void> {
  const name = escape(comm.Get_name() || 'an unnamed communicator');
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const route = (from: number) => `from rank ${from} to rank ${rank} of ${name}`;

  // Raw bytes whose first byte names no codec, received by recv.
  let sent = comm.Isend(Uint8Array.of(0x41, 0x42, 0x43), right, 1);
  const e = throwsLike(
    () => comm.recv(left, 1),
    MPI.PickleError,
    new RegExp(`^recv: cannot decode the message ${route(left)}: its first byte 0x41 names no codec \\(rank ${rank} writes ${mine}, and reads v8, msgpack and the fast paths\\); was it sent with Send`),
  ) as MPI.PickleError;
  strictEqual(e.call, 'recv');
  strictEqual(e.source, left);
  strictEqual(e.rank, rank);
  strictEqual(e.header, 0x41);
  strictEqual(e.codec, undefined);
  strictEqual(e.localCodec, mine);
  sent.Wait();

  // The same from ANY_SOURCE without a status: the sender comes from MPI's status.
  sent = comm.Isend(Uint8Array.of(0x42), right, 2);
  throwsLike(() => comm.recv(MPI.ANY_SOURCE, 2), MPI.PickleError, new RegExp(`^recv: cannot decode the message ${route(left)}: its first byte 0x42`));
  sent.Wait();

  // A msgpack header on a body that is not MessagePack: msgpackr's error, with who and what.
  sent = comm.Isend(Uint8Array.of(5, 0x01, 0x02), right, 3);
  await rejectsLike(comm.irecv(MPI.ANY_SOURCE, 3), new RegExp(`^irecv: cannot decode the msgpack message ${route(left)} \\(rank ${rank} writes ${mine}\\): .+`));
  sent.Wait();

  // A v8 header on garbage, through a matched probe.
  sent = comm.Isend(Uint8Array.of(0xff, 0x0f, 0x99, 0x99), right, 4);
  throwsLike(() => comm.mprobe(left, 4).recv(), MPI.PickleError, new RegExp(`^Message\\.recv: cannot decode the v8 message ${route(left)} \\(rank ${rank} writes ${mine}\\): `));
  sent.Wait();

  // A truncated fast path: a number of 3 bytes.
  sent = comm.Isend(Uint8Array.of(1, 0, 0), right, 5);
  throwsLike(() => comm.irecv(left, 5).wait(), MPI.PickleError, new RegExp(`^irecv: cannot decode the fast path \\(number\\) message ${route(left)} .*corrupt number: 3 bytes`));
  sent.Wait();

  // The rank lives on: the next message arrives intact.
  comm.isend({ after: rank }, right, 6);
  strictEqual((comm.recv(left, 6) as { after: number }).after, left);

  // A custom MPI.pickle on one rank (the root) writing what no codec reads:
  // the others' bcast and the root's gather name the call and the writer.
  const root = size - 1;
  const saved = MPI.pickle.dumps;
  if (rank === root) MPI.pickle.dumps = () => Uint8Array.of(0x7a);
  if (rank === root) {
    throwsLike(() => comm.bcast('from a custom codec', root), MPI.PickleError, new RegExp(`^bcast: cannot decode the message from rank ${root} to rank ${root} of ${name}: its first byte 0x7a names no codec \\(rank ${root} writes custom`));
  } else {
    throwsLike(() => comm.bcast(undefined, root), MPI.PickleError, new RegExp(`^bcast: cannot decode the message ${route(root)}: its first byte 0x7a`));
  }
  MPI.pickle.dumps = saved;
  if (rank === 0) MPI.pickle.dumps = () => Uint8Array.of(0x7b);
  const gather = () => comm.gather(rank, root);
  if (rank === root) throwsLike(gather, MPI.PickleError, new RegExp(`^gather: cannot decode the message from rank 0 to rank ${root} of ${name}: its first byte 0x7b`));
  else strictEqual(gather(), undefined);
  MPI.pickle.dumps = saved;
  strictEqual(comm.allreduce(1), size);
}

program(async () => {
  await exercise(world);
  const dup = world.Dup();
  await exercise(dup);
  dup.Free();
});
