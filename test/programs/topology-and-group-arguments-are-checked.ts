// Lists checked against the topology and the group before MPI reads them: a
// short coords or remain_dims (MPI reads one entry per dimension, past the end
// of a short list), ranks out of range, repeated or not integers, and freeing
// the predefined MPI.GROUP_EMPTY (Open MPI frees its static object) all crashed
// or passed silently.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

program(() => {
  throwsLike(() => comm.Create_cart([size, 0.5]), TypeError, /^Create_cart: dims\[1\] must be an integer, got 0\.5$/);
  throwsLike(() => comm.Create_cart([size], ['yes'] as never), TypeError, /^Create_cart: periods\[0\] must be a boolean, got string$/);
  throwsLike(() => comm.Create_cart([size], [true, false]), RangeError, /^Create_cart: 1 dims but 2 periods$/);
  const cart = comm.Create_cart(MPI.Compute_dims(size, 3)) as InstanceType<typeof MPI.Cartcomm>;
  strictEqual(cart.ndim, 3);
  throwsLike(() => cart.Sub({} as never), TypeError, /^Sub: remain_dims must be an array, got object$/);
  throwsLike(() => cart.Sub([]), RangeError, /^Sub: remain_dims has 0 entries, expected 3 \(one per dimension of the grid\)$/);
  throwsLike(() => cart.Sub([true]), RangeError, /^Sub: remain_dims has 1 entries, expected 3/);
  throwsLike(() => cart.Sub([true, 'x', false] as never), TypeError, /^Sub: remain_dims\[1\] must be a boolean, got string$/);
  throwsLike(() => cart.Get_cart_rank([0]), RangeError, /^Get_cart_rank: coords has 1 entries, expected 3/);
  throwsLike(() => cart.Get_cart_rank([0, 0, 0.5]), TypeError, /^Get_cart_rank: coords\[2\] must be an integer, got 0\.5$/);
  throwsLike(() => cart.Get_cart_rank('000' as never), TypeError, /^Get_cart_rank: coords must be an array, got string$/);
  // The right lengths still work.
  strictEqual(cart.Get_cart_rank(cart.coords), cart.rank);
  strictEqual(cart.Get_cart_rank(new Int32Array(3)), 0);
  const plane = cart.Sub([true, true, false]);
  strictEqual(plane.ndim, 2);
  strictEqual(plane.allreduce(1), plane.size);
  plane.Free();
  cart.Free();

  const world = comm.Get_group();
  const self = MPI.COMM_SELF.Get_group();
  const t = throwsLike(() => self.Translate_ranks([5], world), MPI.Exception, /^Translate_ranks: .*ranks\[0\] = 5 is not a rank of a group of size 1/);
  strictEqual((t as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_RANK);
  throwsLike(() => self.Translate_ranks([-3], world), MPI.Exception, /ranks\[0\] = -3 is not a rank/);
  deepStrictEqual(self.Translate_ranks([0, MPI.PROC_NULL], world), [rank, MPI.PROC_NULL]);

  const f = throwsLike(() => MPI.GROUP_EMPTY.Free(), MPI.Exception, /^MPI_Group_free: .*MPI\.GROUP_EMPTY is predefined and cannot be freed/);
  strictEqual((f as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_GROUP);
  strictEqual(MPI.GROUP_EMPTY.Get_size(), 0); // still there

  throwsLike(() => world.Incl('0' as never), TypeError, /^Incl: ranks must be an array, got string$/);
  throwsLike(() => world.Incl(['0'] as never), TypeError, /^Incl: ranks\[0\] must be an integer, got string$/);
  throwsLike(() => world.Incl([0.5]), TypeError, /^Incl: ranks\[0\] must be an integer, got 0\.5$/);
  const d = throwsLike(() => world.Incl([0, 0]), MPI.Exception, /^Incl: .*ranks\[1\] = 0 is repeated/);
  strictEqual((d as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_RANK);
  throwsLike(() => world.Excl([size]), MPI.Exception, new RegExp(`^Excl: .*ranks\\[0\\] = ${size} is not a rank of a group of size ${size}`));
  throwsLike(() => world.Excl([0, 0]), MPI.Exception, /^Excl: .*repeated/);
  const first = world.Incl([0]);
  strictEqual(first.size, 1);
  strictEqual(world.Excl([0]).size, size - 1);
  first.Free();
  self.Free();
  world.Free();
});
