/**
 * `Datatype.decode()` without MPI: the parameters of a derived datatype's
 * constructor, read from what `Get_envelope()` and `Get_contents()` return.
 * A port of mpi4py's typedec.pxi, for both layouts MPI defines: the legacy one
 * (every count in `integers`, byte displacements in `addresses`) and MPI-4's,
 * where a type made with large counts keeps its counts and displacements in
 * `counts` (`nc > 0`). Pure, so tests feed it recorded contents in process.
 * @packageDocumentation
 */

/** The combiners mpi4py names, as `decode()` returns them. */
export const COMBINER_NAMES = [
  'NAMED', 'DUP', 'CONTIGUOUS', 'VECTOR', 'HVECTOR', 'INDEXED', 'HINDEXED', 'INDEXED_BLOCK', 'HINDEXED_BLOCK',
  'STRUCT', 'SUBARRAY', 'DARRAY', 'RESIZED', 'VALUE_INDEX', 'F90_INTEGER', 'F90_REAL', 'F90_COMPLEX',
] as const;

export type CombinerName = (typeof COMBINER_NAMES)[number];

/**
 * The parameters of `decode()`: the arguments of the `Create_<combiner>` call
 * that makes the same datatype again (mpi4py's params dict). Which ones are
 * present depends on the combiner.
 */
export interface DecodedParams<T> {
  count?: number;
  blocklength?: number;
  stride?: number;
  blocklengths?: number[];
  displacements?: number[];
  datatypes?: T[];
  sizes?: number[];
  subsizes?: number[];
  starts?: number[];
  order?: number;
  size?: number;
  rank?: number;
  gsizes?: number[];
  distribs?: number[];
  dargs?: number[];
  psizes?: number[];
  lb?: number;
  extent?: number;
  value?: T;
  index?: T;
  p?: number;
  r?: number;
}

/** What `Get_contents()` returns: `[integers, addresses, counts, datatypes]`. */
export type Contents<T> = [integers: number[], addresses: number[], counts: number[], datatypes: T[]];

/**
 * The combiner's name for its value, given the library's `COMBINER_*` values
 * (a value the library lacks is MPI.UNDEFINED there, and never matches a real
 * combiner). An unknown value is a RangeError.
 */
export function combinerName(value: number, constants: Readonly<Record<string, number>>, undefinedValue: number): CombinerName {
  for (const name of COMBINER_NAMES) {
    const v = constants[`COMBINER_${name}`];
    if (v === value && v !== undefinedValue) return name;
  }
  throw new RangeError(`Datatype.decode: unknown combiner value ${value}`);
}

/** p[start..last], both included, as mpi4py's makelist. */
function list(p: readonly number[], start: number, last: number): number[] {
  if (start < 0 || last >= p.length) throw new RangeError(`Datatype.decode: contents too short (items ${start} to ${last} of ${p.length})`);
  return p.slice(start, last + 1);
}

/** One item of p, checked to be there. */
function at(p: readonly number[], k: number): number {
  if (k < 0 || k >= p.length) throw new RangeError(`Datatype.decode: contents too short (item ${k} of ${p.length})`);
  return p[k];
}

/**
 * The params of a non-NAMED combiner from its contents. `counts` non-empty
 * means the MPI-4 layout (mpi4py branches on `nc > 0` the same way).
 */
export function decodeParams<T>(combiner: CombinerName, contents: Contents<T>): DecodedParams<T> {
  const [i, a, c, d] = contents;
  const big = c.length > 0;
  const n = (k: number) => (big ? at(c, k) : at(i, k));
  switch (combiner) {
    case 'NAMED':
    case 'DUP':
      return {};
    case 'CONTIGUOUS':
      return { count: n(0) };
    case 'VECTOR':
      return { count: n(0), blocklength: n(1), stride: n(2) };
    case 'HVECTOR':
      return { count: n(0), blocklength: n(1), stride: big ? at(c, 2) : at(a, 0) };
    case 'INDEXED': {
      const p = big ? c : i;
      const k = at(p, 0);
      return { blocklengths: list(p, 1, k), displacements: list(p, k + 1, 2 * k) };
    }
    case 'HINDEXED':
    case 'STRUCT': {
      const k = n(0);
      const r: DecodedParams<T> = big
        ? { blocklengths: list(c, 1, k), displacements: list(c, k + 1, 2 * k) }
        : { blocklengths: list(i, 1, k), displacements: list(a, 0, k - 1) };
      if (combiner === 'STRUCT') r.datatypes = d.slice();
      return r;
    }
    case 'INDEXED_BLOCK': {
      const p = big ? c : i;
      return { blocklength: at(p, 1), displacements: list(p, 2, at(p, 0) + 1) };
    }
    case 'HINDEXED_BLOCK':
      return big
        ? { blocklength: at(c, 1), displacements: list(c, 2, at(c, 0) + 1) }
        : { blocklength: at(i, 1), displacements: list(a, 0, at(i, 0) - 1) };
    case 'SUBARRAY': {
      const nd = at(i, 0);
      // MPI-4: integers [ndims, order], counts [sizes, subsizes, starts];
      // legacy: integers [ndims, sizes, subsizes, starts, order].
      const p = big ? c : i;
      const o = big ? 0 : 1;
      return {
        sizes: list(p, o, o + nd - 1),
        subsizes: list(p, o + nd, o + 2 * nd - 1),
        starts: list(p, o + 2 * nd, o + 3 * nd - 1),
        order: big ? at(i, 1) : at(i, 3 * nd + 1),
      };
    }
    case 'DARRAY': {
      // integers [size, rank, ndims, (gsizes, legacy only), distribs, dargs, psizes, order]; MPI-4 gsizes in counts.
      const nd = at(i, 2);
      const o = big ? 3 : 3 + nd;
      return {
        size: at(i, 0),
        rank: at(i, 1),
        gsizes: big ? list(c, 0, nd - 1) : list(i, 3, 3 + nd - 1),
        distribs: list(i, o, o + nd - 1),
        dargs: list(i, o + nd, o + 2 * nd - 1),
        psizes: list(i, o + 2 * nd, o + 3 * nd - 1),
        order: at(i, o + 3 * nd),
      };
    }
    case 'RESIZED':
      return big ? { lb: at(c, 0), extent: at(c, 1) } : { lb: at(a, 0), extent: at(a, 1) };
    case 'VALUE_INDEX':
      if (d.length < 2) throw new RangeError(`Datatype.decode: VALUE_INDEX needs 2 datatypes, got ${d.length}`);
      return { value: d[0], index: d[1] };
    case 'F90_INTEGER':
      return { r: at(i, 0) };
    case 'F90_REAL':
    case 'F90_COMPLEX':
      return { p: at(i, 0), r: at(i, 1) };
  }
}

/**
 * `[oldtype, combiner, params]` as mpi4py's decode: oldtype is the one datatype
 * of the contents, or `none` (DATATYPE_NULL) when there are several (STRUCT,
 * VALUE_INDEX) or none.
 */
export function decodeContents<T>(combiner: CombinerName, contents: Contents<T>, none: T): [T, CombinerName, DecodedParams<T>] {
  const d = contents[3];
  return [d.length === 1 ? d[0] : none, combiner, decodeParams(combiner, contents)];
}
