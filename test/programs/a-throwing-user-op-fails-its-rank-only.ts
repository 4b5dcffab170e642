// A user op's function that throws fails the reduction on its own rank, with
// the very value it threw; the other ranks return, and the communicator goes
// on working. (mpi4py aborts the job here: mpi4js does not.) Views the
// function keeps are detached afterwards; MPI calls inside it are refused.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

class OpFailure extends Error {}

program(() => {
  const n = 4;
  const ones = () => new Int32Array(n).fill(1);
  let calls = 0;
  const sum = MPI.Op.Create((invec: Int32Array, inoutvec: Int32Array) => {
    calls++;
    for (let i = 0; i < invec.length; i++) inoutvec[i] += invec[i];
  }, true);
  // Which ranks run the op depends on MPI's algorithm (fixed for a given size and
  // count): a dry run finds one, which then throws.
  comm.Allreduce(ones(), new Int32Array(n), sum);
  const thrower = comm.allreduce<number>(calls > 0 ? rank : size, MPI.MIN);
  if (size > 1) ok(thrower < size, 'some rank ran the op');
  const thrown = new OpFailure(`thrown on rank ${rank}`);
  const failing = MPI.Op.Create((invec: Int32Array, inoutvec: Int32Array) => {
    if (rank === thrower) throw thrown;
    for (let i = 0; i < invec.length; i++) inoutvec[i] += invec[i];
  }, true);
  let caught: unknown;
  try {
    comm.Allreduce(ones(), new Int32Array(n), failing);
  } catch (e) {
    caught = e;
  }
  if (rank === thrower) {
    strictEqual(caught, thrown, 'the thrower gets what its function threw');
    ok(caught instanceof OpFailure);
  } else {
    strictEqual(caught, undefined, 'the other ranks return');
  }
  // The communicator still works, with the same op kind of call.
  const after = new Int32Array(n);
  comm.Allreduce(ones(), after, sum);
  deepStrictEqual(Array.from(after), new Array(n).fill(size));

  // Locally, on every rank: the same object, and a thrown non-Error value as it is.
  const local = MPI.Op.Create(() => {
    throw thrown;
  }, true);
  try {
    local.Reduce_local(ones(), ones());
    ok(false, 'Reduce_local returned');
  } catch (e) {
    strictEqual(e, thrown);
  }
  const text = MPI.Op.Create(() => {
    throw 'a string';
  }, true);
  try {
    text.Reduce_local(ones(), ones());
    ok(false, 'Reduce_local returned');
  } catch (e) {
    strictEqual(e, 'a string');
  }

  // A view kept past the call holds nothing: MPI's memory is not reachable through it.
  let kept: Float64Array[] = [];
  const keeper = MPI.Op.Create((invec: Float64Array, inoutvec: Float64Array) => {
    kept = [invec, inoutvec];
    inoutvec[0] += invec[0];
  }, true);
  const inout = new Float64Array([3, 4]);
  keeper.Reduce_local(new Float64Array([1, 2]), inout);
  deepStrictEqual(Array.from(inout), [4, 4]);
  strictEqual(kept.length, 2);
  for (const v of kept) {
    strictEqual(v.byteLength, 0);
    strictEqual(v.length, 0);
    strictEqual(v.buffer.byteLength, 0);
  }
  kept = [];
  comm.Allreduce(new Float64Array([1, 2]), new Float64Array(2), keeper);
  for (const v of kept) strictEqual(v.byteLength, 0, 'a view kept from a collective');

  // An MPI call inside the function throws a clear Error (here caught by the function itself) …
  let inner: unknown;
  const caller = MPI.Op.Create(() => {
    try {
      comm.Barrier();
    } catch (e) {
      inner = e;
    }
  }, true);
  caller.Reduce_local(ones(), ones());
  ok(inner instanceof Error && /MPI calls are not allowed inside a user-defined reduction operation's function/.test(inner.message));
  // … and, uncaught, it is the reduction's error; MPI works again afterwards.
  const uncaught = MPI.Op.Create(() => {
    comm.Barrier();
  }, true);
  throwsLike(() => uncaught.Reduce_local(ones(), ones()), Error, /MPI calls are not allowed inside/);
  // Finalize too: MPI is inside the reduction.
  const finalizer = MPI.Op.Create(() => {
    MPI.Finalize();
  }, true);
  throwsLike(() => finalizer.Reduce_local(ones(), ones()), Error, /MPI calls are not allowed inside/);
  ok(!MPI.Is_finalized());
  comm.Barrier();
  for (const op of [sum, failing, local, text, keeper, caller, uncaught, finalizer]) op.Free();
});
