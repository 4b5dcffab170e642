// The communicator calls of info objects and of creation: Dup(info),
// Dup_with_info, Idup awaited (or waited) then used, Idup with info (MPI-4.0),
// Set_info/Get_info and the info property, Create_group over a subgroup (only
// its members call it), Split_type with every split type mpi4py exports,
// names (a writable name, COMM_NULL's), Clone's class.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

/** Hints a library may keep or drop: only an echoed one is checked (its value must be the one set). */
function echoedAsSet(info: InstanceType<typeof MPI.Info>, set: Record<string, string>): void {
  for (const [k, v] of info.items()) {
    ok(typeof k === 'string' && typeof v === 'string');
    if (k in set) strictEqual(v, set[k], `hint ${k}`);
  }
}

program(async () => {
  const hints = { mpi_assert_no_any_tag: 'false', mpi4js_test_hint: `r${rank}` };
  const info = MPI.Info.Create(hints);

  // Dup(info) and Dup_with_info: a congruent communicator of the same class; its hints as the library keeps them.
  for (const d of [comm.Dup(info), comm.Dup_with_info(info), comm.Dup({ info }), comm.Dup(null), comm.Dup()]) {
    strictEqual(d.constructor, comm.constructor);
    strictEqual(comm.Compare(d), MPI.CONGRUENT);
    strictEqual(d.allreduce(1), size);
    const got = d.Get_info();
    ok(got instanceof MPI.Info);
    echoedAsSet(got, hints);
    got.Free();
    d.Free();
  }
  throwsLike(() => comm.Dup_with_info(undefined as unknown as InstanceType<typeof MPI.Info>), TypeError, /^Dup_with_info: info must be an MPI\.Info/);
  throwsLike(() => comm.Dup({ bogus: 1 } as never), TypeError, /Dup/);

  // Set_info, Get_info, the info property.
  const d = comm.Dup();
  d.Set_info(info);
  echoedAsSet(d.Get_info(), hints);
  d.info = MPI.Info.Create({ mpi4js_other: 'yes' });
  const viaProperty = d.info;
  ok(viaProperty instanceof MPI.Info);
  echoedAsSet(viaProperty, { mpi4js_other: 'yes' });
  const none = MPI.Info.Create();
  d.Set_info(none); // no hints: valid
  none.Free();
  throwsLike(() => d.Set_info({} as never), TypeError, /^Set_info: info must be an MPI\.Info/);
  d.Free();
  throwsLike(() => d.Get_info(), MPI.Exception, /Get_info/);

  // Idup: [comm, request]; usable once the request completed.
  const [a, ra] = comm.Idup();
  ok(ra instanceof MPI.Request);
  await ra;
  strictEqual(a.constructor, comm.constructor);
  strictEqual(a.size, size);
  strictEqual(a.rank, rank);
  deepStrictEqual(a.allgather(rank), Array.from({ length: size }, (_, r) => r));
  strictEqual(comm.Compare(a), MPI.CONGRUENT);
  const [b, rb] = a.Idup();
  rb.Wait();
  strictEqual(b.bcast(rank === 0 ? 'from 0' : undefined, 0), 'from 0');
  // Two at once, completed together.
  const pairs = [comm.Idup(), comm.Idup()];
  MPI.Request.Waitall(pairs.map(([, r]) => r));
  for (const [c] of pairs) {
    strictEqual(c.allreduce(rank), (size * (size - 1)) / 2);
    c.Free();
  }
  if (MPI.Get_version()[0] >= 4) {
    const [c, rc] = comm.Idup(info);
    await rc;
    strictEqual(c.allreduce(1), size);
    echoedAsSet(c.Get_info(), hints);
    const [e, re] = comm.Idup_with_info(info);
    await re;
    strictEqual(e.allreduce(1), size);
    c.Free();
    e.Free();
  } else {
    const err = throwsLike(() => comm.Idup(info), MPI.NotImplementedError, /^Idup: not provided by .*MPI-4\.0/);
    strictEqual(err.name, 'NotImplementedError');
    throwsLike(() => comm.Idup_with_info(info), MPI.NotImplementedError, /^Idup_with_info: /);
  }
  a.Free();
  b.Free();

  // Create_group: the communicator of the even ranks, made by them alone.
  const group = comm.Get_group();
  const evens = group.Incl(Array.from({ length: size }, (_, r) => r).filter((r) => r % 2 === 0));
  if (rank % 2 === 0) {
    const sub = comm.Create_group(evens, 7);
    strictEqual(sub.size, evens.size);
    strictEqual(sub.rank, rank / 2);
    deepStrictEqual(sub.allgather(rank), Array.from({ length: size }, (_, r) => r).filter((r) => r % 2 === 0));
    const again = comm.Create_group({ group: evens }); // tag 0
    strictEqual(again.size, evens.size);
    again.Free();
    sub.Free();
  }
  // Every rank alone: its own group of one, with nobody else taking part.
  const me = comm.Create_group(group.Incl([rank]));
  strictEqual(me.size, 1);
  me.Free();
  throwsLike(() => comm.Create_group(evens, -1), RangeError, /^Create_group: tag -1/);
  throwsLike(() => comm.Create_group({} as never), TypeError, /Create_group/);
  evens.Free();
  group.Free();
  comm.Barrier();

  // Split_type: every split type mpi4py exports. SHARED: one machine here; the
  // MPI-4 kinds a library lacks are UNDEFINED (COMM_NULL on every rank), as in mpi4py.
  const types: [string, number][] = [
    ['COMM_TYPE_SHARED', MPI.COMM_TYPE_SHARED],
    ['COMM_TYPE_HW_GUIDED', MPI.COMM_TYPE_HW_GUIDED],
    ['COMM_TYPE_HW_UNGUIDED', MPI.COMM_TYPE_HW_UNGUIDED],
    ['COMM_TYPE_RESOURCE_GUIDED', MPI.COMM_TYPE_RESOURCE_GUIDED],
    ['UNDEFINED', MPI.UNDEFINED],
  ];
  for (const [name, t] of types) {
    if (t === MPI.UNDEFINED) {
      strictEqual(comm.Split_type(t), MPI.COMM_NULL, name);
      continue;
    }
    if (name === 'COMM_TYPE_HW_GUIDED' || name === 'COMM_TYPE_RESOURCE_GUIDED') {
      // Guided kinds need an mpi_hw_resource_type hint (MPI-4.0): the "mpi_shared_memory" one every MPI-4 library knows.
      const guide = MPI.Info.Create({ mpi_hw_resource_type: 'mpi_shared_memory' });
      const s = comm.Split_type(t, 0, guide);
      ok(s === MPI.COMM_NULL || s.size <= size, name);
      if (s !== MPI.COMM_NULL) {
        strictEqual(s.allreduce(1), s.size);
        s.Free();
      }
      guide.Free();
      continue;
    }
    const s = comm.Split_type(t, -rank);
    ok(s === MPI.COMM_NULL || s.size <= size, name);
    if (s !== MPI.COMM_NULL) {
      strictEqual(s.allreduce(1), s.size, name);
      s.Free();
    }
  }
  // SHARED on one machine: everyone, ordered by key (reversed here); the options form; with info.
  const node = comm.Split_type(MPI.COMM_TYPE_SHARED, size - rank, MPI.INFO_NULL);
  strictEqual(node.size, size);
  strictEqual(node.rank, size - 1 - rank);
  node.Free();
  const byOptions = comm.Split_type({ split_type: MPI.COMM_TYPE_SHARED, key: 0, info });
  strictEqual(byOptions.size, size);
  byOptions.Free();
  throwsLike(() => comm.Split_type(MPI.COMM_TYPE_SHARED, 0, 'x' as never), TypeError, /^Split_type: info must be an MPI\.Info/);

  // Names: a writable `name`; COMM_NULL's is MPI_COMM_NULL (mpi4py 4).
  const named = comm.Dup();
  named.name = `named ${rank}`;
  strictEqual(named.name, `named ${rank}`);
  strictEqual(named.Get_name(), `named ${rank}`);
  named.Set_name('x'.repeat(MPI.MAX_OBJECT_NAME - 1));
  strictEqual(named.name, 'x'.repeat(MPI.MAX_OBJECT_NAME - 1));
  throwsLike(() => named.Set_name('x'.repeat(MPI.MAX_OBJECT_NAME)), RangeError, /^Set_name: name of \d+ bytes is longer than MPI\.MAX_OBJECT_NAME/);
  throwsLike(() => { named.name = 'a\0b'; }, RangeError, /^Comm\.name: name must not contain NUL/);
  throwsLike(() => named.Set_name(5 as never), TypeError, /^Set_name: name must be a string/);
  strictEqual(MPI.COMM_NULL.Get_name(), 'MPI_COMM_NULL');
  strictEqual(MPI.COMM_NULL.name, 'MPI_COMM_NULL');
  throwsLike(() => MPI.COMM_NULL.Set_name('no'), MPI.Exception, /Set_name/);
  throwsLike(() => { MPI.COMM_NULL.name = 'no'; }, MPI.Exception, /Comm\.name/);
  named.Free();
  strictEqual(named.Get_name(), 'MPI_COMM_NULL'); // freed: COMM_NULL's kind

  // Clone: a Dup of the same class (a Cartcomm's keeps its topology).
  const clone = comm.Clone();
  strictEqual(clone.constructor, comm.constructor);
  strictEqual(comm.Compare(clone), MPI.CONGRUENT);
  clone.Free();
  const cart = comm.Create_cart([size]);
  ok(cart instanceof MPI.Cartcomm);
  const cartClone = cart.Clone();
  ok(cartClone instanceof MPI.Cartcomm);
  deepStrictEqual(cartClone.dims, [size]);
  const cartDup = cart.Dup(info);
  ok(cartDup instanceof MPI.Cartcomm);
  const [cartIdup, rci] = cart.Idup();
  await rci;
  ok(cartIdup instanceof MPI.Cartcomm);
  deepStrictEqual(cartIdup.coords, [rank]);
  for (const c of [cart, cartClone, cartDup, cartIdup]) c.Free();
  info.Free();
});
