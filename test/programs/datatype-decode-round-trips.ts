// Datatype.decode(), Get_envelope() and Get_contents() of each constructor:
// rebuilding a type from its decoded params gives an equal decode (mpi4py's
// check_recreate); predefined datatypes in the contents are the exported
// constants; derived ones are new objects owning a reference, freeable apart
// from the type they came from; a predefined type has no contents (ERR_TYPE).
import { deepStrictEqual, notStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, size, throwsLike } from './harness';

type Datatype = InstanceType<typeof MPI.Datatype>;
type Params = ReturnType<Datatype['decode']>[2];

/** The constructor call decode() describes, with mpi4py's argument order. */
function recreate(oldtype: Datatype, combiner: string, p: Params): Datatype {
  switch (combiner) {
    case 'CONTIGUOUS':
      return oldtype.Create_contiguous(p.count!);
    case 'VECTOR':
      return oldtype.Create_vector(p.count!, p.blocklength!, p.stride!);
    case 'RESIZED':
      return oldtype.Create_resized(p.lb!, p.extent!);
    case 'DUP':
      return oldtype.Dup();
    case 'HVECTOR':
      return oldtype.Create_hvector(p.count!, p.blocklength!, p.stride!);
    case 'INDEXED':
      return oldtype.Create_indexed(p.blocklengths!, p.displacements!);
    case 'HINDEXED':
      return oldtype.Create_hindexed(p.blocklengths!, p.displacements!);
    case 'INDEXED_BLOCK':
      return oldtype.Create_indexed_block(p.blocklength!, p.displacements!);
    case 'HINDEXED_BLOCK':
      return oldtype.Create_hindexed_block(p.blocklength!, p.displacements!);
    case 'STRUCT':
      return MPI.Datatype.Create_struct(p.blocklengths!, p.displacements!, p.datatypes!);
    case 'SUBARRAY':
      return oldtype.Create_subarray(p.sizes!, p.subsizes!, p.starts!, p.order!);
    case 'DARRAY':
      return oldtype.Create_darray(p.size!, p.rank!, p.gsizes!, p.distribs!, p.dargs!, p.psizes!, p.order!);
    case 'F90_INTEGER':
      return MPI.Datatype.Create_f90_integer(p.r!);
    case 'F90_REAL':
      return MPI.Datatype.Create_f90_real(p.p!, p.r!);
    case 'F90_COMPLEX':
      return MPI.Datatype.Create_f90_complex(p.p!, p.r!);
    default:
      throw new Error(`recreate: no constructor for ${combiner}`);
  }
}

/** decode() with derived oldtypes decoded in turn, for comparing two types built alike. */
function tree(t: Datatype): unknown {
  const [oldtype, combiner, params] = t.decode();
  if (combiner === 'NAMED') return String(t);
  // A struct has no one oldtype (DATATYPE_NULL): its datatypes are in params.
  return [oldtype === MPI.DATATYPE_NULL ? 'none' : tree(oldtype), combiner, params];
}

program(() => {
  const NAMED = MPI.INT.combiner;
  deepStrictEqual(MPI.INT.Get_envelope(), [0, 0, 0, 0, NAMED]);
  deepStrictEqual(MPI.DOUBLE.envelope, MPI.DOUBLE.Get_envelope());
  const [self, name, params] = MPI.DOUBLE.decode();
  strictEqual(self, MPI.DOUBLE);
  strictEqual(name, 'NAMED');
  deepStrictEqual(params, {});
  const e = throwsLike(() => MPI.INT.Get_contents(), MPI.Exception, /MPI_ERR_TYPE/) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.error_class, MPI.ERR_TYPE);
  throwsLike(() => MPI.INT.contents, MPI.Exception, /MPI_ERR_TYPE/);

  // [type, combiner, params, envelope's [ni, na, nd] in the legacy layout]
  const contiguous = MPI.INT.Create_contiguous(3 + size);
  const vector = MPI.DOUBLE.Create_vector(2, 3, -4);
  const resized = MPI.INT.Create_resized(-4, 16);
  const column = MPI.DOUBLE.Create_vector(size + 1, 1, size).Create_resized(0, 8); // oldtype derived
  const pairs = MPI.DOUBLE.Create_vector(2, 1, 3);
  const nested = pairs.Create_contiguous(2);
  const cases: [Datatype, string, Params, [number, number, number]][] = [
    [contiguous, 'CONTIGUOUS', { count: 3 + size }, [1, 0, 1]],
    [vector, 'VECTOR', { count: 2, blocklength: 3, stride: -4 }, [3, 0, 1]],
    [resized, 'RESIZED', { lb: -4, extent: 16 }, [0, 2, 1]],
    [column, 'RESIZED', { lb: 0, extent: 8 }, [0, 2, 1]],
    [nested, 'CONTIGUOUS', { count: 2 }, [1, 0, 1]],
    [MPI.INT.Dup(), 'DUP', {}, [0, 0, 1]],
    [MPI.INT.Create_hvector(2, 1, 12), 'HVECTOR', { count: 2, blocklength: 1, stride: 12 }, [2, 1, 1]],
    [MPI.INT.Create_indexed([1, 2], [0, 3]), 'INDEXED', { blocklengths: [1, 2], displacements: [0, 3] }, [5, 0, 1]],
    [MPI.INT.Create_hindexed([2, 1], [0, 16]), 'HINDEXED', { blocklengths: [2, 1], displacements: [0, 16] }, [3, 2, 1]],
    [MPI.INT.Create_indexed_block(2, [0, 4, 8]), 'INDEXED_BLOCK', { blocklength: 2, displacements: [0, 4, 8] }, [5, 0, 1]],
    [MPI.INT.Create_hindexed_block(1, [0, 8]), 'HINDEXED_BLOCK', { blocklength: 1, displacements: [0, 8] }, [2, 2, 1]],
    [
      MPI.Datatype.Create_struct([1, 1], [0, 8], [MPI.INT, MPI.DOUBLE]),
      'STRUCT',
      { blocklengths: [1, 1], displacements: [0, 8], datatypes: [MPI.INT, MPI.DOUBLE] },
      [3, 2, 2],
    ],
    [
      MPI.INT.Create_subarray([4, 5], [2, 3], [1, 1], MPI.ORDER_C),
      'SUBARRAY',
      { sizes: [4, 5], subsizes: [2, 3], starts: [1, 1], order: MPI.ORDER_C },
      [8, 0, 1],
    ],
    [
      MPI.INT.Create_darray(size, comm.rank, [8], [MPI.DISTRIBUTE_BLOCK], [MPI.DISTRIBUTE_DFLT_DARG], [size], MPI.ORDER_FORTRAN),
      'DARRAY',
      { size, rank: comm.rank, gsizes: [8], distribs: [MPI.DISTRIBUTE_BLOCK], dargs: [MPI.DISTRIBUTE_DFLT_DARG], psizes: [size], order: MPI.ORDER_FORTRAN },
      [8, 0, 1],
    ],
  ];
  for (const [t, combiner, want, [ni, na, nd]] of cases) {
    const [oldtype, got, p] = t.decode();
    strictEqual(got, combiner);
    deepStrictEqual(p, want);
    const [eni, ena, enc, end, ec] = t.Get_envelope();
    strictEqual(ec, t.combiner);
    notStrictEqual(ec, NAMED);
    strictEqual(end, nd);
    // Types made without large counts keep the legacy layout (nc is 0 without MPI-4 too).
    if (enc === 0) deepStrictEqual([eni, ena], [ni, na]);
    deepStrictEqual(t.envelope, t.Get_envelope());
    const again = recreate(oldtype, got, p).Commit();
    deepStrictEqual(tree(again), tree(t));
    deepStrictEqual([again.Get_size(), ...again.Get_extent(), ...again.Get_true_extent()], [t.Get_size(), ...t.Get_extent(), ...t.Get_true_extent()]);
    again.Free();
    if (oldtype !== MPI.DATATYPE_NULL && oldtype.combiner !== NAMED) oldtype.Free();
    for (const d of p.datatypes ?? []) if (d.combiner !== NAMED) d.Free();
  }

  // Predefined datatypes in the contents are the constants themselves.
  strictEqual(vector.Get_contents()[3][0], MPI.DOUBLE);
  strictEqual(contiguous.contents[3][0], MPI.INT);
  strictEqual(resized.decode()[0], MPI.INT);
  if (vector.Get_envelope()[2] === 0) deepStrictEqual(vector.Get_contents().slice(0, 3), [[2, 3, -4], [], []]);

  // A derived oldtype is a new object with its own reference: freeing it leaves the original whole.
  const inner = nested.Get_contents()[3][0];
  notStrictEqual(inner, pairs);
  ok(inner instanceof MPI.Datatype);
  deepStrictEqual(tree(inner), tree(pairs));
  inner.Free();
  throwsLike(() => inner.Get_size(), MPI.Exception, /MPI_ERR_TYPE/);
  pairs.Commit();
  deepStrictEqual(pairs.decode()[2], { count: 2, blocklength: 1, stride: 3 });
  // The original still works in a message after its decoded copy is gone.
  const rows = new Float64Array(4).map((_, i) => i + 1);
  const got = new Float64Array(4);
  comm.Sendrecv([rows, 1, pairs], comm.rank, 3, [got, 1, pairs], comm.rank, 3);
  deepStrictEqual([...got], [1, 0, 0, 4]);

  for (const [t] of cases.slice(5)) t.Free();
  for (const t of [contiguous, vector, resized, column, pairs, nested]) t.Free();
  // A freed type has no envelope or contents: ERR_TYPE, before MPI.
  throwsLike(() => vector.Get_envelope(), MPI.Exception, /MPI_ERR_TYPE/);
  throwsLike(() => vector.Get_contents(), MPI.Exception, /MPI_ERR_TYPE/);
  throwsLike(() => vector.decode(), MPI.Exception, /MPI_ERR_TYPE/);
  // f90 types decode to their parameters and rebuild to the same object.
  for (const t of [MPI.Datatype.Create_f90_integer(9), MPI.Datatype.Create_f90_real(6, 30), MPI.Datatype.Create_f90_complex(15, 300)]) {
    const [oldtype, combiner, p] = t.decode();
    strictEqual(oldtype, MPI.DATATYPE_NULL);
    ok(/^F90_/.test(combiner));
    strictEqual(recreate(oldtype, combiner, p), t);
  }
});
