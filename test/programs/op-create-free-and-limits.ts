// Op.Create and Free: at most 32 user ops live at once (mpi4py's RuntimeError
// for the 33rd), Free gives a slot back, each of the 32 runs its own function
// on buffers; Is_commutative, Reduce_local, the value form and NO_OP.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, size, throwsLike } from './harness';

const MESSAGE = 'cannot create too many user-defined reduction operations';

program(() => {
  const made: InstanceType<typeof MPI.Op>[] = [];
  for (let i = 0; i < 33; i++) {
    const k = i;
    // Adds k once per combination: a reduction of size operands combines size - 1 times.
    made.push(MPI.Op.Create((invec: Int32Array, inoutvec: Int32Array) => {
      for (let j = 0; j < invec.length; j++) inoutvec[j] += invec[j] + k;
    }, k % 2 === 0));
    if (made.length === 32) break;
  }
  strictEqual(made.length, 32);
  const refused = throwsLike(() => MPI.Op.Create((a: unknown) => a), Error, new RegExp(`^${MESSAGE}$`));
  strictEqual(refused.name, 'RuntimeError');
  // Each op runs on buffers through its own slot, and says whether it commutes.
  made.forEach((op, k) => {
    strictEqual(op.Is_commutative(), k % 2 === 0);
    strictEqual(op.is_commutative, k % 2 === 0);
    ok(!op.is_predefined);
    const r = new Int32Array(2);
    comm.Allreduce(new Int32Array([1, 2]), r, op);
    deepStrictEqual(Array.from(r), [size + (size - 1) * k, 2 * size + (size - 1) * k], `op ${k}`);
  });
  // Free gives the slot back, once.
  const last = made.pop()!;
  last.Free();
  throwsLike(() => last.Free(), MPI.Exception, /MPI_ERR_OP/);
  throwsLike(() => comm.Allreduce(new Int32Array(1), new Int32Array(1), last), MPI.Exception, /MPI_ERR_OP/);
  throwsLike(() => last.Reduce_local(new Int32Array(1), new Int32Array(1)), MPI.Exception, /MPI_ERR_OP/);
  const reused = MPI.Op.Create((invec: Int32Array, inoutvec: Int32Array) => {
    for (let j = 0; j < invec.length; j++) inoutvec[j] *= invec[j];
  }, true);
  const product = new Int32Array(1);
  comm.Allreduce(new Int32Array([2]), product, reused);
  strictEqual(product[0], 2 ** size, 'the reused slot runs the new function');
  throwsLike(() => MPI.Op.Create((a: unknown) => a), Error, new RegExp(`^${MESSAGE}$`));
  reused.Free();
  for (const op of made) op.Free();

  // Reduce_local with a predefined op and with a user op; mismatched buffers are refused.
  const inout = new Float64Array([1, 2]);
  MPI.SUM.Reduce_local(new Float64Array([10, 20]), inout);
  deepStrictEqual(Array.from(inout), [11, 22]);
  const sub = MPI.Op.Create((invec: Float64Array, inoutvec: Float64Array) => {
    for (let j = 0; j < invec.length; j++) inoutvec[j] = invec[j] - inoutvec[j];
  }, false);
  sub.Reduce_local(new Float64Array([10, 20]), inout);
  deepStrictEqual(Array.from(inout), [-1, -2]);
  throwsLike(() => sub.Reduce_local(new Float64Array(2), new Float64Array(3)), RangeError, /^Reduce_local: mismatch in inbuf count 2 and inoutbuf count 3$/);
  throwsLike(() => sub.Reduce_local(new Float64Array(2), new Int32Array(2)), TypeError, /^Reduce_local: mismatch in inbuf and inoutbuf MPI datatypes/);
  // A plain function is not an MPI op for buffers.
  throwsLike(() => comm.Allreduce(new Int32Array(1), new Int32Array(1), ((a: unknown) => a) as never), TypeError, /^Allreduce: op must be an MPI.Op/);

  // The value form: fn(a, b, undefined), its result returned.
  const args: unknown[][] = [];
  const pairs = MPI.Op.Create((...a: unknown[]) => {
    args.push(a);
    return (a[0] as number) + (a[1] as number);
  }, true);
  strictEqual(pairs.combine(1, 2), 3);
  deepStrictEqual(args, [[1, 2, undefined]]);
  strictEqual(comm.allreduce(1, pairs), size);
  for (const a of args) strictEqual(a.length, 3);
  sub.Free();
  pairs.Free();

  // NO_OP: predefined, commutative, keeps the first operand of values.
  ok(MPI.NO_OP.is_predefined);
  ok(MPI.NO_OP.Is_commutative());
  strictEqual(MPI.NO_OP.combine(1, 2), 1);
  throwsLike(() => MPI.NO_OP.Free(), MPI.Exception, /MPI_ERR_OP/);
  // OP_NULL cannot reduce buffers.
  throwsLike(() => comm.Allreduce(new Int32Array(1), new Int32Array(1), MPI.OP_NULL), MPI.Exception, /MPI_ERR_OP/);
});
