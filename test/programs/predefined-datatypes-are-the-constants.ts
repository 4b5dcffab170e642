// The predefined datatypes are mpi4py's constants: every name mpi4py exports,
// aliases the same object, a type the library lacks MPI.DATATYPE_NULL itself,
// the others named, committed, of the size their name says, not freeable, and
// usable in a buffer call. And the constants of the constructors.
import { deepStrictEqual, notStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

type Datatype = InstanceType<typeof MPI.Datatype>;
const M = MPI as unknown as Record<string, unknown>;

// mpi4py's names (MPI.pyi), each with its size in bytes where the name fixes it.
const SIZES: Record<string, number | undefined> = {
  PACKED: 1, BYTE: 1, AINT: undefined, OFFSET: 8, COUNT: 8, // MPI_Aint is 4 bytes on armv7
  CHAR: 1, WCHAR: undefined, SIGNED_CHAR: 1, SHORT: 2, INT: 4, LONG: undefined, LONG_LONG: 8,
  UNSIGNED_CHAR: 1, UNSIGNED_SHORT: 2, UNSIGNED: 4, UNSIGNED_LONG: undefined, UNSIGNED_LONG_LONG: 8,
  FLOAT: 4, DOUBLE: 8, LONG_DOUBLE: undefined,
  C_BOOL: 1, INT8_T: 1, INT16_T: 2, INT32_T: 4, INT64_T: 8, UINT8_T: 1, UINT16_T: 2, UINT32_T: 4, UINT64_T: 8,
  C_COMPLEX: 8, C_FLOAT_COMPLEX: 8, C_DOUBLE_COMPLEX: 16, C_LONG_DOUBLE_COMPLEX: undefined,
  CXX_BOOL: 1, CXX_FLOAT_COMPLEX: 8, CXX_DOUBLE_COMPLEX: 16, CXX_LONG_DOUBLE_COMPLEX: undefined,
  SHORT_INT: 6, INT_INT: 8, TWOINT: 8, LONG_INT: undefined, FLOAT_INT: 8, DOUBLE_INT: 12, LONG_DOUBLE_INT: undefined,
  CHARACTER: 1, LOGICAL: 4, INTEGER: 4, REAL: 4, DOUBLE_PRECISION: 8, COMPLEX: 8, DOUBLE_COMPLEX: 16,
  LOGICAL1: 1, LOGICAL2: 2, LOGICAL4: 4, LOGICAL8: 8, LOGICAL16: 16,
  INTEGER1: 1, INTEGER2: 2, INTEGER4: 4, INTEGER8: 8, INTEGER16: 16,
  REAL2: 2, REAL4: 4, REAL8: 8, REAL16: 16, COMPLEX4: 4, COMPLEX8: 8, COMPLEX16: 16, COMPLEX32: 32,
  FLOAT16_T: 2, BFLOAT16_T: 2,
};

// Aliases: [alias, original], the same object.
const ALIASES: [string, string][] = [
  ['C_COMPLEX', 'C_FLOAT_COMPLEX'], ['INT_INT', 'TWOINT'], ['LONG_LONG_INT', 'LONG_LONG'], ['FLOAT32_T', 'FLOAT'],
  ['FLOAT64_T', 'DOUBLE'], ['UNSIGNED_INT', 'UNSIGNED'], ['SIGNED_SHORT', 'SHORT'], ['SIGNED_INT', 'INT'],
  ['SIGNED_LONG', 'LONG'], ['SIGNED_LONG_LONG', 'LONG_LONG'], ['BOOL', 'C_BOOL'], ['SINT8_T', 'INT8_T'],
  ['SINT16_T', 'INT16_T'], ['SINT32_T', 'INT32_T'], ['SINT64_T', 'INT64_T'], ['F_BOOL', 'LOGICAL'], ['F_INT', 'INTEGER'],
  ['F_FLOAT', 'REAL'], ['F_DOUBLE', 'DOUBLE_PRECISION'], ['F_COMPLEX', 'COMPLEX'], ['F_FLOAT_COMPLEX', 'COMPLEX'],
  ['F_DOUBLE_COMPLEX', 'DOUBLE_COMPLEX'],
];

// The pair types' data has a gap (a double then an int): their extent is not their size.
const PAIRS = new Set(['SHORT_INT', 'INT_INT', 'TWOINT', 'LONG_INT', 'FLOAT_INT', 'DOUBLE_INT', 'LONG_DOUBLE_INT']);

program(() => {
  const NULL = MPI.DATATYPE_NULL;
  // Every name is exported, and a Datatype.
  for (const name of ['DATATYPE_NULL', ...Object.keys(SIZES), ...ALIASES.map(([a]) => a)]) {
    ok(M[name] instanceof MPI.Datatype, `MPI.${name} is a Datatype`);
  }
  // Every Datatype on the namespace is one of these names.
  const known = new Set(['DATATYPE_NULL', ...Object.keys(SIZES), ...ALIASES.map(([a]) => a)]);
  deepStrictEqual(Object.keys(M).filter((k) => M[k] instanceof MPI.Datatype && !known.has(k)), []);
  // Aliases are the same object.
  for (const [alias, original] of ALIASES) strictEqual(M[alias], M[original], `MPI.${alias} === MPI.${original}`);

  // A type the library lacks is DATATYPE_NULL itself. Open MPI 4.1's headers have no REAL2, LOGICAL16,
  // COMPLEX4 and no 16-bit floats (MPICH: its unsupported Fortran types are MPI_DATATYPE_NULL).
  const [vendor, version] = MPI.get_vendor();
  if (vendor === 'Open MPI' && version[0] === 4) {
    for (const name of ['REAL2', 'LOGICAL16', 'COMPLEX4', 'FLOAT16_T', 'BFLOAT16_T']) strictEqual(M[name], NULL, `MPI.${name} is DATATYPE_NULL on Open MPI 4`);
  }
  // The others: distinct objects, named by MPI, committed, sized as their names say, never freeable.
  const present = Object.keys(SIZES).filter((name) => M[name] !== NULL);
  ok(present.length >= 55, `${present.length} predefined types present`);
  const seen = new Map<Datatype, string>();
  for (const name of present) {
    const t = M[name] as Datatype;
    const other = seen.get(t);
    ok(other === undefined || ALIASES.some(([a, o]) => (a === name && o === other) || (a === other && o === name)), `MPI.${name} is not MPI.${other}`);
    seen.set(t, name);
    strictEqual(t.is_named, true, name);
    strictEqual(t.is_predefined, true, name);
    ok(t.Get_name().startsWith('MPI_'), `${name}: ${t.Get_name()}`);
    const expected = SIZES[name];
    if (expected !== undefined) strictEqual(t.size, expected, `MPI.${name}.size`);
    ok(t.size > 0, `MPI.${name} has a size`);
    strictEqual(t.lb, 0, name);
    if (!PAIRS.has(name)) strictEqual(t.extent, t.size, `MPI.${name}.extent`);
    deepStrictEqual(t.Get_true_extent(), [t.true_lb, t.true_extent], name);
  }
  strictEqual(MPI.INT.Get_name(), 'MPI_INT');
  strictEqual(MPI.DOUBLE.name, 'MPI_DOUBLE');
  for (const t of [MPI.INT, MPI.BYTE, MPI.TWOINT, MPI.C_COMPLEX]) {
    const e = throwsLike(() => t.Free(), MPI.Exception, /^Free: MPI_ERR_TYPE: a predefined datatype cannot be freed/);
    strictEqual((e as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_TYPE);
  }

  // DATATYPE_NULL and `new MPI.Datatype()`: null, predefined, not named, no size.
  const fresh = new MPI.Datatype();
  notStrictEqual(fresh, NULL);
  for (const t of [NULL, fresh]) {
    strictEqual(t.is_predefined, true);
    strictEqual(t.is_named, false);
    throwsLike(() => t.Get_size(), MPI.Exception, /^Get_size: MPI_ERR_TYPE/);
    throwsLike(() => t.Get_name(), MPI.Exception, /^Get_name: MPI_ERR_TYPE/);
  }

  // Fortran and C++ types move data like their C twins, where the library has them.
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  // Each value is made from a rank: what arrives is what the left neighbour made from its own.
  const CASES: [string, (r: number) => Int32Array | Float64Array | Uint8Array | BigInt64Array][] = [
    ['INTEGER4', (r) => new Int32Array([r, -r])],
    ['REAL8', (r) => new Float64Array([r / 4, 1e300])],
    ['CXX_BOOL', (r) => new Uint8Array([1, r % 2])],
    ['INTEGER8', (r) => new BigInt64Array([BigInt(r), -(2n ** 62n)])],
    ['COMPLEX16', (r) => new Float64Array([r, -0.5, 2, r + 1])],
  ];
  let moved = 0;
  for (const [name, make] of CASES) {
    const t = M[name] as Datatype;
    if (t === NULL) continue;
    const out = make(rank);
    const got = new Uint8Array(out.byteLength);
    const count = out.byteLength / t.size;
    comm.Sendrecv([out, count, t], right, 9, [got, count, t], left, 9);
    deepStrictEqual(got, new Uint8Array(make(left).buffer), name);
    moved++;
  }
  ok(moved > 0 || vendor !== 'Open MPI', 'Open MPI has these types');

  // The constructors' constants.
  strictEqual(MPI.ORDER_F, MPI.ORDER_FORTRAN);
  notStrictEqual(MPI.ORDER_C, MPI.ORDER_FORTRAN);
  strictEqual(new Set([MPI.DISTRIBUTE_NONE, MPI.DISTRIBUTE_BLOCK, MPI.DISTRIBUTE_CYCLIC, MPI.DISTRIBUTE_DFLT_DARG]).size, 4);
  strictEqual(new Set([MPI.TYPECLASS_INTEGER, MPI.TYPECLASS_REAL, MPI.TYPECLASS_COMPLEX]).size, 3);
  const combiners = [
    MPI.COMBINER_NAMED, MPI.COMBINER_DUP, MPI.COMBINER_CONTIGUOUS, MPI.COMBINER_VECTOR, MPI.COMBINER_HVECTOR,
    MPI.COMBINER_INDEXED, MPI.COMBINER_HINDEXED, MPI.COMBINER_INDEXED_BLOCK, MPI.COMBINER_HINDEXED_BLOCK,
    MPI.COMBINER_STRUCT, MPI.COMBINER_SUBARRAY, MPI.COMBINER_DARRAY, MPI.COMBINER_RESIZED, MPI.COMBINER_F90_INTEGER,
    MPI.COMBINER_F90_REAL, MPI.COMBINER_F90_COMPLEX,
  ];
  strictEqual(new Set(combiners).size, combiners.length, 'the combiners are distinct');
  ok(!combiners.includes(MPI.UNDEFINED));
  // MPI 4.1 and 5.0 names: UNDEFINED where the library is older (mpi4py's tests expect it).
  const [major, minor] = MPI.Get_version();
  if (major < 4 || (major === 4 && minor < 1)) strictEqual(MPI.COMBINER_VALUE_INDEX, MPI.UNDEFINED);
  if (major < 5) strictEqual(MPI.TYPECLASS_LOGICAL, MPI.UNDEFINED);
});
