// Datatype.Match_size and Create_f90_integer/real/complex: predefined-like
// datatypes of the asked size, one object per MPI handle (an exported constant
// when the handle is one), never freed (ERR_TYPE), usable in messages.
import { ok, strictEqual, deepStrictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

type Datatype = InstanceType<typeof MPI.Datatype>;

// A Datatype's table id is internal; read here to tell whether a type is a second
// object for the handle of an exported constant (which must be the constant).
const idOf = (t: Datatype): number => (t as unknown as { handle: number }).handle;
const EXPORTED = new Map<number, Datatype>();
for (const v of Object.values(MPI)) if (v instanceof MPI.Datatype && !EXPORTED.has(idOf(v))) EXPORTED.set(idOf(v), v);

/** A predefined-like type: the exported constant for its handle if there is one, the same object twice, not freeable. */
function checkShared(t: Datatype, again: () => Datatype, label: string): void {
  strictEqual(again(), t, `${label}: a second call gave another object`);
  const constant = EXPORTED.get(idOf(t));
  if (constant) strictEqual(t, constant, `${label}: not the exported constant of its handle`);
  const e = throwsLike(() => t.Free(), MPI.Exception, /MPI_ERR_TYPE/) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.error_class, MPI.ERR_TYPE);
  ok(t.Get_size() > 0, `${label}: freed by Free`);
}

program(() => {
  const cases: [number, number, string][] = [
    [MPI.TYPECLASS_INTEGER, 1, 'INTEGER'], [MPI.TYPECLASS_INTEGER, 2, 'INTEGER'], [MPI.TYPECLASS_INTEGER, 4, 'INTEGER'],
    [MPI.TYPECLASS_INTEGER, 8, 'INTEGER'], [MPI.TYPECLASS_REAL, 4, 'REAL'], [MPI.TYPECLASS_REAL, 8, 'REAL'],
    [MPI.TYPECLASS_COMPLEX, 8, 'COMPLEX'], [MPI.TYPECLASS_COMPLEX, 16, 'COMPLEX'],
  ];
  const seen = new Set<Datatype>();
  for (const [typeclass, bytes, label] of cases) {
    const t = MPI.Datatype.Match_size(typeclass, bytes);
    strictEqual(t.Get_size(), bytes, `Match_size(${label}, ${bytes})`);
    strictEqual(t.decode()[1], 'NAMED', `Match_size(${label}, ${bytes}) is a named type`);
    checkShared(t, () => MPI.Datatype.Match_size(typeclass, bytes), `Match_size(${label}, ${bytes})`);
    ok(!seen.has(t), `Match_size(${label}, ${bytes}) gave the type of another size or class`);
    seen.add(t);
  }
  throwsLike(() => MPI.Datatype.Match_size(MPI.TYPECLASS_INTEGER, 3), MPI.Exception, /^MPI_Type_match_size/);
  throwsLike(() => MPI.Datatype.Match_size(MPI.TYPECLASS_REAL, 2 ** 31), RangeError, /^Datatype\.Match_size: size 2147483648 does not fit in a C int/);
  throwsLike(() => MPI.Datatype.Match_size('REAL' as never, 4), TypeError, /^Datatype\.Match_size: typeclass must be an integer/);

  // f90 types: at least the asked digits and range, so 4-byte and 8-byte kinds here.
  const f90: [() => Datatype, number, string, Record<string, number>][] = [
    [() => MPI.Datatype.Create_f90_integer(4), 2, 'F90_INTEGER', { r: 4 }],
    [() => MPI.Datatype.Create_f90_integer(9), 4, 'F90_INTEGER', { r: 9 }],
    [() => MPI.Datatype.Create_f90_integer(18), 8, 'F90_INTEGER', { r: 18 }],
    [() => MPI.Datatype.Create_f90_real(6, 30), 4, 'F90_REAL', { p: 6, r: 30 }],
    [() => MPI.Datatype.Create_f90_real(15, 300), 8, 'F90_REAL', { p: 15, r: 300 }],
    [() => MPI.Datatype.Create_f90_complex(6, 30), 8, 'F90_COMPLEX', { p: 6, r: 30 }],
    [() => MPI.Datatype.Create_f90_complex(15, 300), 16, 'F90_COMPLEX', { p: 15, r: 300 }],
  ];
  for (const [make, bytes, combiner, params] of f90) {
    const t = make();
    strictEqual(t.Get_size(), bytes, `${combiner} ${JSON.stringify(params)}`);
    const [oldtype, name, p] = t.decode();
    strictEqual(oldtype, MPI.DATATYPE_NULL);
    strictEqual(name, combiner);
    deepStrictEqual(p, params);
    checkShared(t, make, `${combiner} ${JSON.stringify(params)}`);
  }
  throwsLike(() => MPI.Datatype.Create_f90_real(1.5, 30), TypeError, /^Datatype\.Create_f90_real: p must be an integer, got 1\.5/);
  throwsLike(() => MPI.Datatype.Create_f90_integer(10_000), MPI.Exception, /^MPI_Type_create_f90_integer/);

  // Usable in a message: 8-byte reals around the ring, and packed.
  const real8 = MPI.Datatype.Create_f90_real(15, 300);
  const next = (rank + 1) % size;
  const prev = (rank + size - 1) % size;
  const got = new Float64Array(2);
  comm.Sendrecv([new Float64Array([rank + 0.25, -rank]), 2, real8], next, 5, [got, 2, real8], prev, 5);
  deepStrictEqual([...got], [prev + 0.25, -prev]);
  const packed = new Uint8Array(real8.Pack_size(2, comm));
  strictEqual(real8.Pack(got, packed, 0, comm), 16);
  deepStrictEqual([...new Float64Array(packed.buffer, 0, 2)], [prev + 0.25, -prev]);
});
