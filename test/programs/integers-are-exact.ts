// Integers reach MPI exactly or not at all: a value MPI's C type cannot hold
// (2**32 + 5 used to arrive as 5) is a RangeError, a non-integer (1.5, NaN,
// Infinity, a string) a TypeError, each naming the call and the argument —
// from the TypeScript layer, and from the addon's own reader when called directly.
import { ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm as world, MPI, program, rank, throwsLike } from './harness';

const WRAP = 2 ** 32 + 5; // 5 after Int32Value
const WRAP4 = 2 ** 32 + 4; // 4 after Int32Value
const BIG = 2 ** 53;

// The addon as lib/ sees it (dist/native.js, the same loaded module), to check its reader too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const N = require(path.join(path.dirname(require.resolve('mpi4js')), 'native.js')).native;

/** A handle's addon id (internal, so not in the public types). */
const idOf = (x: unknown): number => (x as { handle: number }).handle;

function checks(comm: typeof world): void {
  const size = comm.size;
  const me = comm.rank;

  // Tags no C int holds: a RangeError (2**32 + 5 used to be sent as tag 5), as Python's OverflowError.
  throwsLike(() => comm.send(1, me, WRAP), RangeError, /^send: tag 4294967301 does not fit in a C int$/);
  throwsLike(() => comm.isend(1, me, BIG), RangeError, /^isend: tag 9007199254740992 does not fit in a C int$/);
  throwsLike(() => comm.Send(new Int32Array(1), me, WRAP), RangeError, /^Send: tag 4294967301 does not fit in a C int$/);
  throwsLike(() => comm.Isend(new Int32Array(1), me, WRAP), RangeError, /^Isend: tag 4294967301 does not fit/);
  throwsLike(() => comm.Irecv(new Int32Array(1), me, WRAP), RangeError, /^Irecv: tag 4294967301 does not fit/);
  throwsLike(() => comm.irecv(me, WRAP), RangeError, /^irecv: tag 4294967301 does not fit/);
  throwsLike(() => comm.Iprobe(me, WRAP), RangeError, /^Iprobe: tag 4294967301 does not fit/);
  throwsLike(() => comm.Sendrecv(new Int32Array(1), me, WRAP, new Int32Array(1), me, 0), RangeError, /^Sendrecv: sendtag 4294967301 does not fit in a C int$/);
  throwsLike(() => comm.Send(new Int32Array(1), me, 1.5), TypeError, /^Send: tag must be an integer, got 1\.5$/);
  throwsLike(() => comm.Send(new Int32Array(1), me, Number.NaN), TypeError, /^Send: tag must be an integer, got NaN$/);
  throwsLike(() => comm.Send(new Int32Array(1), me, Infinity), TypeError, /^Send: tag must be an integer, got Infinity$/);
  throwsLike(() => comm.isend(1, me, 'x' as never), TypeError, /^isend: tag must be an integer, got string$/);

  // The largest valid tag works, and -0 is the tag 0 (it is the same number).
  const tagUb = N.environment.tagUb() as number;
  ok(tagUb >= 32767, `TAG_UB ${tagUb} is at least 32767`);
  const r1 = comm.isend('top', me, tagUb);
  strictEqual(comm.recv(me, tagUb), 'top');
  r1.wait();
  const r2 = comm.isend('zero', me, -0);
  strictEqual(comm.recv(me, 0), 'zero');
  r2.wait();
  // Above TAG_UB: MPI's ERR_TAG where a C int holds it (not on Open MPI, whose TAG_UB is INT_MAX), else a RangeError.
  if (tagUb < 2 ** 31 - 1) throwsLike(() => comm.send(1, me, tagUb + 1), MPI.Exception, new RegExp(`^send: MPI_ERR_TAG: tag ${tagUb + 1} is above MPI\\.TAG_UB \\(${tagUb}\\)`));
  else throwsLike(() => comm.send(1, me, tagUb + 1), RangeError, new RegExp(`^send: tag ${tagUb + 1} does not fit in a C int$`));

  // Ranks: a C int or a RangeError (mpi4py's OverflowError), then checked against the communicator's size.
  throwsLike(() => comm.Send(new Int32Array(1), WRAP, 0), RangeError, /^Send: dest 4294967301 does not fit in a C int$/);
  throwsLike(() => comm.irecv(WRAP), RangeError, /^irecv: source 4294967301 does not fit in a C int$/);
  throwsLike(() => comm.bcast(1, WRAP), RangeError, /^bcast: root 4294967301 does not fit in a C int$/);
  throwsLike(() => comm.send(1, Infinity), TypeError, /^send: dest must be an integer, got Infinity$/);

  // Counts in a buffer spec go up to 2**53-1 (src-native/largecount.h), never wrapped: 2**32 + 5 items are
  // more than the buffer holds, not 5.
  throwsLike(() => comm.Send([new Int32Array(1), WRAP], me, 0), RangeError, /buf too small: it holds 4 bytes but the count and datatype need 17179869204$/);
  throwsLike(() => comm.Send([new Int32Array(1), 1.5], me, 0), TypeError, /count must be an integer, got 1\.5/);

  // v-variant counts and displacements (a count of 2**32 + 4 used to become 4).
  const send4 = new Int32Array(4).fill(me);
  const recv4 = new Int32Array(4 * size);
  throwsLike(() => comm.Allgatherv(send4, [recv4, WRAP4, MPI.INT]), RangeError, /^Allgatherv: count 4294967300 does not fit in a C int/);
  throwsLike(() => comm.Allgatherv(send4, [recv4, new Array(size).fill(WRAP4), MPI.INT]), RangeError, /^Allgatherv: counts\[0\] 4294967300 does not fit in a C int/);
  throwsLike(() => comm.Allgatherv(send4, [recv4, [null, WRAP4], MPI.INT] as never), RangeError, /^Allgatherv: displacement stride 4294967300 does not fit in a C int/);
  throwsLike(() => comm.Allgatherv(send4, [recv4, new Array(size).fill(4), new Array(size).fill(WRAP), MPI.INT]), RangeError, /^Allgatherv: displacements\[0\] 4294967301 does not fit/);
  throwsLike(() => comm.Alltoallv([send4, new Array(size).fill(Number.NaN), null, MPI.INT], [recv4, MPI.INT]), TypeError, /^Alltoallv: counts\[0\] must be an integer, got NaN$/);
  throwsLike(() => comm.Alltoallv([send4, 1.5, MPI.INT], [recv4, MPI.INT]), TypeError, /^Alltoallv: count must be an integer, got 1\.5$/);
  // The same call with honest counts still works.
  comm.Allgatherv(send4, [recv4, 4, MPI.INT]);
  for (let i = 0; i < size; i++) strictEqual(recv4[4 * i], i);

  // Group ranks (Int32Array.from used to wrap 2**32 to rank 0 and 0.5 to 0).
  const g = comm.Get_group();
  throwsLike(() => g.Incl([2 ** 32]), RangeError, /^Incl: ranks\[0\] 4294967296 does not fit in a C int$/);
  throwsLike(() => g.Excl([0.5]), TypeError, /^Excl: ranks\[0\] must be an integer, got 0\.5$/);
  throwsLike(() => g.Incl([Number.NaN]), TypeError, /^Incl: ranks\[0\] must be an integer, got NaN$/);
  const e = throwsLike(() => g.Incl([size]), MPI.Exception, new RegExp(`^Incl: MPI_ERR_RANK: ranks\\[0\\] = ${size} is not a rank of a group of size ${size}`));
  strictEqual((e as InstanceType<typeof MPI.Exception>).Get_error_class(), MPI.ERR_RANK);
  throwsLike(() => g.Translate_ranks([0, BIG], g), RangeError, /^Translate_ranks: ranks\[1\] 9007199254740992 does not fit in a C int$/);
  const one = g.Incl([-0]);
  strictEqual(one.size, 1);
  one.Free();
  g.Free();

  // Datatype constructor counts (Create_contiguous(2**32 + 5) used to make a 5-item type; it now makes
  // all 2**32 + 5 items, emulated beyond INT_MAX: issue 12).
  const wide = MPI.INT.Create_contiguous(WRAP);
  strictEqual(wide.size, 4 * WRAP);
  wide.Free();
  throwsLike(() => MPI.INT.Create_contiguous(BIG), RangeError, /^Create_contiguous: count 9007199254740992 is out of range \(0 to 2\*\*53-1\)/);
  throwsLike(() => MPI.INT.Create_contiguous(Number.NaN), TypeError, /^Create_contiguous: count must be an integer, got NaN$/);
  throwsLike(() => MPI.INT.Create_contiguous(Infinity), TypeError, /^Create_contiguous: count must be an integer, got Infinity$/);
  throwsLike(() => MPI.INT.Create_contiguous(1.5), TypeError, /^Create_contiguous: count must be an integer, got 1\.5$/);
  throwsLike(() => MPI.INT.Create_vector(WRAP, 1, 1), RangeError, /^Create_vector: count 4294967301 does not fit in a C int/);
  throwsLike(() => MPI.INT.Create_vector(1, WRAP, 1), RangeError, /^Create_vector: blocklength 4294967301 does not fit/);
  throwsLike(() => MPI.INT.Create_vector(1, 1, WRAP), RangeError, /^Create_vector: stride 4294967301 does not fit in a C int$/);
  throwsLike(() => MPI.INT.Create_resized(0, BIG), RangeError, /^Create_resized: extent 9007199254740992 is out of range/);
  const zero = MPI.INT.Create_contiguous(-0).Commit();
  strictEqual(zero.size, 0);
  zero.Free();

  // Communicator constructors and topology: C ints.
  throwsLike(() => comm.Split(WRAP), RangeError, /^Split: color 4294967301 does not fit in a C int$/);
  throwsLike(() => comm.Split(0, Number.NaN), TypeError, /^Split: key must be an integer, got NaN$/);
  throwsLike(() => comm.Create_cart([2 ** 32 + size]), RangeError, /^Create_cart: dims\[0\] \d+ does not fit in a C int$/);

  // Abort's error code: a bad one is an error here, not a wrapped exit code.
  throwsLike(() => comm.Abort(WRAP), RangeError, /^Abort: errorcode 4294967301 does not fit in a C int$/);
  throwsLike(() => comm.Abort(1.5), TypeError, /^Abort: errorcode must be an integer, got 1\.5$/);
  throwsLike(() => MPI.Get_error_string(WRAP), RangeError, /^MPI_Error_string: errorcode 4294967301 is out of range/);

  // The addon's own reader, for anything that reaches it without lib/'s checks.
  const h = idOf(comm);
  const INT = idOf(MPI.INT);
  throwsLike(() => N.comm.Send(h, new Int32Array(1), 1, INT, me, WRAP), RangeError, /^MPI_Send: tag 4294967301 is out of range \(-2147483648 to 2147483647\)$/);
  throwsLike(() => N.comm.Send(h, new Int32Array(1), 1, INT, WRAP, 0), RangeError, /^MPI_Send: dest 4294967301 is out of range/);
  throwsLike(() => N.comm.Send(h, new Int32Array(1), 1, INT, me, Number.NaN), TypeError, /^MPI_Send: tag must be an integer, got NaN$/);
  throwsLike(() => N.comm.Send(h, new Int32Array(1), 1, INT, me, 1.5), TypeError, /^MPI_Send: tag must be an integer, got 1\.5$/);
  throwsLike(() => N.comm.Send(h, new Int32Array(1), 1, INT, undefined, 0), TypeError, /^MPI_Send: dest must be an integer, got undefined$/);
  throwsLike(() => N.comm.Irecv(h, new Int32Array(1), 1, INT, me, 'x'), TypeError, /^MPI_Irecv: tag must be an integer, got string$/);
  throwsLike(() => N.comm.Bcast(h, new Int32Array(1), 1, INT, Infinity), TypeError, /^MPI_Bcast: root must be an integer, got Infinity$/);
  throwsLike(() => N.comm.Split(h, WRAP, 0), RangeError, /^MPI_Comm_split: color 4294967301 is out of range/);
  // (The datatype calls are named as mpi4py's methods; a count beyond INT_MAX is emulated, up to 2**53-1.)
  throwsLike(() => N.datatype.createContiguous(BIG, INT), RangeError, /^Create_contiguous: count 9007199254740992 is out of range \(0 to 2\*\*53-1\)$/);
  throwsLike(() => N.datatype.createContiguous(-1, INT), RangeError, /^Create_contiguous: count -1 is out of range/);
  throwsLike(() => N.datatype.createVector(WRAP, 1, 1, INT), RangeError, /^Create_vector: count 4294967301 is out of range \(0 to 2147483647\)$/);
  throwsLike(() => N.datatype.createVector(1, 1, BIG, INT), RangeError, /^Create_vector: stride 9007199254740992 is out of range/);
  throwsLike(() => N.datatype.createResized(INT, 0, 2 ** 64), RangeError, /^Create_resized: extent \S+ is out of range/);
}

program(() => {
  checks(world);
  const dup = world.Dup();
  checks(dup);
  dup.Free();
  ok(rank >= 0);
});
